// The bundled demo batch (assets/demo/establishment-2026.zip, issued by the demo bureau and made by
// paneldesk-demo) in the real window: every package's verdict label is the
// one assets/demo/expected.json gives, its documents open in pdf.js, and
// Ctrl F finds Chinese text on the page it is printed on.
// Skipped when the demo batch has not been generated.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cleanUp, openApp, startDriver } from "./driver.mjs";

const APP = resolve(process.env.PANELDESK_APP ?? "../target/debug/paneldesk");
const DEMO = resolve("../assets/demo/establishment-2026.zip");
const ACCEPTANCE = resolve("../assets/demo/acceptance-2026.zip");
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
const acceptanceDir = mkdtempSync(join(tmpdir(), "paneldesk-acceptance-"));
let driver;
let app;

before(async () => {
  if (!present) return;
  mkdirSync(SHOTS, { recursive: true });
  driver = await startDriver();
});
after(() => cleanUp(app, driver, dataDir, acceptanceDir));

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
    // The demo bureau issued it: its first batch here, so the fingerprint
    // is confirmed before anything is imported.
    await el("organizer-confirm").waitForExist({ timeout: T });
    assert.equal(await el("organizer-id").getText(), "LCSTB-DEMO");
    assert.equal(await el("organizer-name").getText(), "聊城市科学技术局（演示）");
    assert.match(await el("organizer-fingerprint").getText(), /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    await app.saveScreenshot(join(SHOTS, "07-demo-issuer.png"));
    await el("organizer-trust").click();
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

    // Chinese text is found where it is printed: the application's
    // "专家委员会" is twice on page 3 (its heading and the paragraph below)
    // and nowhere else; the first hit brings page 3 into view, highlighted.
    await el("pdf-canvas").click();
    await app.keys(["Control", "f"]);
    await el("viewer-search").waitForExist({ timeout: T });
    await el("viewer-search").setValue("专家委员会");
    await app.waitUntil(async () => /第 1 \/ 2 处/.test(await el("search-count").getText()), {
      timeout: T,
      timeoutMsg: "专家委员会 was not found twice",
    });
    await app.waitUntil(async () => /第 3 \/ \d+ 页/.test(await el("page-indicator").getText()), {
      timeout: T,
      timeoutMsg: "the first hit did not bring page 3 into view",
    });
    await app.waitUntil(
      () =>
        app.execute(() =>
          [...document.querySelectorAll('[data-test="pdf-page-3"] .textLayer .highlight')]
            .map((h) => h.textContent)
            .join(""),
        ),
      { timeout: T, timeoutMsg: "the hit on page 3 was not highlighted" },
    );
    const marked = await app.execute(() =>
      [...document.querySelectorAll('[data-test="pdf-page-3"] .textLayer .highlight.selected')]
        .map((h) => h.textContent)
        .join(""),
    );
    assert.equal(marked.replace(/\s/g, ""), "专家委员会");
  },
);

test(
  "an acceptance package shows targets against achievements, the annual reports, 通过/不通过 and the grade the total reaches",
  { skip: !(present && existsSync(ACCEPTANCE)) && "no demo batch" },
  async () => {
    await app?.deleteSession().catch(() => {});
    app = await openApp(APP, ["--data-dir", acceptanceDir, "--open", ACCEPTANCE]);
    const el = (t) => app.$(`[data-test="${t}"]`);
    const waitText = (t, pattern) =>
      app.waitUntil(async () => pattern.test(await el(t).getText()), {
        timeout: T,
        timeoutMsg: `${t} never matched ${pattern}`,
      });
    await el("profile-form").waitForExist({ timeout: T });
    await el("pick-LCEXP-2026A-02").waitForExist({ timeout: T });
    await el("pick-LCEXP-2026A-02").click();
    await el("profile-save").click();
    await el("organizer-trust").waitForExist({ timeout: T });
    await el("organizer-trust").click();
    const row = el("row-LC2026-A01");
    await row.waitForExist({ timeout: T });
    await row.click();
    await app.keys("Enter");
    await el("score-form").waitForExist({ timeout: T });

    // The facts tab: the task book's targets against what was achieved, and the annual reports.
    await el("tab-facts").click();
    await el("chair-targets").waitForExist({ timeout: T });
    assert.match(await el("chair-targets").getText(), /%/);
    assert.match(await el("chair-reports").getText(), /20\d\d/);

    // Scoring: the options are 通过 / 不通过, and the total reads as a grade.
    await el("coi-no").click();
    await el("score-tasks").waitForExist({ timeout: T });
    assert.equal(await el("rec-pass").isExisting(), true);
    assert.match(await el("rec-pass").parentElement().getText(), /通过/);
    assert.match(await el("rec-fail").parentElement().getText(), /不通过/);
    for (const [id, v] of [
      ["tasks", "27"],
      ["investment", "17"],
      ["outcomes", "21"],
      ["openness", "12"],
      ["management", "8"],
    ]) {
      await el(`score-${id}`).setValue(v);
    }
    await waitText("total", /合计 85 \/ 100/);
    await waitText("standing", /按此总分评定等次：良好/);
    await el("rec-pass").click();
    await app.saveScreenshot(join(SHOTS, "09-acceptance-score.png"));
  },
);
