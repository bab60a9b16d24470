// End-to-end: 从备份恢复 into a fresh data folder (issue 15 item 7). The
// backup is made by paneldesk-cli (built beside the app) from a folder
// holding an expert, a key and the e2e batch; the window restores it on a
// fresh folder's first start, and the next start — a new WebDriver session
// on the same folder, as 立即重新启动 would be — opens the restored work.
// The open dialog, which WebDriver cannot drive, is replaced by
// PANELDESK_RESTORE_FILE (Rust reads it in place of the dialog).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { cleanUp, helpers, openApp, startDriver } from "./driver.mjs";

const APP = resolve(process.env.PANELDESK_APP ?? "../target/debug/paneldesk");
const CLI = join(dirname(APP), "paneldesk-cli");
const BATCH = resolve(process.env.PANELDESK_BATCH ?? "../target/e2e-batch.zip");
const SHOTS = resolve(process.env.PANELDESK_SHOTS ?? "../docs/screenshots");
const T = 20_000;
const PASSPHRASE = "e2e 备份口令 2026";
const work = mkdtempSync(join(tmpdir(), "paneldesk-restore-e2e-"));
const source = join(work, "old-laptop");
const fresh = join(work, "new-laptop");
const backup = join(work, "PanelDesk-备份.pdbak");
// Inherited by tauri-driver, WebKitWebDriver and the app it starts.
process.env.PANELDESK_RESTORE_FILE = backup;
let driver;
let app;

const { el, shot, waitText } = helpers(() => app, { timeout: T, shots: SHOTS });

function cli(...args) {
  return execFileSync(CLI, ["--data-dir", source, ...args], {
    env: { ...process.env, PANELDESK_PASSPHRASE: PASSPHRASE },
  }).toString();
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  cli("identity", "create", "--expert-id", "X02", "--name", "宋雅琴", "--title", "教授", "--affiliation", "山东大学");
  cli("batch", "import", BATCH);
  cli("backup", "--out", backup);
  driver = await startDriver();
});
after(() => cleanUp(app, driver, work));

test("从备份恢复 on a fresh folder: a wrong passphrase is refused, the right one restores, the next start has the work", async () => {
  try {
    app = await openApp(APP, ["--data-dir", fresh]);
    await el("restore").waitForExist({ timeout: T });
    await el("restore-pick").click();
    await waitText("restore-file", /PanelDesk-备份\.pdbak$/);

    await el("restore-pass").setValue("not the passphrase");
    await el("restore-run").click();
    const refused = app.$('[data-test="restore"] [data-test="error"]');
    await refused.waitForExist({ timeout: T });
    assert.match(await refused.getText(), /口令/);
    assert.deepEqual(
      readdirSync(work).filter((f) => f.startsWith(`${basename(fresh)}.`)),
      [],
      "nothing is written beside the folder",
    );

    await el("restore-pass").setValue(PASSPHRASE);
    await el("restore-run").click();
    await waitText("restore-done", /\d+ 个文件/);
    assert.ok(existsSync(`${fresh}.restored`), "the restored folder waits beside the data folder");
    await shot("31-restore-done");

    // The next start: the restored folder takes the fresh one's place.
    await app.deleteSession();
    app = await openApp(APP, ["--data-dir", fresh]);
    await waitText("expert", /宋雅琴.*X02/);
    const batch = app.$('button[data-test^="batch-"]');
    await batch.waitForExist({ timeout: T });
    assert.match(await batch.getText(), /\S/);
    assert.ok(
      readdirSync(work).some((f) => f.startsWith(`${basename(fresh)}.before-restore-`)),
      "the fresh folder is kept aside",
    );
    await app.deleteSession();
    app = null;
    // The restored folder's audit log, checked as the window's start does.
    const audit = JSON.parse(
      execFileSync(CLI, ["--data-dir", fresh, "verify-audit", "--json"], { env: process.env }).toString(),
    );
    assert.equal(audit.ok, true, JSON.stringify(audit));
  } catch (e) {
    await app?.saveScreenshot(join(SHOTS, "failed-restore.png")).catch(() => {});
    throw e;
  }
});
