// The chair's day in the real window, on the bundled demo batch: its
// roster's first expert (LCEXP-2026E-01) is the chair. The scene (the
// chair's data folder and a folder of signed reviews, with a duplicate and
// a stray file) comes from `cargo run --example chair_panel`. The demo
// roster names every expert's certificate, so their reviews count at once;
// on a version-1 batch (the e2e batch, no certificates) the chair confirms
// the experts' fingerprints first. The import dialog and the export folder are
// replaced by PANELDESK_IMPORT_DIR and PANELDESK_EXPORT_DIR (WebDriver
// cannot drive a GTK dialog).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cleanUp, runExample, openApp, startDriver } from "./driver.mjs";

const APP = resolve(process.env.PANELDESK_APP ?? "../target/debug/paneldesk");
const DEMO = resolve("../assets/demo/establishment-2026.zip");
const V1_BATCH = process.env.PANELDESK_BATCH ? resolve(process.env.PANELDESK_BATCH) : undefined;
const SHOTS = resolve(process.env.PANELDESK_SHOTS ?? "../docs/screenshots");
const PASS = "chair passphrase 2026";
const T = 30_000;
const present = existsSync(DEMO);
const root = mkdtempSync(join(tmpdir(), "paneldesk-chair-"));
const dataDir = join(root, "data");
const inbox = join(root, "inbox");
const outDir = join(root, "out");
process.env.PANELDESK_IMPORT_DIR = inbox;
process.env.PANELDESK_EXPORT_DIR = outDir;
let driver;
let app;

before(async () => {
  if (!present) return;
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  runExample(APP, "chair_panel", [DEMO, dataDir, inbox, PASS]);
  driver = await startDriver();
});
after(() => cleanUp(app, driver, root));

test(
  "the chair imports, sees the matrix and its flags, explains, gives reasons, signs and exports",
  { skip: !present && "no demo batch" },
  async () => {
    app = await openApp(APP, ["--data-dir", dataDir]);
    const el = (t) => app.$(`[data-test="${t}"]`);
    const batchButton = app.$('[data-test^="batch-"]');
    await batchButton.waitForExist({ timeout: T }).catch(async (e) => {
      await app.saveScreenshot("/tmp/chair-e2e-debug.png");
      throw e;
    });
    await batchButton.click();
    await el("chair-tab").waitForExist({ timeout: T });
    await el("chair-tab").click();

    await el("chair-import-folder").waitForExist({ timeout: T });
    // Before any review arrived: 0 of every expected answer, all named missing.
    await el("chair-submitted").waitForExist({ timeout: T });
    assert.match(await el("chair-submitted").getText(), /已收到 0\/\d+ 份/);
    assert.match(await app.$('[data-test="chair-answers-LC2026-E01"]').getText(), /0\/\d+[\s\S]*未提交/);
    // Nothing signed yet: the export says why it is unavailable.
    assert.equal(await el("chair-export").isEnabled(), false);
    assert.match(await el("chair-export-why").getText(), /尚无已签署的专家组意见/);
    await el("chair-import-folder").click();
    await el("chair-report").waitForExist({ timeout: T });
    // The demo roster names each expert's certificate: nothing to confirm.
    await app.waitUntil(async () => /接受 [1-9]\d* 份/.test(await el("chair-report").getText()), {
      timeout: T,
      timeoutMsg: "the reviews signed with the roster's certificates were not accepted",
    });
    assert.equal(await el("chair-unconfirmed").isExisting(), false);
    const rejections = await el("chair-rejections").getText();
    assert.match(rejections, /会议安排\.txt/);
    assert.match(rejections, /PDF/);
    assert.match(await el("chair-duplicates").getText(), /LCEXP-2026E-02/);
    await app.saveScreenshot(join(SHOTS, "20-chair-import.png"));
    assert.match(await el("chair-submitted").getText(), /已收到 [1-9]\d*\/\d+ 份/);

    const open = app.$('[data-test="chair-open-LC2026-E01"]');
    await open.waitForExist({ timeout: T });
    await open.click();
    await el("chair-matrix").waitForExist({ timeout: T });
    const rows = await app.$$('[data-test="chair-matrix"] tbody tr');
    assert.equal(rows.length, 5);
    await el("chair-flags").waitForExist({ timeout: T });
    assert.ok((await app.$$(".flagged")).length > 0, "flags are highlighted in the matrix");
    await el("radar").waitForExist({ timeout: T });
    await app.saveScreenshot(join(SHOTS, "21-chair-matrix.png"));

    await el("explain-total").click();
    await el("explain-dialog").waitForExist({ timeout: T });
    assert.match(await el("explain-division").getText(), /÷ 3/);
    assert.match(await el("explain-steps").getText(), /四舍五入/);
    await app.saveScreenshot(join(SHOTS, "22-chair-explain.png"));
    await el("explain-close").click();

    // Signing is refused while a flag has no reason.
    await el("chair-passphrase").setValue(PASS);
    await el("chair-sign").click();
    await el("error").waitForExist({ timeout: T });
    assert.equal(await el("error-code").getText(), "错误代码：cannot-sign");
    assert.match(await el("error").getText(), /请先为每个分歧提示填写理由/);
    for (const box of await app.$$('[data-test^="reason-"]')) {
      await box.setValue("经专家组讨论，分歧系评审侧重点不同，维持原评分。");
    }
    await el("chair-passphrase").setValue(PASS);
    await el("chair-sign").click();
    await el("chair-signed-at").waitForExist({ timeout: T });
    await app.saveScreenshot(join(SHOTS, "23-chair-signed.png"));

    await el("chair-package-back").click();
    await el("chair-export").waitForExist({ timeout: T });
    await el("chair-export-passphrase").setValue(PASS);
    await el("chair-export").click();
    await el("chair-export-notice").waitForExist({ timeout: T });
    const files = readdirSync(outDir).sort();
    assert.deepEqual(files, ["LC2026-E01.pdf", "ranking.csv", "ranking.pdf", "ranking.xlsx"]);
    await app.saveScreenshot(join(SHOTS, "24-chair-overview.png"));
    try {
      const out = execFileSync("pdfsig", [join(outDir, "LC2026-E01.pdf")]).toString();
      assert.match(out, /Signature is Valid/);
    } catch (e) {
      if (e.code !== "ENOENT") throw e;
    }
  },
);

test(
  "on a batch whose roster names no certificates, the chair confirms each fingerprint before reviews count",
  { skip: !(V1_BATCH && existsSync(V1_BATCH)) && "no e2e batch" },
  async () => {
    await app?.deleteSession().catch(() => {});
    // The same inbox path (the running driver's PANELDESK_IMPORT_DIR), now
    // holding reviews of the version-1 batch.
    rmSync(inbox, { recursive: true, force: true });
    const v1Data = join(root, "data-v1");
    runExample(APP, "chair_panel", [V1_BATCH, v1Data, inbox, PASS]);
    app = await openApp(APP, ["--data-dir", v1Data]);
    const el = (t) => app.$(`[data-test="${t}"]`);
    const batchButton = app.$('[data-test^="batch-"]');
    await batchButton.waitForExist({ timeout: T });
    await batchButton.click();
    await el("chair-tab").waitForExist({ timeout: T });
    await el("chair-tab").click();
    await el("chair-import-folder").waitForExist({ timeout: T });
    await el("chair-import-folder").click();
    await el("chair-unconfirmed").waitForExist({ timeout: T });
    // The chair's own reviews count (the chair's own key); the others wait.
    const waiting = await el("chair-unconfirmed").getText();
    for (const id of ["X02", "X03", "X04", "X05"]) assert.match(waiting, new RegExp(id));
    await app.saveScreenshot(join(SHOTS, "19-chair-unconfirmed.png"));
    await el("chair-confirm-certs").click();
    // The same folder is imported again; its report replaces the first.
    await el("chair-unconfirmed").waitForExist({ timeout: T, reverse: true });
    await app.waitUntil(async () => /接受 [1-9]\d* 份/.test(await el("chair-report").getText()), {
      timeout: T,
      timeoutMsg: "the reviews were not accepted after confirming the certificates",
    });
  },
);
