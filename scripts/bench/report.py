#!/usr/bin/env python3
"""Writes docs/benchmarks.md from the results scripts/bench/run.sh left in
its work folder. usage: report.py WORKDIR OUT.md PACKAGES EXPERTS BIG_MB SCAN_PAGES"""
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys

import report_app


def load(work, name):
    try:
        with open(os.path.join(work, name)) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def crit_ms(work, name):
    d = load(work, f"criterion-{name}.json")
    return d["mean"]["point_estimate"] / 1e6 if d else None


def hf(d, name):
    """hyperfine mean and stddev (ms) of the named command."""
    for r in (d or {}).get("results", []):
        if r["command"] == name:
            return r["mean"] * 1000, (r.get("stddev") or 0) * 1000
    return None, None


def cpu_ms(d, name):
    """hyperfine mean user + system CPU time (ms) of the named command."""
    for r in (d or {}).get("results", []):
        if r["command"] == name:
            return (r.get("user", 0) + r.get("system", 0)) * 1000
    return None


def fmt(ms, unit="ms"):
    if ms is None:
        return "—"
    if unit == "s":
        return f"{ms / 1000:.2f} s"
    return f"{ms:.1f} ms" if ms < 100 else f"{ms:.0f} ms"


def ratio(a, b):
    return f"{a / b:.1f}×" if a and b else "—"


def cpu():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main(work, out, packages, experts, big_mb, scan_pages="300"):
    packages, experts, big_mb, scan_pages = int(packages), int(experts), int(big_mb), int(scan_pages)
    reviews = packages * experts
    render = crit_ms(work, "render")
    sign = crit_ms(work, "render_sign")
    verify_in = crit_ms(work, "verify")
    typst = load(work, "typst.json") or {}
    ver = load(work, "verify.json")
    v_pd, v_pd_sd = hf(ver, "paneldesk-cli")
    v_ps, _ = hf(ver, "pdfsig")
    v_ph, _ = hf(ver, "pyhanko")
    size = os.path.getsize(os.path.join(work, "review.pdf")) if os.path.exists(os.path.join(work, "review.pdf")) else None
    try:
        pages = open(os.path.join(work, "review.pages")).read().strip()
    except OSError:
        pages = "?"
    big = load(work, "big.json")
    b_check, _ = hf(big, "paneldesk-cli check")
    b_import, _ = hf(big, "paneldesk-cli batch import")
    b_anchor, _ = hf(big, "sha256sum + unzip -t")
    scale = load(work, "scale.json")
    s_total, s_sd = hf(scale, "batch import + consolidate")
    split = load(work, "scale-split.json") or {}
    made = load(work, "scale-make.json") or {}
    result = load(os.path.join(work, "scale"), "result.json") or {}
    accepted = sum(p.get("experts", 0) for p in result.get("packages", []))
    signed = sum(1 for p in result.get("packages", []) if p.get("signed"))
    rejected = len(result.get("rejected", []))
    deb = None
    try:
        debs = [l.strip() for l in open(os.path.join(work, "deb.list")) if l.strip()]
        if debs:
            deb = (os.path.basename(debs[0]), os.path.getsize(debs[0]))
    except OSError:
        pass

    def ok(cond):
        if cond is None:
            return "(not measured)"
        return "✅" if cond else "❌"

    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    nproc = os.cpu_count()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    L = []
    w = L.append
    w("# Benchmarks")
    w("")
    w("Every figure below was measured by one run of `make bench` (scripts/bench/run.sh), beside its anchor")
    w("measured in the same run on the same machine; ratios are anchor ÷ PanelDesk (above 1 means PanelDesk")
    w("is faster). Regenerate this page with `make bench`; the work files go to `$CARGO_TARGET_DIR/bench`.")
    w("")
    w(f"- Machine: {nproc} cores, {cpu()}, {platform.system()} {platform.release()}")
    w(f"- Date: {now}, commit {commit or '?'} (plus the working tree at the time)")
    w(f"- Scale: {packages} packages × {experts} experts, a {big_mb} MiB package")
    w("")
    w("## Summary")
    w("")
    w("| figure | PanelDesk | anchor (same run) | ratio | goal |")
    w("|---|---|---|---|---|")
    w(f"| render + sign one 专家评审意见表 (warm, in-process) | {fmt(sign)} | typst warm compile {fmt(typst.get('warm_mean_ms'))} | {ratio(typst.get('warm_mean_ms'), sign)} | no slower than typst {ok(sign and typst.get('warm_mean_ms') and sign <= typst['warm_mean_ms'])} |")
    w(f"| `paneldesk-cli verify` one review (whole command) | {fmt(v_pd)} ± {fmt(v_pd_sd)} | pdfsig {fmt(v_ps)}; pyHanko {fmt(v_ph)} | {ratio(v_ps, v_pd)} vs pdfsig; {ratio(v_ph, v_pd)} vs pyHanko | ≥ 3× pdfsig {ok(v_pd and v_ps and v_ps >= 3 * v_pd)} |")
    c_pd, c_ps, c_ph = cpu_ms(ver, "paneldesk-cli"), cpu_ms(ver, "pdfsig"), cpu_ms(ver, "pyhanko")
    w(f"| the same, CPU time (user + system) | {fmt(c_pd)} | pdfsig {fmt(c_ps)}; pyHanko {fmt(c_ph)} | {ratio(c_ps, c_pd)} vs pdfsig; {ratio(c_ph, c_pd)} vs pyHanko | |")
    w(f"| size of a {pages}-page signed review | {size / 1024:.0f} KiB |  |  | < 300 KB {ok(size and size < 300_000)} |" if size else "| review size | — | | | |")
    w(f"| check a {big_mb} MiB package (`check --json`) | {fmt(b_check)} | `sha256sum` + `unzip -t` {fmt(b_anchor)} | {ratio(b_anchor, b_check)} | |")
    w(f"| import a {big_mb} MiB package (`batch import`: copy + check) | {fmt(b_import)} | `sha256sum` + `unzip -t` {fmt(b_anchor)} | {ratio(b_anchor, b_import)} | |")
    per_review = (split.get("consolidate_s", 0) * 1000 / reviews) if split.get("consolidate_s") else None
    w(f"| {reviews:,} signed reviews: `batch import` + `consolidate` | {fmt(s_total, 's')} | | | < 10 s on 2 cores {ok(s_total and s_total < 10_000)} |")
    w(f"| verify one review in-process (one core) | {fmt(verify_in)} | | | |")
    w(f"| consolidate, wall time per review | {fmt(per_review)} | | | |")
    for row in report_app.summary_rows(work) + report_app.viewer_rows(work, scan_pages):
        w(row)
    w(f"| .deb size | {deb[1] / 1024 / 1024:.1f} MiB (`{deb[0]}`) | | | |" if deb else "| .deb size | not built (run `make package`) | | | |")
    w("")
    w("## How each figure is measured")
    w("")
    w("**Render + sign.** Criterion (`cargo bench -p paneldesk-fixtures --bench render_sign`), in one process")
    w("with the fonts parsed once (warm): the demo batch's first package, a full score sheet with comments,")
    w("rendered with printpdf, review.json attached, PAdES-signed (ECDSA P-256). "
      f"Render alone: {fmt(render)}; render + sign: {fmt(sign)}.")
    w("The anchor is PyPI `typst` compiling the same page content (scripts/bench/typst_review.py writes the")
    w("`.typ` from the signed PDF's own review.json and the batch: the same header grid, criteria table with the")
    w("rubric's guidance, comments, opinion, conclusion, conflict statement, signature box, footer hashes; Noto")
    w("Sans SC from assets/fonts). One `typst.Compiler` is kept (fonts loaded once), the first compile is")
    w("discarded, then 30 compiles each with a different `sys.inputs` value (scripts/bench/typst_time.py):")
    w("typst re-lays out the document but still memoises unchanged parts, which favours it; it does not sign.")
    w(f"typst cold (first compile, fonts loaded): {fmt(typst.get('cold_ms'))}; warm min {fmt(typst.get('warm_min_ms'))};"
      f" its PDF: {typst.get('pages', '?')} page(s), {(typst.get('bytes') or 0) / 1024:.0f} KiB.")
    w("")
    w("**Verify.** hyperfine (`-N`, no shell, 3 warm-ups, ≥ 20 runs) on the same signed review: `paneldesk-cli")
    w("verify FILE --json` (signature, digest, coverage, review.json, footer hash), `pdfsig FILE` (poppler)")
    w("and `pyhanko sign validate FILE` (no trust roots given: it still checks integrity and the signature).")
    w("Whole commands, process start included, as a user or a script runs them.")
    w("")
    w(f"**Large package.** `paneldesk-fixtures big-package --mb {big_mb}` writes an eligible establishment package")
    w("whose documents are valid PDFs carrying random-pixel images (incompressible, like scans), and a batch")
    w("holding only it. hyperfine, 1 warm-up + 5 runs, the file in the page cache for every command:")
    w("`check` reads the ZIP's central directory, vets every entry and streams each document through SHA-256;")
    w("`batch import` also hashes the batch, copies the package into a fresh data folder and records it. The")
    w("anchor hashes the file once and test-inflates every entry (CRC-32).")
    w("")
    w(f"**Scale.** `paneldesk-fixtures panel --packages {packages} --experts {experts}` makes the batch, one")
    w(f"identity per expert (the roster carries their certificate hashes) and {reviews:,} signed reviews"
      f" ({made.get('seconds', '?')} s on this machine, signing in parallel; not part of the figure). The figure")
    w("is hyperfine (2 runs, a fresh copy of the chair's data folder before each) of `batch import` then")
    w("`consolidate --json`: every review verified, checked against the batch, aggregated, one signed")
    w("专家组意见 PDF per package, ranking.pdf and ranking.xlsx. Verification runs on every core, and so do")
    w("rendering and signing the 专家组意见 (the store is read and written on one thread meanwhile). Each file")
    w("is parsed and verified once: what was read from a file is kept by its SHA-256 for the process")
    w("(crates/api/src/chair/seen.rs), and the copies a 专家组意见 embeds are hashed again and matched to it. "
      f"Apart: import {split.get('import_s', '?')} s, consolidate {split.get('consolidate_s', '?')} s. "
      f"Last run: {accepted:,} reviews accepted, {rejected} rejected, {signed} of {packages} packages signed.")
    w("")
    w("**Cold start.** scripts/bench/app_start.sh runs the release binary 10 times under Xvfb (1366×900), the")
    w("binary in the page cache, each run on a fresh copy of a data folder holding an expert profile and the")
    w("imported demo batch (made once with `paneldesk-cli`): a returning expert's start, whose page is the batch")
    w("list. scripts/bench/window_watch.py reads the screen from Xvfb's memory-mapped frame buffer (`-fbdir`, a")
    w("probe every ~20 ms, no X grabs that would slow the app): \"mapped\" is the window 专家评审台 viewable")
    w("(xwininfo), \"painted\" the first frame no longer the unpainted black, \"content\" the first appearance of")
    w("the page's settled frame: not one flat colour (the window's first paint, a blank or unstyled web view")
    w("are), then unchanged for 1.5 s, so a passing \"loading\" frame does not count (given up after 20 s). The")
    w("frame each run reached is kept as content-N.png in the work folder. **Idle memory**: 10 s after the")
    w("last start, the sum of Rss and Pss (/proc/PID/smaps_rollup) of the app and its descendants")
    w("(WebKitWebProcess, WebKitNetworkProcess); Pss shares libraries fairly between processes, so it is the")
    w("figure to quote.")
    w("")
    w("The **anchor** is the least a Tauri v2 window can be: scripts/bench/anchor, its own workspace built")
    w("under the project's Cargo.lock (the same tauri, wry and WebKitGTK bindings, the same features), one")
    w("static page with a header and two paragraphs, no script, no command, no state. It is started by the")
    w("same app_start.sh (it ignores the data folder it is given), and the two are alternated in two rounds")
    w("of 5 starts each; times are the medians of the 10, memory the median of the two rounds' readings.")
    w("")
    w("**The bundle, per chunk** (ui/dist as embedded in that release build; vite's output):")
    w("")
    for line in report_app.chunk_lines(work):
        w(line)
    w("")
    w("`PdfBytesViewer-*.js` is pdf.js with the small viewer that first imports it (the bundler names a shared")
    w("chunk after one of its modules); `pdf.worker` is pdf.js's worker, started with the first document.")
    w("")
    w(f"**The viewer on a scanned application.** `paneldesk-fixtures scanned-package --pages {scan_pages}` writes an")
    w("eligible package whose application form is that many pages, each a greyscale JPEG at 150 dpi (A4,")
    w("1240 × 1754, lines of text-like marks, no text layer), and a batch of it. scripts/bench/viewer_scan.mjs")
    w("drives the release window through WebDriver (tauri-driver), 3 starts on fresh copies of a data folder")
    w("holding a profile and that batch: open the package's documents, click the application form, and time in")
    w("the page (performance.now) from the click to page 1 drawn (its canvas in place, seen at the next animation")
    w("frame; its text layer, empty on a scan, follows and is timed too). After the last start's first page it scrolls")
    w("the pages to the end one screen per animation frame, records the gaps between frames, waits for the")
    w("last page to be drawn, and reads the memory (Pss) of the app and its WebKit processes 2 s after the")
    w("first page and 2 s after the last. The scroll's anchor (scripts/bench/anchor_scroll.mjs): the bare Tauri")
    w("window, through WebDriver too, lays out what the viewer scrolled — a scroller of the viewer's size holding")
    w("the same number of white page boxes of page 1's size, with the viewer's gaps and shadows, nothing drawn")
    w("in them — and scrolls it the same way, under PanelDesk's renderer setting. Its frame gaps are this")
    w("WebKit's own on this machine; the goal is to stay within 1.1× of them (until 2026-12-03 it was an")
    w("absolute p95 ≤ 50 ms, which the bare window itself misses without a GPU: p95 ~70 ms).")
    w("")
    w("**.deb.** `make package` (the Tauri bundler through `npx tauri build --bundles deb`); the size of the file.")
    w("")
    w("## Where the start's time and memory go")
    w("")
    w("Found by hand on 2026-12-02 (this machine; `window_watch.py --frames` keeps every new frame with its")
    w("time, a few starts of each program; not re-measured by `make bench`):")
    w("")
    w("- Up to the window's first paint PanelDesk keeps pace with the anchor (mapped and painted within ~20 ms")
    w("  of it): loading the larger binary, the log, opening SQLite and its migrations (all before the window)")
    w("  and starting WebKit's processes cost nothing measurable at this resolution.")
    w("- PanelDesk's page is loaded and styled (its background drawn) at about the time the anchor's whole page")
    w("  is. What follows is the difference: 95–170 ms from there to Vue's first frame (evaluating the start")
    w("  bundle — Vue's runtime, vue-i18n with its message compiler and @tauri-apps/api are most of it — and")
    w("  mounting), then ~30 ms to the batch list (the reads over IPC and a second render).")
    w("- Splitting the bundle (815 KiB of script at start → 290 KiB; pdf.js, ECharts, the package, chair,")
    w("  co-signing and bureau screens now load when first shown) moved the median by less than the noise")
    w("  (799 → 792 ms): parsing is not where the time goes. Sending the start's reads before Vue is evaluated")
    w("  (ui/src/boot.ts) brought it to 733–772 ms (medians of this session's runs).")
    w("- Idle memory: the app's own process holds ~10 MiB more PSS than the anchor's (93 against 83 MiB), the")
    w("  web process ~25 MiB more (199 against 174 MiB), the network process the same (30 MiB). WebKitGTK's")
    w("  document-viewer cache model was tried and changed nothing measurable, so it was not kept.")
    w("")
    w("Found by hand on 2026-12-03 (a machine of the same kind, no GPU; in-page timings through WebDriver")
    w("while scripts/bench/viewer_scan.mjs ran, and app_start.sh; release builds):")
    w("")
    w("- Scrolling: with WebKit's defaults any scroll of the viewer, 10 px or a screen, made a frame take")
    w("  260–450 ms (idle frames 16 ms); the page's own script was ~2–5 ms of each, and hiding every canvas or")
    w("  page shadow changed nothing. Without a GPU WebKitGTK's DMA-BUF renderer composites with software GL.")
    w("  Since this session the app switches that renderer off where no render node exists")
    w("  (src-tauri/src/renderer.rs; `WEBKIT_DISABLE_DMABUF_RENDERER=1`, unless the user set it): the scan")
    w("  then scrolled at p95 80 ms, longest 112 ms (458 / 528 ms before), and held 478 MiB PSS after the last")
    w("  page (794 MiB before). The bare window keeps WebKit's defaults; the start row beside the same window")
    w("  with the same setting shows what is PanelDesk's own (by hand: 674 ms / 234 MiB against the default")
    w("  anchor's 636 ms / 281 MiB, 1.06× / 0.83×, and the like-for-like anchor's 507 ms / 205 MiB, 1.33× /")
    w("  1.14×). Under that renderer WebKitWebDriver's screenshot of an idle page waited for ever (WebKit")
    w("  takes it at the next rendering update; a page with nothing to redraw has none): the e2e driver keeps")
    w("  a 1-pixel mark changing while it takes one (ui/e2e/driver.mjs).")
    w("- Flinging: pages that pass within a frame or two are not drawn (ui/src/viewer/pace.ts: more than")
    w("  1.5 screens within 150 ms draws nothing new until 120 ms after), so pdf.js does not decode images")
    w("  nobody sees.")
    w("- The scan's first page, 889–1344 ms at the start of the session, 561–697 ms (median 674 ms, 5 runs)")
    w("  at its end. Where it goes (median run): the document read out of its package and checked in Rust,")
    w("  ~130 ms for 80 MiB, held there; pdf.js done reading the document at ~300 ms; page 1's image read,")
    w("  decoded and drawn, then the frame that shows it. Two changes: (1) before page 1 pdf.js reads every")
    w("  page's dictionary of a flat page tree (to check that the last page exists), ~300 small reads spread")
    w("  between the images, each a round trip to Rust; `open_document` now names the parts worth reading")
    w("  at once (header, tail, cross-reference tables, every object of at most 4 KiB: crates/api/src/")
    w("  documents/objects.rs) and the viewer reads them in one call (~30 ms) and hands them to pdf.js from")
    w("  memory. (2) pdf.js decoded each page's 1240 × 1754 JPEG with its JavaScript decoder, ~350–480 ms")
    w("  for page 1 including drawing; WebKitGTK has no WebCodecs ImageDecoder, so the viewer's worker is")
    w("  given one over the engine's own decoder (ui/src/jpegDecoder.ts; createImageBitmap decoded the page")
    w("  in 18–44 ms): page 1 now takes ~180–270 ms to draw. Without a GPU, drawing the scaled image and the")
    w("  frame after it are most of the rest.")
    w("")
    w("Found by hand later on 2026-12-03 (the same machine, release builds; `perf record` for the CLI, in-page")
    w("marks read through WebDriver for the window; A/B runs alternated in one go):")
    w("")
    w("- Consolidating 3,000 reviews took 13–14 s: a third of the CPU time went to parsing and verifying each")
    w("  review PDF three times (at import; again, on one thread, to read its review.json for the figures;")
    w("  again when its copy was checked before signing the 专家组意见). With what the process verified or read")
    w("  kept by file hash, the same run takes 7.9–8.7 s; scrypt (unlocking the chair's key, once), rendering")
    w("  and signing the 200 opinions and verifying each review once are what remain.")
    w("- The scan's first page: reading the 80 MiB document out of its package took ~50 ms and hashing it ~50 ms")
    w("  after that; hashed on a second thread as it is read, `open_document` answers in ~55 ms instead of ~105 ms")
    w("  (crates/api/src/documents/read.rs). Page 1 was drawn only once the page view's IntersectionObserver")
    w("  first reported, a frame or two after the view was laid out (45–85 ms after pdf.js had the document);")
    w("  the page in view is now drawn from the mount. Page 1 was also counted as drawn only after its text")
    w("  layer, 60–90 ms after its canvas was in place and on screen; it now counts from the canvas, and the")
    w("  text layer's time is recorded beside it. Alternated runs: 445–485 ms before, 397–491 ms after (medians")
    w("  ~462 and ~416 ms).")
    w("- The start, in the page's own clock (navigation start = 0, 5 starts): the HTML in by ~20 ms, the")
    w("  start bundle loaded and parsed by ~50–75 ms, evaluated ~10 ms later, Vue mounted ~15–20 ms later, the")
    w("  batch list drawn by ~110–155 ms. The start's reads (boot.ts) reached Rust within 3–7 ms and were")
    w("  answered in 0.2 ms, but their replies waited for the web process to draw Vue's first, still empty")
    w("  frame. Mounting only once they had come (one frame with the list, no empty one) was tried: over 20")
    w("  alternated starts each, the time to the settled batch list did not improve (median 522 against 500 ms,")
    w("  within the noise), so it was not kept.")
    w("- Scrolling the scan: p95 61–64 ms. The bare window scrolling the same boxes with nothing drawn in them")
    w("  showed p95 70 ms with the DMA-BUF renderer off, 85 ms with WebKit's defaults (longest 77 / 121 ms):")
    w("  the frame time is WebKit's compositing in software, not the viewer's work. `WEBKIT_DISABLE_COMPOSITING_MODE=1`")
    w("  changed nothing measurable (p95 60 against 61 ms, first page 389–408 against 388–393 ms).")
    w("- `paneldesk-cli verify` against pdfsig moved between 3.1× (earlier runs) and 2.6–2.8× (this day's): both")
    w("  got faster on a quieter machine, pdfsig more (13.3 → 7.6 ms; ours 4.3 → 2.9 ms). 1.1 ms of ours is")
    w("  starting any Rust binary of this size (`--version`: the dynamic linker's 15,000 relocations, reading")
    w("  /proc/self/maps for the main thread's stack guard); not changed this session.")
    w("")
    w("## Making panels for tests: paneldesk-fixtures")
    w("")
    w("```sh")
    w("cargo run -q --release -p paneldesk-fixtures -- panel --batch assets/demo/establishment-2026.zip --out /tmp/panel \\")
    w("    --seed 1 --chair-data-dir /tmp/chair --tampered 1 --conflicts 1 --duplicates 1 --stray")
    w("cargo run -q --release -p paneldesk-fixtures -- panel --packages 200 --experts 15 --out /tmp/scale --chair-data-dir /tmp/chair2")
    w("cargo run -q --release -p paneldesk-fixtures -- big-package --mb 200 --out /tmp/big.zip --batch /tmp/big-batch.zip")
    w("cargo run -q --release -p paneldesk-fixtures -- scanned-package --pages 300 --out /tmp/scan.zip --batch /tmp/scan-batch.zip")
    w("# then, as the chair (passphrase: panel.json, default paneldesk-fixtures):")
    w("PANELDESK_PASSPHRASE=paneldesk-fixtures paneldesk-cli --data-dir /tmp/chair batch import assets/demo/establishment-2026.zip")
    w("PANELDESK_PASSPHRASE=paneldesk-fixtures paneldesk-cli --data-dir /tmp/chair consolidate --batch LC-TIC-2026-ZJ01 --reviews /tmp/panel/reviews --out /tmp/out --json --accept-new-certificates")
    w("```")
    w("")
    w("`--out` receives `reviews/` (only review PDFs and the injected bad inputs, ready for `consolidate")
    w("--reviews`), `keys/` (each expert's encrypted PKCS#8 key and certificate, PEM), `panel.json` (experts,")
    w("certificate hashes, each review's kind — valid, tampered, conflict — and total, the duplicates and the")
    w("stray file) and, for a fresh batch, `batch.zip`. Scores are multiples of each criterion's step within")
    w("its maximum, with comments where the rubric requires them; the same `--seed` gives the same sheets")
    w("and the same choice of bad inputs (keys, signatures and signing times are new on each run).")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(L) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:7])
