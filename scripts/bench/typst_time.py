#!/usr/bin/env python3
"""Times PyPI typst on a .typ, warm: one Compiler (fonts loaded once), the
first compile discarded, then N compiles each with a different sys.inputs
value so the document is laid out again rather than served from cache
(typst still memoises the unchanged parts: that favours typst).
Prints JSON: {"warm_mean_ms", "warm_min_ms", "cold_ms", "pages", "bytes"}.

usage: typst_time.py FILE.typ FONT_DIR [N]
"""
import json
import statistics
import subprocess
import sys
import time

import typst


def main(typ, fonts, n=30):
    n = int(n)
    t0 = time.perf_counter()
    c = typst.Compiler(typ, font_paths=[fonts], ignore_system_fonts=True)
    pdf = c.compile(sys_inputs={"run": "cold"})
    cold = (time.perf_counter() - t0) * 1000
    times = []
    for i in range(n):
        t = time.perf_counter()
        pdf = c.compile(sys_inputs={"run": str(i)})
        times.append((time.perf_counter() - t) * 1000)
    out = typ + ".pdf"
    with open(out, "wb") as f:
        f.write(pdf)
    info = subprocess.run(["pdfinfo", out], capture_output=True, text=True).stdout
    pages = next((int(l.split()[1]) for l in info.splitlines() if l.startswith("Pages:")), None)
    print(json.dumps({"warm_mean_ms": statistics.mean(times), "warm_min_ms": min(times), "cold_ms": cold,
                      "pages": pages, "bytes": len(pdf)}))


if __name__ == "__main__":
    main(*sys.argv[1:])
