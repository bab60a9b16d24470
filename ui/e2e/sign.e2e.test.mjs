// End-to-end: the expert signs in the real window. A key made in the
// profile page, a signature drawn on the pad, a package scored, 预览 shown
// with pdf.js, 签署并导出 written to PANELDESK_EXPORT_DIR (the native save
// dialog cannot be driven here; the variable is read by Rust only) and the
// file accepted by pdfsig; then the site-visit form (现场考察意见表) from its
// own tab, the same way; then 复议: the signed review reopened, changed and
// signed again with a reason; then 导出全部已签署意见 and 备份数据, and the
// batch's chair (a data folder from `--example chair_panel`) imports that
// ZIP as it is. Same environment as app.e2e.test.mjs.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cleanUp, helpers, openApp, runExample, startDriver } from "./driver.mjs";

const APP = resolve(process.env.PANELDESK_APP ?? "../target/debug/paneldesk");
const BATCH = resolve(process.env.PANELDESK_BATCH ?? "../target/e2e-batch.zip");
const SHOTS = resolve(process.env.PANELDESK_SHOTS ?? "../docs/screenshots");
const T = 20_000;
const PASSPHRASE = "e2e 签名口令 2026";
const dataDir = mkdtempSync(join(tmpdir(), "paneldesk-sign-e2e-"));
const exportDir = mkdtempSync(join(tmpdir(), "paneldesk-export-e2e-"));
// The chair's folder, and what the chair's "choose files" dialog gives.
const chairRoot = mkdtempSync(join(tmpdir(), "paneldesk-sign-chair-e2e-"));
const chairPicks = join(chairRoot, "picked");
mkdirSync(chairPicks);
// Inherited by tauri-driver, WebKitWebDriver and the app it starts.
process.env.PANELDESK_EXPORT_DIR = exportDir;
process.env.PANELDESK_IMPORT_DIR = chairPicks;
let driver;
let app;

const { el, shot, waitText } = helpers(() => app, { timeout: T, shots: SHOTS });

/** A signature drawn with pointer events, as a pen or finger would. */
async function drawSignature() {
  await app.execute(() => {
    const pad = document.querySelector('[data-test="signature-pad"]');
    const r = pad.getBoundingClientRect();
    const fire = (type, x, y) =>
      pad.dispatchEvent(
        new PointerEvent(type, {
          bubbles: true,
          cancelable: true,
          pointerId: 7,
          pointerType: "pen",
          pressure: 0.6,
          clientX: r.left + x,
          clientY: r.top + y,
        }),
      );
    const stroke = (points) => {
      fire("pointerdown", ...points[0]);
      for (const p of points.slice(1)) fire("pointermove", ...p);
      fire("pointerup", ...points[points.length - 1]);
    };
    stroke(Array.from({ length: 40 }, (_, i) => [40 + i * 6, 90 + Math.sin(i / 4) * 30]));
    stroke([
      [120, 40],
      [140, 120],
      [160, 60],
      [200, 110],
    ]);
  });
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  driver = await startDriver();
});
after(() => cleanUp(app, driver, dataDir, exportDir, chairRoot));

test("an expert makes a key, draws a signature, previews, signs and exports", async () => {
  try {
    app = await openApp(APP, ["--data-dir", dataDir, "--open", BATCH]);
    await el("profile-form").waitForExist({ timeout: T });
    await app.$('input[name="expert_id"]').setValue("X02");
    await app.$('input[name="name"]').setValue("张明");
    await app.$('input[name="title"]').setValue("教授");
    await app.$('input[name="affiliation"]').setValue("山东大学");
    await el("profile-save").click();
    await el("row-LC-2026-001").waitForExist({ timeout: 30_000 });

    // The profile page: signing identity and signature pad.
    await app.$("//button[normalize-space()='修改专家信息']").click();
    await el("identity-panel").waitForExist({ timeout: T });
    await el("identity-passphrase").setValue(PASSPHRASE);
    await el("identity-confirm").setValue(PASSPHRASE.slice(0, -1));
    await el("identity-create").click();
    await waitText("error", /两次输入的签名口令不一致/);
    await el("identity-passphrase").setValue(PASSPHRASE);
    await el("identity-confirm").setValue(PASSPHRASE);
    await el("identity-create").click();
    await waitText("fingerprint", /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    await el("profile-locked").waitForExist({ timeout: T });

    // The certificate for the bureau's roster (formats.md §6, enrolment).
    await el("export-cert").click();
    await el("export-cert-done").waitForExist({ timeout: T });
    const pem = readFileSync(join(exportDir, "X02.pem"), "utf8");
    assert.match(pem, /^-----BEGIN CERTIFICATE-----\n/);
    assert.doesNotMatch(pem, /PRIVATE KEY/);

    await el("signature-pad").waitForExist({ timeout: T });
    await drawSignature();
    await app.waitUntil(async () => el("signature-save").isEnabled(), {
      timeout: T,
      timeoutMsg: "the drawn strokes did not count as ink",
    });
    await el("signature-save").click();
    await el("signature-image").waitForExist({ timeout: T });
    assert.ok(
      await app.execute(() => document.querySelector('[data-test="signature-image"]').naturalWidth > 0),
      "the saved signature shows",
    );
    await el("identity-panel").scrollIntoView();
    await shot("10-signing-identity");
    await el("profile-save").click();

    // Score a package; 签署并导出 waits until the sheet is valid.
    const row = el("row-LC-2026-001");
    await row.waitForExist({ timeout: T });
    await row.click();
    await app.keys("Enter");
    await el("score-form").waitForExist({ timeout: T });
    await el("coi-no").click();
    await el("score-foundation").waitForExist({ timeout: T });
    await el("score-foundation").setValue("35.5");
    await waitText("sign-blocked", /评分表尚有 \d+ 处问题/);
    assert.equal(await el("sign-button").isEnabled(), false);
    await el("score-plan").setValue("48");
    await el("rec-recommend").click();
    await el("opinion").setValue("研发基础扎实，建设方案可行，建议推荐组建。");
    await waitText("save-state", /已保存 \d{2}:\d{2}:\d{2}/);
    await el("complete").waitForExist({ timeout: T });
    await app.waitUntil(async () => el("sign-button").isEnabled(), {
      timeout: T,
      timeoutMsg: "签署并导出 stayed disabled",
    });

    // 预览: the form as it will be signed, marked as not signed.
    await el("preview-button").click();
    await el("preview-canvas").waitForExist({ timeout: T });
    await app.waitUntil(async () => (await el("preview-canvas").getAttribute("data-rendered-page")) === "1", {
      timeout: T,
    });
    await waitText("preview-page", /第 1 \/ \d+ 页/);
    await shot("11-review-preview");

    // 签署并导出 with the passphrase; the path is shown, the form is final.
    await el("sign-button").click();
    await el("sign-passphrase").waitForExist({ timeout: T });
    await el("sign-passphrase").setValue("wrong passphrase");
    await el("sign-confirm").click();
    await waitText("error", /口令/);
    await el("sign-passphrase").setValue(PASSPHRASE);
    await el("sign-confirm").click();
    const file = join(exportDir, "LC-2026-001-X02-专家评审意见表.pdf");
    await waitText("signed-path", new RegExp(`已签署并保存到：${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    assert.ok(existsSync(file), "the signed PDF was written");
    const report = execFileSync("pdfsig", [file]).toString();
    assert.match(report, /Signature is Valid/);
    assert.match(report, /Total document signed/);
    await el("sign-signed").waitForExist({ timeout: T });
    // Disabled through its fieldset, which WebDriver's isEnabled does not see.
    const editable = () =>
      app.execute(() => !document.querySelector('[data-test="score-foundation"]').matches(":disabled"));
    await app.waitUntil(async () => !(await editable()), { timeout: T, timeoutMsg: "the signed form stayed editable" });
    await el("sign-panel").scrollIntoView();
    await shot("12-review-signed");

    await el("back").click();
    await waitText("row-LC-2026-001", /已签署/);
  } catch (e) {
    await app?.saveScreenshot(join(SHOTS, "failed-sign.png")).catch(() => {});
    throw e;
  }
});

test("the site-visit form is previewed, signed and exported from its own tab", async () => {
  try {
    assert.ok(app, "runs after the test above, in the same window");
    const row = el("row-LC-2026-001");
    await row.waitForExist({ timeout: T });
    await row.click();
    await app.keys("Enter");
    await el("tab-site").waitForExist({ timeout: T });
    await el("tab-site").click();
    await el("site-visit").waitForExist({ timeout: T });
    const panel = app.$('[data-test="sign-panel"][data-phase="site_visit"]');
    await panel.waitForExist({ timeout: T });
    await waitText("sign-blocked", /请先填写现场考察记录/);
    assert.equal(await el("preview-button").isEnabled(), false);

    // One verdict set: saved, and Rust lists what is still missing.
    await el("site-claim-rd-space-partly").click();
    await el("site-note-claim-rd-space").setValue("实测约 1000 m²，部分为共用");
    await waitText("site-problems", /请填写考察日期/);
    await waitText("sign-blocked", /现场考察记录尚有 \d+ 处问题/);
    assert.equal(await el("sign-button").isEnabled(), false);

    // The rest: every other item meets, the date, the conclusion and opinion.
    const ids = await app.execute(() =>
      Array.from(document.querySelectorAll('[data-test^="site-"][data-test$="-meets"]')).map((e) =>
        e.getAttribute("data-test"),
      ),
    );
    assert.ok(ids.length >= 5, `the checklist and the claims: ${ids}`);
    for (const id of ids.filter((i) => i !== "site-claim-rd-space-meets")) await el(id).click();
    await app.execute(() => {
      const d = document.querySelector('[data-test="site-date"]');
      d.value = "2026-06-02";
      d.dispatchEvent(new Event("input", { bubbles: true }));
      d.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await el("site-rec-recommend").click();
    await el("site-opinion").setValue("现场条件与申报材料基本一致，同意推荐组建。");
    await waitText("site-save-state", /已保存 \d{2}:\d{2}:\d{2}/);
    await app.waitUntil(async () => el("sign-button").isEnabled(), {
      timeout: T,
      timeoutMsg: "签署并导出 stayed disabled for the complete site visit",
    });
    assert.equal(await el("site-problems").isExisting(), false);

    // 预览 shows the 现场考察意见表, not the desk form.
    await el("preview-button").click();
    await el("preview-canvas").waitForExist({ timeout: T });
    await waitText("preview-form", /现场考察意见表/);
    await app.waitUntil(async () => (await el("preview-canvas").getAttribute("data-rendered-page")) === "1", {
      timeout: T,
    });
    await el("preview-form").scrollIntoView();
    await shot("13-site-visit-preview");

    await el("sign-button").click();
    await el("sign-passphrase").waitForExist({ timeout: T });
    assert.match(await el("sign-form").getText(), /签署后现场考察记录不能再修改/);
    await el("sign-passphrase").setValue(PASSPHRASE);
    await el("sign-confirm").click();
    const file = join(exportDir, "LC-2026-001-X02-现场考察意见表.pdf");
    await waitText("signed-path", new RegExp(`已签署并保存到：${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    const report = execFileSync("pdfsig", [file]).toString();
    assert.match(report, /Signature is Valid/);
    assert.match(report, /Total document signed/);
    const json = join(exportDir, "site-review.json");
    execFileSync("pdfdetach", ["-savefile", "review.json", "-o", json, file]);
    const review = JSON.parse(readFileSync(json, "utf8"));
    assert.equal(review.phase, "site_visit");
    assert.equal(review.site_visit.date, "2026-06-02");
    assert.equal(review.site_visit.items.length, ids.length);

    // Signed is final: the record turns read-only, as the desk sheet does.
    await el("site-signed").waitForExist({ timeout: T });
    await waitText("sign-signed", /该现场考察意见已签署/);
    const editable = () => app.execute(() => !document.querySelector('[data-test="site-date"]').matches(":disabled"));
    await app.waitUntil(async () => !(await editable()), {
      timeout: T,
      timeoutMsg: "the signed site visit stayed editable",
    });
    await el("site-signed").scrollIntoView();
    await shot("14-site-visit-signed");
  } catch (e) {
    await app?.saveScreenshot(join(SHOTS, "failed-sign-site.png")).catch(() => {});
    throw e;
  }
});

test("复议: the signed review is reopened, a score changed, and signed again with a reason", async () => {
  try {
    assert.ok(app, "runs after the tests above, in the same window, on the same package");
    const sha = (f) => createHash("sha256").update(readFileSync(f)).digest("hex");
    const deskPdfs = () => readdirSync(exportDir).filter((f) => f.endsWith("专家评审意见表.pdf"));
    // The save dialog offers the same name for the revised form; the expert
    // keeps the first signed form under another name, as they would there.
    const first = join(exportDir, "LC-2026-001-X02-专家评审意见表.pdf");
    const kept = join(exportDir, "LC-2026-001-X02-第1版-专家评审意见表.pdf");
    renameSync(first, kept);
    const firstSha = sha(kept);

    await el("tab-review").click();
    await el("reopen-button").waitForDisplayed({ timeout: T });
    await el("reopen-button").click();
    await el("reopen-confirm").waitForExist({ timeout: T });
    await el("reopen-confirm").click();
    await el("reexamination").waitForExist({ timeout: T });
    const editable = () =>
      app.execute(() => !document.querySelector('[data-test="score-foundation"]').matches(":disabled"));
    await app.waitUntil(editable, { timeout: T, timeoutMsg: "the reopened sheet stayed read-only" });

    // One score changed; signing then waits for the reason.
    await el("score-foundation").setValue("38");
    await waitText("save-state", /已保存 \d{2}:\d{2}:\d{2}/);
    await waitText("sign-blocked", /请先填写复议理由/);
    assert.equal(await el("sign-button").isEnabled(), false);
    const reason = "专家组讨论后认为依托单位研发条件优于初评判断，上调研发基础得分。";
    await el("sign-reason").setValue(reason);
    await app.waitUntil(async () => el("sign-button").isEnabled(), {
      timeout: T,
      timeoutMsg: "签署并导出 stayed disabled with the reason given",
    });

    await el("sign-button").click();
    await el("sign-passphrase").waitForExist({ timeout: T });
    await el("sign-passphrase").setValue(PASSPHRASE);
    await el("sign-confirm").click();
    await waitText("signed-path", /已签署并保存到：/);
    const shown = await el("signed-path").getText();
    const second = shown.slice(shown.indexOf("：") + 1).trim();
    assert.ok(existsSync(second), `the revised form was written: ${second}`);
    assert.notEqual(second, kept);
    assert.equal(deskPdfs().length, 2, `two signed forms: ${deskPdfs()}`);
    const secondSha = sha(second);
    assert.notEqual(secondSha, firstSha, "the revised form is another file");
    const report = execFileSync("pdfsig", [second]).toString();
    assert.match(report, /Signature is Valid/);
    assert.match(report, /Total document signed/);

    // 签署记录: both signatures, the second with its reason.
    await el("sign-signed").waitForExist({ timeout: T });
    await app.waitUntil(async () => (await app.$$('[data-test="history"] li')).length === 2, {
      timeout: T,
      timeoutMsg: "签署记录 does not list both signatures",
    });
    const entries = await app.$$('[data-test="history"] li');
    assert.match(await entries[0].getText(), new RegExp(firstSha.slice(0, 12), "i"));
    assert.match(await entries[1].getText(), new RegExp(secondSha.slice(0, 12), "i"));
    assert.match(await entries[1].getText(), new RegExp(`复议理由：${reason}`));
    await el("history").scrollIntoView();
    await shot("15-review-revised");

    await el("back").click();
    await waitText("row-LC-2026-001", /已签署/);
  } catch (e) {
    await app?.saveScreenshot(join(SHOTS, "failed-sign-revision.png")).catch(() => {});
    throw e;
  }
});

test("导出全部已签署意见 writes the batch's signed reviews into one ZIP, and 备份数据 the whole folder", async () => {
  try {
    assert.ok(app, "runs after the tests above, in the same window");
    await el("export-signed").waitForEnabled({ timeout: T });
    await el("export-signed").click();
    await waitText("export-signed-done", /已导出 \d+ 份已签署的评审意见到 .*已签署评审意见\.zip/);
    const zip = readdirSync(exportDir).find((f) => f.endsWith("-已签署评审意见.zip"));
    assert.ok(zip, `the ZIP is in the export folder: ${readdirSync(exportDir)}`);
    const listing = execFileSync("python3", [
      "-c",
      "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))",
      join(exportDir, zip),
    ]).toString();
    assert.match(listing, /LC-2026-001-X02-专家评审意见表/);
    assert.match(listing, /LC-2026-001-X02-现场考察意见表/);

    await el("profile-edit").click();
    await el("backup-pass").waitForExist({ timeout: T });
    await el("backup-pass").setValue("not the passphrase");
    await el("backup-run").click();
    const refused = app.$('[data-test="backup"] [data-test="error"]');
    await refused.waitForExist({ timeout: T });
    assert.match(await refused.getText(), /口令/);
    await el("backup-pass").setValue(PASSPHRASE);
    await el("backup-run").click();
    await waitText("backup-done", /已备份 \d+ 个文件/);
    assert.ok(
      readdirSync(exportDir).some((f) => /^PanelDesk-备份-\d{8}\.pdbak$/.test(f)),
      `the backup is in the export folder: ${readdirSync(exportDir)}`,
    );
    await shot("16-backup");
    await el("profile-cancel").click();
  } catch (e) {
    await app?.saveScreenshot(join(SHOTS, "failed-export-backup.png")).catch(() => {});
    throw e;
  }
});

test("the batch's chair imports that ZIP as it is and counts the expert's reviews", async () => {
  try {
    const zip = readdirSync(exportDir).find((f) => f.endsWith("-已签署评审意见.zip"));
    assert.ok(zip, "runs after the export above");
    copyFileSync(join(exportDir, zip), join(chairPicks, zip));
    const chairData = join(chairRoot, "data");
    // The scene's own reviews go to a folder nobody imports: only the ZIP is.
    runExample(APP, "chair_panel", [BATCH, chairData, join(chairRoot, "unused"), "chair e2e passphrase"]);
    await app.deleteSession();
    app = await openApp(APP, ["--data-dir", chairData]);
    await app.$('[data-test^="batch-"]').waitForExist({ timeout: T });
    await app.$('[data-test^="batch-"]').click();
    await el("chair-tab").waitForExist({ timeout: T });
    await el("chair-tab").click();
    await el("chair-import-files").waitForExist({ timeout: T });
    await el("chair-import-files").click();
    // This batch's roster names no certificates: X02's key is new to the
    // chair, who compares its fingerprint and confirms it.
    await waitText("chair-unconfirmed", /X02/);
    await el("chair-confirm-certs").click();
    await el("chair-unconfirmed").waitForExist({ timeout: T, reverse: true });
    await waitText("chair-report", /共 \d+ 个文件：接受 [1-9]\d* 份，拒收 0 份/);
    await shot("33-chair-imports-export-zip");
  } catch (e) {
    await app?.saveScreenshot(join(SHOTS, "failed-chair-imports-zip.png")).catch(() => {});
    throw e;
  }
});
