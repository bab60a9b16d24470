// The bundled demo batch (assets/demo/establishment-2026.zip, made by
// paneldesk-demo) in the real window: every package's verdict label is the
// one assets/demo/expected.json gives, and its documents open in pdf.js.
// Skipped when the demo batch has not been generated.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cleanUp, openApp, startDriver } from "./driver.mjs";

const APP = resolve(process.env.PANELDESK_APP ?? "../target/debug/paneldesk");
const DEMO = resolve("../assets/demo/establishment-2026.zip");
const EXPECTED = resolve("../assets/demo/expected.json");
const SHOTS = resolve(process.env.PANELDESK_SHOTS ?? "../docs/screenshots");
const LABELS = {
  eligible: "符合条件",
  eligible_with_warnings: "符合条件（有提示）",
  needs_judgment: "需专家判断",
  ineligible: "不符合条件",
  revoke: "应予撤销",
};
const T = 30_000;
const present = existsSync(DEMO) && existsSync(EXPECTED);
const dataDir = mkdtempSync(join(tmpdir(), "paneldesk-demo-"));
let driver;
let app;

before(async () => {
  if (!present) return;
  mkdirSync(SHOTS, { recursive: true });
  driver = await startDriver();
});
after(() => cleanUp(app, driver, dataDir));

test(
  "the demo batch opens with the expected verdicts and readable documents",
  { skip: !present && "no demo batch" },
  async () => {
    const expected = JSON.parse(readFileSync(EXPECTED, "utf8"))["establishment-2026.zip"];
    app = await openApp(APP, ["--data-dir", dataDir, "--open", DEMO]);
    const el = (t) => app.$(`[data-test="${t}"]`);
    await el("profile-form").waitForExist({ timeout: T });
    await app.$('input[name="expert_id"]').setValue("LCEXP-2026E-02");
    await app.$('input[name="name"]').setValue("王立群");
    await app.$('input[name="title"]').setValue("研究员");
    await app.$('input[name="affiliation"]').setValue("山东省科学院");
    await el("profile-save").click();
    for (const [id, verdict] of Object.entries(expected)) {
      const badge = app.$(`[data-test="row-${id}"] [data-test="verdict"]`);
      await badge.waitForExist({ timeout: T });
      assert.equal(await badge.getText(), LABELS[verdict], id);
    }
    await app.saveScreenshot(join(SHOTS, "07-demo-batch.png"));

    const [first] = Object.keys(expected);
    await app.$(`[data-test="row-${first}"]`).click();
    await app.keys("Enter");
    await el("tab-formal").waitForExist({ timeout: T });
    await el("tab-formal").click();
    await el("rules").waitForExist({ timeout: T });
    await el("tab-documents").click();
    const doc = app.$('[data-test^="doc-"]');
    await doc.waitForExist({ timeout: T });
    await doc.click();
    await app.waitUntil(async () => /第 1 \/ \d+ 页/.test(await el("page-indicator").getText()), {
      timeout: T,
      timeoutMsg: "the document never rendered",
    });
    await app.waitUntil(async () => (await el("pdf-canvas").getAttribute("data-rendered-page")) === "1", {
      timeout: T,
      timeoutMsg: "page 1 was never drawn",
    });
    await app.saveScreenshot(join(SHOTS, "08-demo-document.png"));
  },
);
