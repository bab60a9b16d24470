// The organiser's workbench (组织方工作台) in the real window: the bureau
// makes its issuing certificate on a fresh data folder, builds a package
// from an applicant's Excel form and documents folder (one file the form
// does not list is left out, and said so), adds the other two packages,
// enrols three experts from the certificates they exported and issues the
// signed batch; then one of those experts opens it in their own folder and
// is asked to compare the bureau's fingerprint first. The scene comes from
// `cargo run --example organizer_kit` on the e2e batch. Input paths are
// typed (WebDriver cannot drive a GTK dialog); every output goes to
// PANELDESK_EXPORT_DIR, which Rust reads in place of the save dialog.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cleanUp, runExample, helpers, openApp, startDriver } from "./driver.mjs";

const APP = resolve(process.env.PANELDESK_APP ?? "../target/debug/paneldesk");
const BATCH = resolve(process.env.PANELDESK_BATCH ?? "../target/e2e-batch.zip");
const SHOTS = resolve(process.env.PANELDESK_SHOTS ?? "../docs/screenshots");
const BUREAU = "聊城市科学技术局";
const BUREAU_PASS = "bureau passphrase 2026";
// The experts' keys in the kit (E01's data folder opens the issued batch).
const EXPERT_PASS = "expert passphrase 2026";
const BATCH_ID = "LC-E2E-ORG";
const T = 30_000;
const present = existsSync(BATCH);
const root = mkdtempSync(join(tmpdir(), "paneldesk-organizer-"));
const kit = join(root, "kit");
const dataDir = join(root, "bureau");
const outDir = join(root, "out");
// Inherited by tauri-driver, WebKitWebDriver and the app it starts.
process.env.PANELDESK_EXPORT_DIR = outDir;
let driver;
let app;

const { el, shot, waitText } = helpers(() => app, { timeout: T, shots: SHOTS });
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const count = async (test) => (await app.$$(`[data-test="${test}"]`)).length;
/** The texts of every element `selector` finds, in document order. */
async function texts(selector) {
  const found = [];
  for (const e of await app.$$(selector)) found.push(await e.getText());
  return found;
}
async function waitCount(test, n) {
  await app.waitUntil(async () => (await count(test)) === n, {
    timeout: T,
    timeoutMsg: `${test} never counted ${n}`,
  });
}
/** Types into a field once it can be typed into. */
async function fill(test, value) {
  await el(test).waitForExist({ timeout: T });
  await el(test).waitForEnabled({ timeout: T });
  await el(test).setValue(value);
}
/** Picks an option of a select; set as the page would see a pick if the click did not take. */
async function choose(test, value) {
  await el(test).selectByAttribute("value", value);
  if ((await el(test).getValue()) === value) return;
  await app.execute(
    (t, v) => {
      const select = document.querySelector(`[data-test="${t}"]`);
      select.value = v;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    },
    test,
    value,
  );
  assert.equal(await el(test).getValue(), value);
}
async function press(test) {
  await el(test).waitForExist({ timeout: T });
  await el(test).waitForEnabled({ timeout: T, timeoutMsg: `${test} stayed disabled` });
  await el(test).click();
}

before(async () => {
  if (!present) return;
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  mkdirSync(dataDir, { recursive: true });
  runExample(APP, "organizer_kit", [BATCH, kit, EXPERT_PASS]);
  driver = await startDriver();
});
after(() => cleanUp(app, driver, root));

test(
  "the bureau creates its certificate, builds and adds packages, enrols the panel and issues a batch an expert opens",
  { skip: !present && "no e2e batch" },
  async () => {
    const firstId = readFileSync(join(kit, "first_id.txt"), "utf8").trim();
    const others = readdirSync(join(kit, "packages"))
      .filter((f) => f.endsWith(".zip"))
      .sort();
    assert.equal(others.length, 2, `the kit's other packages: ${others}`);
    try {
      // First start on an empty folder: the bureau, not an expert.
      app = await openApp(APP, ["--data-dir", dataDir]);
      await el("organizer-start").waitForExist({ timeout: T });
      await el("organizer-start").click();
      await fill("org-id", "LCSTB");
      await fill("org-name", BUREAU);
      await fill("org-passphrase", BUREAU_PASS);
      await fill("org-confirm", BUREAU_PASS);
      await press("org-create");

      // The workbench, with the certificate's fingerprint to tell experts.
      await el("org-fingerprint").waitForExist({ timeout: 60_000 });
      await waitText("organizer-header", new RegExp(escape(`组织方：${BUREAU}（LCSTB）`)));
      const fingerprint = (await el("org-fingerprint").getText()).trim();
      assert.match(fingerprint, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      assert.equal(await el("nav-cosign").isExisting(), false, "no 专家组成员签字 for the bureau");
      assert.equal(await el("pkg-empty").isExisting(), true, "a new certificate starts with no package");

      // 材料包: built from the Excel form and the documents folder.
      await fill("pkg-source", join(kit, "form.xlsx"));
      await fill("pkg-docs", join(kit, "docs"));
      await press("pkg-build");
      await el("pkg-result").waitForExist({ timeout: 60_000 });
      await waitText("pkg-result-heading", new RegExp(escape(firstId)));
      assert.equal(await el("pkg-result-id").getText(), firstId);
      assert.match(await el("pkg-left-out").getText(), /未在清单中列出，未放入材料包/);
      assert.match(await el("pkg-left-out").getText(), /未列出的说明\.txt/);
      assert.ok((await texts('[data-test="pkg-result"] [data-test="rules"] tbody tr')).length > 0, "the rules");
      const builtPath = join(outDir, `${firstId}.zip`);
      assert.equal(await el("pkg-result-path").getText(), builtPath);
      assert.ok(existsSync(builtPath), "the package was written where the save dialog (the export folder) said");
      await waitCount("pkg-row", 1);

      // The other two packages, built earlier.
      for (const [i, file] of others.entries()) {
        await fill("pkg-add-path", join(kit, "packages", file));
        await press("pkg-add");
        await waitCount("pkg-row", i + 2);
      }
      const ids = await texts('[data-test="pkg-row-id"]');
      assert.deepEqual(ids, [firstId, ...others.map((f) => f.replace(/\.zip$/, ""))]);
      await el("pkg-list").scrollIntoView();
      await shot("organizer-packages");

      // 专家名单: three experts from their exported certificates, E01 the chair.
      await el("org-tab-roster").click();
      await el("roster-cert").waitForDisplayed({ timeout: T });
      const panel = [
        ["E01", "chair"],
        ["E02", "member"],
        ["E03", "member"],
      ];
      for (const [i, [id, role]] of panel.entries()) {
        await fill("roster-cert", join(kit, "certs", `${id}.pem`));
        await choose("roster-role", role);
        await fill("roster-title", "教授");
        await fill("roster-affiliation", "聊城大学");
        await press("roster-add");
        await waitCount("roster-row", i + 1);
        await waitText("roster-result-heading", new RegExp(escape(id)));
      }
      const enrolled = await texts('[data-test="roster-row-id"]');
      assert.deepEqual(enrolled, ["E01", "E02", "E03"], "ids from the certificates");
      assert.equal(await app.$('[data-test="roster-row"] [data-test="roster-row-role"]').getText(), "组长");
      assert.equal(await el("roster-no-chair").isExisting(), false);
      await el("roster-list").scrollIntoView();
      await shot("organizer-roster");

      // 签发批次.
      await el("org-tab-issue").click();
      await el("issue-id").waitForDisplayed({ timeout: T });
      assert.equal(await el("issue-sign").isEnabled(), false);
      await fill("issue-id", BATCH_ID);
      await fill("issue-title", "2030年度聊城市技术创新中心组建评审（端到端测试）");
      await choose("issue-kind", "establishment");
      // A date field's typing differs between engines: its value is set as a picker would.
      await app.execute(() => {
        const date = document.querySelector('[data-test="issue-date"]');
        date.value = "2030-06-30";
        date.dispatchEvent(new Event("input", { bubbles: true }));
        date.dispatchEvent(new Event("change", { bubbles: true }));
      });
      assert.equal(await el("issue-date").getValue(), "2030-06-30");
      assert.equal(await el("issue-time").getValue(), "17:00");
      assert.equal(await el("issue-revision").getValue(), "1");
      assert.equal(await el("issue-rubric").getValue(), "establishment");
      await waitText("issue-summary-packages", /^3 个材料包/);
      await waitText("issue-summary-experts", /专家 3 人，组长：/);
      await fill("issue-pass", BUREAU_PASS);
      await press("issue-sign");
      await el("issue-result").waitForExist({ timeout: 60_000 });
      await waitText("issue-result-heading", new RegExp(`${escape(BATCH_ID)} 第 1 版：3 个材料包，专家 3 人`));
      const issuedPath = await el("issue-path").getText();
      assert.equal(issuedPath, join(outDir, `${BATCH_ID}.zip`));
      assert.ok(existsSync(issuedPath), "the batch file was written");
      assert.equal((await el("issue-fingerprint").getText()).trim(), fingerprint, "signed with the bureau's key");
      assert.equal(await el("issue-pass").getValue(), "", "the passphrase is not kept");
      await el("issue-result").scrollIntoView();
      await shot("organizer-issue");
      await app.deleteSession();
      app = undefined;

      // E01 opens the batch in their own folder: the bureau's first batch
      // there, so the fingerprint is compared before anything is imported.
      app = await openApp(APP, ["--data-dir", join(kit, "experts", "E01"), "--open", issuedPath]);
      await el("organizer-confirm").waitForExist({ timeout: 60_000 });
      assert.equal(await el("organizer-name").getText(), BUREAU);
      assert.equal(await el("organizer-id").getText(), "LCSTB");
      assert.equal((await el("organizer-fingerprint").getText()).trim(), fingerprint);
      await el("organizer-trust").click();
      await el("package-list").waitForExist({ timeout: 60_000 });
      await app.waitUntil(async () => (await texts('[data-test="package-list"] [data-test^="row-"]')).length === 3, {
        timeout: T,
        timeoutMsg: "the issued batch does not list 3 packages",
      });
      assert.equal(await el(`row-${firstId}`).isExisting(), true);
    } catch (e) {
      await app?.saveScreenshot(join(SHOTS, "failed-organizer.png")).catch(() => {});
      throw e;
    }
  },
);
