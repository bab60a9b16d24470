// Starts tauri-driver (which starts WebKitWebDriver) and opens WebDriver
// sessions on the real app window. tauri-driver is stopped with SIGTERM,
// never SIGKILL: killed hard it orphans WebKitWebDriver on port 4445.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { remote } from "webdriverio";

const PORT = 4444;

export async function startDriver() {
  const driver = spawn(process.env.TAURI_DRIVER ?? "tauri-driver", ["--port", String(PORT)], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (driver.exitCode !== null) throw new Error(`tauri-driver exited with ${driver.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${PORT}/status`);
      if (r.ok) return driver;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  driver.kill("SIGTERM");
  throw new Error("tauri-driver did not start within 20 s");
}

export function stopDriver(driver) {
  if (!driver || driver.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    driver.once("exit", resolve);
    driver.kill("SIGTERM");
  });
}

/** A page script: draws a 1-pixel, all but transparent mark at the
 *  window's corner every frame until `stop` (or 10 s). Without the DMA-BUF
 *  renderer (src-tauri/src/renderer.rs: no GPU, as under Xvfb), WebKit
 *  takes a screenshot at its next rendering update, and a page with
 *  nothing left to redraw has none: the screenshot waited for ever. */
const NUDGE = `
  const was = window.__shotNudge;
  if (arguments[0] === "stop") { if (was) was.stop = true; return; }
  if (was && !was.stop) return;
  const mark = document.createElement("div");
  mark.style.cssText = "position:fixed;right:0;bottom:0;width:1px;height:1px;pointer-events:none;z-index:2147483647";
  document.documentElement.append(mark);
  const n = (window.__shotNudge = { stop: false });
  const end = performance.now() + 10000;
  let k = 0;
  const step = () => {
    if (n.stop || performance.now() > end) return mark.remove();
    mark.style.background = k++ % 2 ? "rgba(0,0,0,0.01)" : "rgba(0,0,0,0.02)";
    requestAnimationFrame(step);
  };
  step();`;

/** Screenshots that come even when the page is idle (NUDGE). */
async function nudged(session, take) {
  await session.execute(NUDGE, "start").catch(() => {});
  try {
    return await take();
  } finally {
    await session.execute(NUDGE, "stop").catch(() => {});
  }
}

/** Launches the app with `args` and returns the WebDriver session. */
export async function openApp(application, args) {
  const session = await openSession(application, args);
  session.overwriteCommand("takeScreenshot", (take) => nudged(session, take));
  session.overwriteCommand("takeElementScreenshot", (take, id, scroll) => nudged(session, () => take(id, scroll)));
  return session;
}

function openSession(application, args) {
  return remote({
    hostname: "127.0.0.1",
    port: PORT,
    logLevel: "silent", // expected refusals (no alert open) are not noise in the report
    connectionRetryCount: 1,
    capabilities: {
      "tauri:options": { application, args },
      // WebKitWebDriver speaks classic WebDriver only.
      "wdio:enforceWebDriverClassic": true,
    },
  });
}

/** `el`, `shot` and `waitText` on whatever session `session()` returns now. */
export function helpers(session, { timeout, shots }) {
  const el = (test) => session().$(`[data-test="${test}"]`);
  return {
    el,
    shot: (name) => session().saveScreenshot(join(shots, `${name}.png`)),
    waitText: (test, pattern) =>
      session().waitUntil(async () => pattern.test(await el(test).getText()), {
        timeout,
        timeoutMsg: `${test} never matched ${pattern}`,
      }),
  };
}

/** Ends the session and the driver, then removes the test's folders. */
export async function cleanUp(app, driver, ...dirs) {
  await app?.deleteSession().catch(() => {});
  await stopDriver(driver);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

/**
 * Runs an example of the app's crate that writes a test's scene: the one
 * built beside the app (`cargo test` builds them), else built now in the
 * app's own target folder.
 */
export function runExample(application, name, args) {
  const built = join(dirname(application), "examples", name);
  if (existsSync(built)) {
    execFileSync(built, args, { stdio: "inherit" });
    return;
  }
  execFileSync(
    "cargo",
    ["run", "-q", "-p", "paneldesk-app", "--features", "custom-protocol", "--example", name, "--", ...args],
    { cwd: resolve(".."), env: { ...process.env, CARGO_TARGET_DIR: dirname(dirname(application)) }, stdio: "inherit" },
  );
}
