"""The desktop app's part of docs/benchmarks.md (report.py): start and idle
memory beside the bare Tauri anchor, the bundle per chunk, and the viewer on
a scanned application. Each function returns lines of Markdown."""
import json
import os
import re
import statistics


def _load(work, name):
    try:
        with open(os.path.join(work, name)) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def _median(d, key):
    xs = [x for x in (d or {}).get(key, []) if x is not None]
    return (statistics.median(xs), len(xs), len((d or {}).get(key, []))) if xs else (None, 0, 0)


def _ms(v):
    return "—" if v is None else f"{v:.0f} ms"


def _mib(kib):
    return "—" if not kib else f"{kib / 1024:.0f} MiB"


def _times(x, y, goal):
    if not x or not y:
        return "—", "(not measured)"
    r = x / y
    return f"{r:.2f}×", f"≤ {goal}× {'✅' if r <= goal else '❌'}"


def summary_rows(work):
    app, anchor = _load(work, "app.json"), _load(work, "anchor.json")
    if not app:
        return ["| cold start, idle memory | not measured: no release app (run `make package`) | | | |"]
    c, cn, ct = _median(app, "content_ms")
    a, an, at = _median(anchor, "content_ms")
    m, _, _ = _median(app, "mapped_ms")
    p, _, _ = _median(app, "painted_ms")
    am, _, _ = _median(anchor, "mapped_ms")
    ap, _, _ = _median(anchor, "painted_ms")
    r, goal = _times(c, a, 1.1)
    rows = [
        f"| cold start to the batch list drawn (median) | {_ms(c)} ({cn} of {ct}); mapped {_ms(m)}, painted {_ms(p)} "
        f"| bare Tauri window to its page {_ms(a)} ({an} of {at}); mapped {_ms(am)}, painted {_ms(ap)} "
        f"| {r} the anchor's | {goal} |"
    ]
    r, goal = _times(app.get("pss_kib"), (anchor or {}).get("pss_kib"), 1.1)
    rows.append(
        f"| idle memory, app + WebKit processes ({app.get('processes'):.0f}), PSS | {_mib(app.get('pss_kib'))} "
        f"(RSS {_mib(app.get('rss_kib'))}) | {_mib((anchor or {}).get('pss_kib'))} "
        f"(RSS {_mib((anchor or {}).get('rss_kib'))}) | {r} the anchor's | {goal} |"
    )
    # Without a render node PanelDesk turns WebKit's DMA-BUF renderer off
    # (src-tauri/src/renderer.rs); the bare window, left as it is, keeps it.
    # The same bare window with the same setting shows what is left that is
    # PanelDesk's own.
    soft = _load(work, "anchor-soft.json")
    if soft:
        s, sn, st = _median(soft, "content_ms")
        rows.append(
            f"| the same, beside the bare window with the DMA-BUF renderer off too (as PanelDesk runs here: no GPU) "
            f"| {_ms(c)}; PSS {_mib(app.get('pss_kib'))} | {_ms(s)} ({sn} of {st}); PSS {_mib(soft.get('pss_kib'))} "
            f"| {_times(c, s, 1.1)[0]}; {_times(app.get('pss_kib'), soft.get('pss_kib'), 1.1)[0]} | (like for like) |"
        )
    return rows


def _mid(values):
    values = [x for x in values or [] if x is not None]
    return statistics.median(values) if values else None


def viewer_rows(work, pages):
    v = _load(work, "viewer.json")
    if not v:
        return [f"| the viewer on a {pages}-page scan | not measured (no release app) | | | |"]
    first = v.get("first_page_ms") or []
    med = statistics.median(first) if first else None
    size = None
    try:
        size = int(open(os.path.join(work, "scan.size")).read()) / 1024 / 1024
    except (OSError, ValueError):
        pass
    rows = [
        f"| open a {pages}-page scanned application ({size:.0f} MiB package) to its first page drawn (median of "
        f"{len(first)}) | {_ms(med)} | | | well under 1 s (≤ 500 ms) {'✅' if med and med <= 500 else '❌'} |"
        if size else f"| open a {pages}-page scan to its first page | {_ms(med)} | | | |",
        f"| on the way (medians, from the click): bytes read and checked in Rust by; pdf.js done reading the "
        f"document by; then page 1's text layer in place by | {_ms(_mid(v.get('checked_ms')))}; "
        f"{_ms(_mid(v.get('parsed_ms')))}; {_ms(_mid(v.get('text_ms')))} | | | |",
        scroll_row(v, _load(work, "anchor-scroll.json")),
        f"| memory, app + WebKit processes, PSS: after the first page → after the last | "
        f"{_mib(v.get('after_first_page', {}).get('pss_kib'))} → {_mib(v.get('after_end', {}).get('pss_kib'))} | | | |",
    ]
    return rows


def scroll_row(v, a):
    """The scroll beside the bare window scrolling the same layout (anchor_scroll.mjs)."""
    mine = (f"{v.get('frames')} frames in {v.get('scroll_ms', 0) / 1000:.1f} s; p95 {_ms(v.get('p95_frame_ms'))}, "
            f"longest {_ms(v.get('longest_frame_ms'))}")
    head = "| scroll it to the end, one screen a frame: frames, p95 and longest gap"
    if not a or not a.get("p95_frame_ms") or not v.get("p95_frame_ms"):
        return f"{head} | {mine} | not measured | | |"
    ratio = v["p95_frame_ms"] / a["p95_frame_ms"]
    return (f"{head} | {mine} | the bare window, the same {a.get('pages')} page boxes with nothing drawn: p95 "
            f"{_ms(a['p95_frame_ms'])}, longest {_ms(a.get('longest_frame_ms'))} | p95 {ratio:.2f}× the bare window's "
            f"| no stalls: p95 ≤ 1.1× the bare window's {'✅' if ratio <= 1.1 else '❌'} |")


def chunk_lines(work):
    """The bundle per chunk: what index.html loads at start, then the rest."""
    try:
        listing = open(os.path.join(work, "chunks.txt")).read().splitlines()
        index = open(os.path.join(work, "dist-index.html")).read()
    except OSError:
        return ["(not measured: no release app)"]
    at_start = set(re.findall(r"/assets/([^\"]+)", index))
    chunks = []
    for line in listing:
        parts = line.split()
        if len(parts) >= 9 and parts[0].startswith("-"):
            chunks.append((parts[-1], int(parts[4])))
    lines = ["| chunk | size | loaded |", "|---|---|---|"]
    for name, size in sorted(chunks, key=lambda c: (c[0] not in at_start, -c[1])):
        when = "at start" if name in at_start else "when first used"
        lines.append(f"| `{name}` | {size / 1024:.1f} KiB | {when} |")
    total = sum(s for n, s in chunks if n in at_start)
    lines.append(f"| **loaded at start** | **{total / 1024:.1f} KiB** | |")
    return lines
