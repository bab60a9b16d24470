// End-to-end: the document viewer in the real window (issue 15 items 1–3).
// The e2e batch's documents are small Helvetica PDFs whose page n prints
// "LC-2026-001 docs<name>.pdf - page n" (src-tauri/tests/support/batch.rs;
// the "/" of the path is dropped): LC-2026-001's application form has 3
// pages, its audit report 4, its co-building agreement 5. Everything is
// found by data-test: page-indicator, pdf-canvas (the scroll container; its
// data-rendered-page is the page in view once drawn), pdf-page-<n> (a page
// box, its text layer inside), zoom-in / zoom-label / zoom-select,
// thumbs-toggle / thumb-<n>, viewer-search / search-count / search-next,
// search-all / search-all-go / search-all-status / search-all-results /
// search-all-hit (data-doc, data-page), cite (引用此页) and opinion. Same environment as app.e2e.test.mjs.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cleanUp, helpers, openApp, startDriver } from "./driver.mjs";

const APP = resolve(process.env.PANELDESK_APP ?? "../target/debug/paneldesk");
const BATCH = resolve(process.env.PANELDESK_BATCH ?? "../target/e2e-batch.zip");
const SHOTS = resolve(process.env.PANELDESK_SHOTS ?? "../docs/screenshots");
const T = 20_000;
const dataDir = mkdtempSync(join(tmpdir(), "paneldesk-viewer-e2e-"));
let driver;
let app;

const { el, shot, waitText } = helpers(() => app, { timeout: T, shots: SHOTS });

/** Waits until the page in view is `n` and drawn. */
async function drawn(n) {
  await waitText("page-indicator", new RegExp(`第 ${n} / \\d+ 页`));
  await app.waitUntil(async () => (await el("pdf-canvas").getAttribute("data-rendered-page")) === String(n), {
    timeout: T,
    timeoutMsg: `page ${n} was never drawn`,
  });
}

/** Waits until page `n`'s text layer has its text. */
async function textLayer(n) {
  await app.waitUntil(
    () => app.execute((p) => !!document.querySelector(`[data-test="pdf-page-${p}"] .textLayer span`), n),
    { timeout: T, timeoutMsg: `page ${n} has no text layer` },
  );
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  driver = await startDriver();
});
after(() => cleanUp(app, driver, dataDir));

test("the viewer zooms, shows thumbnails, searches a document and the whole package, and its selected text is quoted into the opinion", async () => {
  try {
    app = await openApp(APP, ["--data-dir", dataDir, "--open", BATCH]);
    await el("profile-form").waitForExist({ timeout: T });
    await app.$('input[name="expert_id"]').setValue("X03");
    await app.$('input[name="name"]').setValue("李强");
    await app.$('input[name="title"]').setValue("研究员");
    await app.$('input[name="affiliation"]').setValue("聊城大学");
    await el("profile-save").click();
    const row = el("row-LC-2026-001");
    await row.waitForExist({ timeout: 30_000 });
    await row.click();
    await app.keys("Enter");
    await el("score-form").waitForExist({ timeout: T });
    // No conflict: the score sheet opens, so 引用此页 has somewhere to write.
    await el("coi-no").click();
    await el("opinion").waitForExist({ timeout: T });

    // The application form: every page in one scroll, page 1 in view.
    await el("tab-documents").click();
    await el("doc-docs/application.pdf").click();
    await waitText("page-indicator", /第 1 \/ 3 页/);
    await drawn(1);
    assert.equal(await app.$$('[data-test^="pdf-page-"]').length, 3);

    // Zoom in with +: the label leaves "fit width" for the next step.
    const fit = await el("zoom-label").getText();
    assert.match(fit, /^\d+%$/);
    assert.equal(await el("zoom-select").getValue(), "fit");
    await el("zoom-in").click();
    await app.waitUntil(async () => (await el("zoom-label").getText()) !== fit, {
      timeout: T,
      timeoutMsg: `the zoom label stayed ${fit}`,
    });
    assert.notEqual(await el("zoom-select").getValue(), "fit");
    await drawn(1);

    // Thumbnails: page 3's goes to page 3 and is marked as the current one.
    await el("thumbs-toggle").click();
    await el("thumb-3").waitForExist({ timeout: T });
    assert.equal(await el("thumb-1").getAttribute("aria-current"), "page");
    await el("thumb-3").click();
    await drawn(3);
    assert.equal(await el("thumb-3").getAttribute("aria-current"), "page");

    // Ctrl F in the viewer: "page" is on every page, once. The first hit is
    // the one on the page in view; the next hit is on the next page round.
    await el("pdf-canvas").click();
    await app.keys(["Control", "f"]);
    await el("viewer-search").waitForExist({ timeout: T });
    await el("viewer-search").setValue("page");
    await waitText("search-count", /第 \d \/ 3 处/);
    const k = Number((await el("search-count").getText()).match(/第 (\d) \//)[1]);
    await waitText("page-indicator", new RegExp(`第 ${k} / 3 页`));
    await textLayer(k);
    await app.waitUntil(
      () =>
        app.execute((p) => document.querySelector(`[data-test="pdf-page-${p}"] .textLayer .highlight`)?.textContent, k),
      { timeout: T, timeoutMsg: "the hit was not highlighted" },
    );
    const next = (k % 3) + 1;
    await el("search-next").click();
    await waitText("search-count", new RegExp(`第 ${next} / 3 处`));
    await shot("17-viewer-search");
    await waitText("page-indicator", new RegExp(`第 ${next} / 3 页`));
    await app.keys("Escape");
    await app.waitUntil(async () => !(await el("viewer-search").isExisting()), {
      timeout: T,
      timeoutMsg: "Escape did not close the search",
    });

    // The text layer's text can be selected (and so copied).
    await textLayer(next);
    const selected = await app.execute((p) => {
      const span = document.querySelector(`[data-test="pdf-page-${p}"] .textLayer span`);
      const range = document.createRange();
      range.selectNodeContents(span);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      return selection.toString();
    }, next);
    assert.match(selected, new RegExp(`LC-2026-001 docsapplication\\.pdf - page ${next}`));
    // 引用此页 quotes it into the comment (the opinion: no comment field was
    // written in yet), with the page the selection is on.
    await el("cite").click();
    await app.waitUntil(async () => (await el("opinion").getValue()).includes("〔"), {
      timeout: T,
      timeoutMsg: "引用此页 put nothing into the opinion",
    });
    assert.equal(
      await el("opinion").getValue(),
      `“LC-2026-001 docsapplication.pdf - page ${next}”〔申报书 第${next}页〕`,
    );
    await shot("30-quote-selection");

    // 在全部材料中搜索: every page of the three documents carries the label.
    await el("search-all").setValue("LC-2026-001");
    await el("search-all-go").click();
    await waitText("search-all-status", /共 12 处，分布在 3 份材料中/);
    const listed = await app.execute(() =>
      Object.fromEntries(
        [...document.querySelectorAll('[data-test="search-all-results"] > li')].map((li) => [
          li.getAttribute("data-doc"),
          [...li.querySelectorAll('[data-test="search-all-hit"]')].map((h) => Number(h.getAttribute("data-page"))),
        ]),
      ),
    );
    assert.deepEqual(listed, {
      "docs/application.pdf": [1, 2, 3],
      "docs/audit-2025.pdf": [1, 2, 3, 4],
      "docs/agreement-1.pdf": [1, 2, 3, 4, 5],
    });
    const results = await el("search-all-results").getText();
    await shot("18-search-all");
    for (const title of ["技术创新中心建设申报书", "2025年度财务审计报告", "共建协议（聊城大学）"]) {
      assert.ok(results.includes(title), `${title} is listed`);
    }
    const hit = app.$('[data-test="search-all-hit"][data-doc="docs/agreement-1.pdf"][data-page="4"]');
    assert.equal(await hit.$("mark").getText(), "LC-2026-001");
    assert.match(await hit.getText(), /第 4 页/);

    // A hit opens its document at its page, marked for a moment (2 s).
    await hit.click();
    await app.waitUntil(async () => /\bflash\b/.test((await el("pdf-page-4").getAttribute("class")) ?? ""), {
      timeout: T,
      interval: 100,
      timeoutMsg: "the page opened was not marked",
    });
    await waitText("page-indicator", /第 4 \/ 5 页/);
    await drawn(4);
  } catch (e) {
    await app?.saveScreenshot(join(SHOTS, "failed-viewer.png")).catch(() => {});
    throw e;
  }
});

test("a site photo is shown with zoom, an equipment list as a table with its merged title and every sheet, and a scan drawn true", async () => {
  try {
    // The same window and folder: back to the list, then the third package.
    await el("back").click();
    const row = el("row-LC-2026-003");
    await row.waitForExist({ timeout: T });
    await row.click();
    await app.keys("Enter");
    await el("tab-documents").waitForExist({ timeout: T });
    await el("tab-documents").click();

    await el("doc-photos/site.png").click();
    await el("image").waitForExist({ timeout: T });
    await app.waitUntil(() => app.execute(() => document.querySelector('[data-test="image"]')?.naturalWidth === 240), {
      timeout: T,
      timeoutMsg: "the photo never decoded",
    });
    const fit = await el("image-zoom").getText();
    await el("image-zoom-in").click();
    await app.waitUntil(async () => /^\d+%$/.test(await el("image-zoom").getText()), {
      timeout: T,
      timeoutMsg: `the zoom stayed ${fit}`,
    });
    assert.equal(await el("image-broken").isExisting(), false);
    await shot("28-image-document");

    await el("doc-lists/equipment.xlsx").click();
    await el("sheet-table").waitForExist({ timeout: T });
    const title = app.$('[data-test="sheet-table"] td[colspan="3"]');
    assert.equal(await title.getText(), "仪器设备清单（原值 ≥ 10 万元）");
    const text = await el("sheet-table").getText();
    const cells = await app.$$('[data-test="sheet-table"] tr:nth-child(3) td').map((c) => c.getText());
    assert.deepEqual(cells, ["五轴数控加工中心", "694.3", "1"]);
    assert.match(text, /电子显微镜/);
    await shot("29-sheet-document");
    await el("sheet-tab-1").click();
    await app.waitUntil(async () => /数据来源：固定资产台账/.test(await el("sheet-table").getText()), {
      timeout: T,
      timeoutMsg: "the second sheet was not shown",
    });

    // A scan: its page is a JPEG (decoded by the engine's decoder in the
    // pdf.js worker, src/jpegDecoder.ts), left half dark, right half light.
    await el("doc-scans/lease.pdf").click();
    await drawn(1);
    const [dark, light] = await app.execute(() => {
      const c = document.querySelector('[data-test="pdf-page-1"] canvas');
      const g = c.getContext("2d");
      const at = (x) => g.getImageData(Math.floor(c.width * x), Math.floor(c.height / 2), 1, 1).data;
      return [at(0.25), at(0.75)].map((p) => [p[0], p[1], p[2]]);
    });
    assert.ok(
      dark.every((v) => Math.abs(v - 40) <= 12),
      `the dark half is ${dark}`,
    );
    assert.ok(
      light.every((v) => Math.abs(v - 230) <= 12),
      `the light half is ${light}`,
    );
    await shot("32-scanned-document");
  } catch (e) {
    await app?.saveScreenshot(join(SHOTS, "failed-viewer-kinds.png")).catch(() => {});
    throw e;
  }
});
