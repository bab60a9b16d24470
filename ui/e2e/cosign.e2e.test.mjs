// 专家组成员签字 in the real window, on the bundled demo batch: the roster's
// second expert (LCEXP-2026E-02, a member) opens the 专家组意见 the chair
// signed, sees it verified with the chair as the only signer and themself
// among the missing, reads it and co-signs it. The scene (the member's data
// folder and the chair's signed opinion) comes from `cargo run --example
// cosign_panel`. The open and save dialogs are replaced by
// PANELDESK_COSIGN_FILE and PANELDESK_EXPORT_DIR (WebDriver cannot drive a
// GTK dialog).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cleanUp, runExample, openApp, startDriver } from "./driver.mjs";

const APP = resolve(process.env.PANELDESK_APP ?? "../target/debug/paneldesk");
const DEMO = resolve("../assets/demo/establishment-2026.zip");
const SHOTS = resolve(process.env.PANELDESK_SHOTS ?? "../docs/screenshots");
const PASS = "member passphrase 2026";
const MEMBER = "LCEXP-2026E-02";
const T = 30_000;
const present = existsSync(DEMO);
const root = mkdtempSync(join(tmpdir(), "paneldesk-cosign-"));
const dataDir = join(root, "member");
const opinion = join(root, "opinion.pdf");
const outDir = join(root, "out");
// Inherited by tauri-driver, WebKitWebDriver and the app it starts.
process.env.PANELDESK_COSIGN_FILE = opinion;
process.env.PANELDESK_EXPORT_DIR = outDir;
let driver;
let app;

before(async () => {
  if (!present) return;
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  runExample(APP, "cosign_panel", [DEMO, dataDir, opinion, PASS]);
  driver = await startDriver();
});
after(() => cleanUp(app, driver, root));

test(
  "a panel member opens the chair's signed 专家组意见, reads it and co-signs it",
  { skip: !present && "no demo batch" },
  async () => {
    app = await openApp(APP, ["--data-dir", dataDir]);
    const el = (t) => app.$(`[data-test="${t}"]`);
    try {
      // The member's folder has a profile: the header offers 专家组成员签字.
      await el("nav-cosign").waitForExist({ timeout: T });
      await el("nav-cosign").click();
      await el("cosign-open").waitForExist({ timeout: T });
      await el("cosign-open").click();

      // Verified: the chair alone has signed, this member has not yet.
      await el("cosign-signers").waitForExist({ timeout: T });
      assert.equal(await el("cosign-valid").getText(), "有效");
      assert.match(await el("cosign-package").getText(), /\S/);
      const rows = await app.$$('[data-test="cosign-signers"] tbody tr');
      assert.equal(rows.length, 1);
      assert.match(await rows[0].getText(), /组长/);
      assert.match(await el("cosign-missing").getText(), new RegExp(MEMBER));
      assert.equal(await el("cosign-blockers").isExisting(), false);

      // The opinion itself, drawn by pdf.js.
      await app.waitUntil(async () => (await el("cosign-pdf-canvas").getAttribute("data-rendered-page")) === "1", {
        timeout: T,
        timeoutMsg: "the 专家组意见 was not drawn",
      });

      assert.equal(await el("cosign-sign").isEnabled(), false);
      await el("cosign-passphrase").setValue(PASS);
      await el("cosign-sign").click();
      await el("cosign-done").waitForExist({ timeout: T });
      const files = readdirSync(outDir).filter((f) => f.endsWith(".pdf"));
      assert.equal(files.length, 1, `one co-signed copy: ${files}`);
      assert.match(await el("cosign-done").getText(), new RegExp(files[0].replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
      // The view is now the saved copy's: the member is among the signers.
      await app.waitUntil(async () => (await app.$$('[data-test="cosign-signers"] tbody tr')).length === 2, {
        timeout: T,
        timeoutMsg: "the co-signed copy does not list the member",
      });
      assert.match(await el(`signer-${MEMBER}`).getText(), /成员/);
      assert.doesNotMatch(await el("cosign-missing").getText(), new RegExp(MEMBER));
      await el("cosign-done").scrollIntoView();
      await app.saveScreenshot(join(SHOTS, "25-cosign.png"));
      try {
        const out = execFileSync("pdfsig", [join(outDir, files[0])]).toString();
        assert.equal(out.match(/Signature is Valid/g)?.length, 2, out);
      } catch (e) {
        if (e.code !== "ENOENT") throw e;
      }
    } catch (e) {
      await app?.saveScreenshot(join(SHOTS, "failed-cosign.png")).catch(() => {});
      throw e;
    }
  },
);
