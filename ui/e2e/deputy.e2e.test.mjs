// The deputy chair (副组长) in the real window: on the e2e batch with X02 as
// the roster's deputy, the chair (X01) declared a conflict on LC-2026-001.
// X02 imports everyone's reviews, sees and signs that package as the deputy,
// cannot open the chair's packages, and exports the signed 专家组意见 with no
// ranking. The scene comes from `cargo run --example deputy_panel`; the
// import and export folders replace the dialogs (PANELDESK_IMPORT_DIR,
// PANELDESK_EXPORT_DIR).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cleanUp, runExample, openApp, startDriver } from "./driver.mjs";

const APP = resolve(process.env.PANELDESK_APP ?? "../target/debug/paneldesk");
const SHOTS = resolve(process.env.PANELDESK_SHOTS ?? "../docs/screenshots");
const PASS = "deputy passphrase 2026";
const T = 30_000;
const root = mkdtempSync(join(tmpdir(), "paneldesk-deputy-"));
const dataDir = join(root, "data");
const inbox = join(root, "inbox");
const outDir = join(root, "out");
process.env.PANELDESK_IMPORT_DIR = inbox;
process.env.PANELDESK_EXPORT_DIR = outDir;
let driver;
let app;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  runExample(APP, "deputy_panel", [join(root, "batch.zip"), dataDir, inbox, PASS]);
  driver = await startDriver();
});
after(() => cleanUp(app, driver, root));

test("the deputy presides over the package the chair declared a conflict on, and only that one", async () => {
  app = await openApp(APP, ["--data-dir", dataDir]);
  const el = (t) => app.$(`[data-test="${t}"]`);
  try {
    const batchButton = app.$('[data-test^="batch-"]');
    await batchButton.waitForExist({ timeout: T });
    await batchButton.click();
    await el("chair-tab").waitForExist({ timeout: T });
    await el("chair-tab").click();
    await el("chair-deputy").waitForExist({ timeout: T });
    assert.match(await el("chair-deputy").getText(), /副组长/);
    await el("chair-import-folder").click();
    await el("chair-report").waitForExist({ timeout: T });
    // Roster without certificates: the deputy confirms the fingerprints first.
    await el("chair-unconfirmed").waitForExist({ timeout: T });
    await el("chair-confirm-certs").click();
    await el("chair-unconfirmed").waitForExist({ timeout: T, reverse: true });

    // The chair's packages are set apart: no figures, not to be opened.
    for (const id of ["LC-2026-002", "LC-2026-003"]) {
      assert.equal(await el(`chair-open-${id}`).isEnabled(), false, id);
      const row = await el(`chair-row-${id}`).getText();
      assert.match(row, /由组长汇总并签署/);
      assert.doesNotMatch(row, /本人签署后可见/);
    }
    await app.saveScreenshot(join(SHOTS, "26-deputy-overview.png"));
    const open = el("chair-open-LC-2026-001");
    assert.equal(await open.isEnabled(), true);
    await open.click();
    await el("chair-matrix").waitForExist({ timeout: T });
    assert.equal(
      (await app.$$('[data-test="chair-matrix"] tbody tr')).length,
      4,
      "the chair's declaration is not counted",
    );
    for (const box of await app.$$('[data-test^="reason-"]')) {
      await box.setValue("经专家组讨论，维持原评分。");
    }
    await el("chair-passphrase").setValue(PASS);
    await el("chair-sign").click();
    await el("chair-signed-at").waitForExist({ timeout: T });
    await app.saveScreenshot(join(SHOTS, "27-deputy-signed.png"));

    await el("chair-package-back").click();
    await el("chair-export").waitForExist({ timeout: T });
    await el("chair-export").click();
    await el("chair-export-notice").waitForExist({ timeout: T });
    assert.deepEqual(readdirSync(outDir).sort(), ["LC-2026-001.pdf"], "no ranking from the deputy");
    try {
      const out = execFileSync("pdfsig", [join(outDir, "LC-2026-001.pdf")]).toString();
      assert.match(out, /Signature is Valid/);
      assert.match(out, /X02/);
    } catch (e) {
      if (e.code !== "ENOENT") throw e;
    }
  } catch (e) {
    await app?.saveScreenshot(join(SHOTS, "failed-deputy.png")).catch(() => {});
    throw e;
  }
});
