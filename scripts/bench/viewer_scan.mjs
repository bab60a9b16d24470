// The viewer on a 300-page scanned application (issue 15 item 5), in the
// real window through WebDriver (tauri-driver, as the e2e tests use it).
// Each run starts the app on a fresh copy of a data folder holding a
// profile and the imported scan batch, opens the package's documents tab
// and clicks the application form; "first page" is the time, measured in
// the page (performance.now), from that click to page 1 drawn
// (data-rendered-page="1": its canvas in place, seen at an animation
// frame): the bytes read and checked in Rust, pdf.js reading the parts it
// needs and drawing the page; the first two are recorded on the way
// (checked_ms, parsed_ms), and after it the time its text layer is in
// place (text_ms). The last run then scrolls to the end one
// screen per animation frame (a fast fling), waits for the last page to be
// drawn, and records the frame gaps during the scroll and the memory (PSS,
// RSS) of the app and its WebKit processes after the first page and after
// the end, each 2 s after things settled.
// usage: node viewer_scan.mjs APP DATA_TEMPLATE PACKAGE_ID WORKDIR [RUNS]  → JSON on stdout
import { cpSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { openApp, startDriver, stopDriver } from "../../ui/e2e/driver.mjs";

const [APP, TEMPLATE, PACKAGE, WORK, RUNS = "3"] = process.argv.slice(2);
const DOC = "docs/application.pdf";
const T = 60_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function descendants(pid) {
  const out = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const kids = readFileSync(
      `/proc/${pid}/task/${task}/children`,
      "utf8",
    ).trim();
    for (const k of kids ? kids.split(/\s+/).map(Number) : [])
      out.push(k, ...descendants(k));
  }
  return out;
}

/** PSS and RSS (KiB) of the app started on `dataDir` and its descendants. */
function memory(dataDir) {
  const pid = Number(
    execFileSync("pgrep", ["-f", "-n", "--", `--data-dir ${dataDir}`])
      .toString()
      .trim(),
  );
  let pss = 0;
  let rss = 0;
  for (const p of [pid, ...descendants(pid)]) {
    const rollup = readFileSync(`/proc/${p}/smaps_rollup`, "utf8");
    pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
  }
  return { pss_kib: pss, rss_kib: rss };
}

async function openPackage(app) {
  const el = (t) => app.$(`[data-test="${t}"]`);
  const batch = app.$('button[data-test^="batch-"]');
  await batch.waitForExist({ timeout: T });
  await batch.click();
  const row = el(`row-${PACKAGE}`);
  await row.waitForExist({ timeout: T });
  await row.click();
  await app.keys("Enter");
  await el("tab-documents").waitForExist({ timeout: T });
  await el("tab-documents").click();
  await el(`doc-${DOC}`).waitForExist({ timeout: T });
}

/** Clicks the document; resolves with the ms until page 1 is drawn, and
 *  when on the way the viewer had the bytes checked in Rust and pdf.js had
 *  read the document (the marks useDocument sets). */
function firstPage(app) {
  return app.executeAsync((doc, done) => {
    const t0 = performance.now();
    document.querySelector(`[data-test="doc-${doc}"]`).click();
    const at = (name) => {
      const m = performance.getEntriesByName(name, "mark").at(-1);
      return m && m.startTime >= t0 ? Math.round(m.startTime - t0) : null;
    };
    let drawn = null;
    const poll = () => {
      const c = document.querySelector('[data-test="pdf-canvas"]');
      if (drawn === null && c?.getAttribute("data-rendered-page") === "1")
        drawn = performance.now() - t0;
      // Then its text layer (empty on a scan, still built): selectable from here.
      const text = document.querySelector('[data-test="pdf-page-1"] .textLayer .endOfContent');
      if (drawn !== null && text)
        done({
          ms: drawn,
          text: Math.round(performance.now() - t0),
          checked: at("viewer:checked"),
          parsed: at("viewer:parsed"),
        });
      else requestAnimationFrame(poll);
    };
    poll();
  }, DOC);
}

/** One screen per frame to the end; the frame gaps meanwhile, and the
 *  time until the last page is drawn. */
function scrollToEnd(app) {
  return app.executeAsync((done) => {
    const c = document.querySelector('[data-test="pdf-canvas"]');
    const gaps = [];
    const t0 = performance.now();
    let last = t0;
    const step = () => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
      if (c.scrollTop + c.clientHeight < c.scrollHeight - 1) {
        c.scrollTop += c.clientHeight;
        requestAnimationFrame(step);
        return;
      }
      const scrolled = now - t0;
      const wait = () => {
        const n = document.querySelectorAll('[data-test^="pdf-page-"]').length;
        if (c.getAttribute("data-rendered-page") === String(n)) {
          gaps.sort((a, b) => a - b);
          const first = document.querySelector('[data-test="pdf-page-1"]');
          done({
            // What scripts/bench/anchor_scroll.mjs lays out in the bare window.
            view: {
              width: c.clientWidth,
              height: c.clientHeight,
              pages: n,
              page_width: first.offsetWidth,
              page_height: first.offsetHeight,
            },
            pages: n,
            frames: gaps.length,
            scroll_ms: scrolled,
            last_page_ms: performance.now() - t0,
            p95_frame_ms: gaps[Math.floor(gaps.length * 0.95)],
            longest_frame_ms: gaps[gaps.length - 1],
          });
        } else requestAnimationFrame(wait);
      };
      wait();
    };
    requestAnimationFrame(step);
  });
}

const driver = await startDriver();
const result = { first_page_ms: [], checked_ms: [], parsed_ms: [], text_ms: [] };
try {
  for (let run = 1; run <= Number(RUNS); run++) {
    const dataDir = join(WORK, `viewer-data-${run}`);
    rmSync(dataDir, { recursive: true, force: true });
    cpSync(TEMPLATE, dataDir, { recursive: true });
    const app = await openApp(APP, ["--data-dir", dataDir]);
    app.setTimeout({ script: T });
    try {
      await openPackage(app);
      const first = await firstPage(app);
      result.first_page_ms.push(Math.round(first.ms));
      result.checked_ms.push(first.checked);
      result.parsed_ms.push(first.parsed);
      result.text_ms.push(first.text);
      if (run === Number(RUNS)) {
        await sleep(2000);
        result.after_first_page = memory(dataDir);
        Object.assign(result, await scrollToEnd(app));
        await sleep(2000);
        result.after_end = memory(dataDir);
        await app.saveScreenshot(join(WORK, "viewer-end.png"));
      }
    } finally {
      await app.deleteSession().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
} finally {
  await stopDriver(driver);
}
console.log(JSON.stringify(result));
