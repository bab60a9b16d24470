// The anchor for the viewer's scroll figure: the bare Tauri window
// (scripts/bench/anchor) given the same layout the viewer scrolls — a
// scroller of the viewer's size holding as many white page boxes of the
// scan's page size, with the viewer's gaps and shadows, nothing drawn in
// them — scrolled the same way, one screen per animation frame, through
// WebDriver. What that costs is this WebKit's own floor on this machine.
// usage: node anchor_scroll.mjs ANCHOR VIEWER_JSON  → JSON on stdout
import { readFileSync } from "node:fs";
import { openApp, startDriver, stopDriver } from "../../ui/e2e/driver.mjs";

const [ANCHOR, VIEWER] = process.argv.slice(2);
const view = JSON.parse(readFileSync(VIEWER, "utf8")).view;
if (!view) throw new Error(`${VIEWER} has no "view" (the viewer's size)`);

const driver = await startDriver();
try {
  const app = await openApp(ANCHOR, []);
  app.setTimeout({ script: 120_000 });
  try {
    const result = await app.executeAsync((v, done) => {
      document.body.replaceChildren();
      document.body.style.margin = "0";
      const c = document.createElement("div");
      Object.assign(c.style, {
        width: `${v.width}px`,
        height: `${v.height}px`,
        overflow: "auto",
        background: "#7b8591",
      });
      const inner = document.createElement("div");
      inner.style.padding = "8px";
      for (let i = 0; i < v.pages; i++) {
        const p = document.createElement("div");
        Object.assign(p.style, {
          width: `${v.page_width}px`,
          height: `${v.page_height}px`,
          margin: "0 auto 8px",
          background: "#fff",
          boxShadow: "0 1px 3px rgb(0 0 0 / 0.35)",
        });
        inner.append(p);
      }
      c.append(inner);
      document.body.append(c);
      // Settled first, as the viewer is when its scroll starts. The loop is
      // viewer_scan.mjs's scrollToEnd, repeated: a script sent to the page
      // cannot import one.
      setTimeout(() => {
        const gaps = [];
        let last = performance.now();
        const t0 = last;
        const step = () => {
          const now = performance.now();
          gaps.push(now - last);
          last = now;
          if (c.scrollTop + c.clientHeight < c.scrollHeight - 1) {
            c.scrollTop += c.clientHeight;
            requestAnimationFrame(step);
            return;
          }
          gaps.sort((a, b) => a - b);
          done({
            pages: v.pages,
            frames: gaps.length,
            scroll_ms: now - t0,
            p95_frame_ms: gaps[Math.floor(gaps.length * 0.95)],
            longest_frame_ms: gaps[gaps.length - 1],
          });
        };
        requestAnimationFrame(step);
      }, 2000);
    }, view);
    console.log(JSON.stringify(result));
  } finally {
    await app.deleteSession().catch(() => {});
  }
} finally {
  await stopDriver(driver);
}
