#!/usr/bin/env python3
"""Watch a starting app's window under Xvfb until its page content is drawn.

Reads the screen from Xvfb's memory-mapped frame buffer (`Xvfb -fbdir DIR`:
DIR/Xvfb_screen0, an XWD image the server draws into), so a probe is a few
milliseconds of Python and no X request: the watcher neither slows the app
down nor waits on a screen grab. Times are ms since T0 (the shell's clock
just before it started the app):

- mapped:  xwininfo reports the app's top-level window (named "paneldesk"
           or 专家评审台 — with --window, that name instead — and at least
           900 px wide) as viewable;
- painted: the window's area is no longer the unpainted black;
- content: the page is drawn and has settled: the frame is not one flat
           colour (the window's first paint, a blank page or an unstyled
           web view are) and then stays the same for SETTLE ms (a blinking
           caret is too small to count). Content is the time that frame was
           first seen, so a passing "loading" frame does not count; a page
           still changing at the deadline has no content time.

Prints one JSON object; with --shot, writes the last frame of the window
as a PPM image (the evidence of what "content" was).
usage: window_watch.py FBFILE T0_MS PID [--timeout MS] [--settle MS] [--shot FILE.ppm] [--frames DIR] [--window NAME]
"""

import argparse
import json
import mmap
import os
import re
import struct
import subprocess
import sys
import time
from collections import Counter

STEP = 4  # sample every 4th pixel of every 4th row: 1280×820 → 65,600 samples
POLL_S = 0.01
UNIFORM = 0.005  # at most 0.5 % of samples off the main colour: a flat page
CHANGED = 0.001  # more than 0.1 % of sampled values differ: another frame (a blinking caret is less)


def now_ms():
    return time.time_ns() // 1_000_000


def find_window(names):
    """The app's top-level window (its name or class one of `names`) as (id, x, y, w, h), or None."""
    try:
        tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    for line in tree.splitlines():
        if not any(n in line for n in names):
            continue
        m = re.search(r"^\s*(0x[0-9a-f]+) .*\s(\d+)x(\d+)\+-?\d+\+-?\d+\s+\+(-?\d+)\+(-?\d+)\s*$", line)
        if m and int(m.group(2)) >= 900:
            return m.group(1), int(m.group(4)), int(m.group(5)), int(m.group(2)), int(m.group(3))
    return None


def viewable(wid):
    try:
        out = subprocess.run(["xwininfo", "-id", wid], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return "IsViewable" in out


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


class Screen:
    """The frame buffer of Xvfb's screen 0: 32-bit pixels, bytes B G R x."""

    def __init__(self, path):
        with open(path, "rb") as f:
            self.map = mmap.mmap(f.fileno(), 0, prot=mmap.PROT_READ)
        head = struct.unpack(">25I", self.map[:100])
        header_size, bits, self.stride, ncolors = head[0], head[11], head[12], head[19]
        self.width, self.height = head[4], head[5]
        if bits != 32 or head[7] != 0:
            sys.exit(f"window_watch: {path}: need 32-bit LSB-first pixels (start Xvfb with -screen 0 WxHx24)")
        self.data = header_size + ncolors * 12

    def samples(self, x, y, w, h):
        """Every STEP-th pixel of every STEP-th row of the rectangle: all blue bytes, then green, then red."""
        x, y = max(x, 0), max(y, 0)
        w, h = min(w, self.width - x), min(h, self.height - y)
        lines = [self.map[start:start + w * 4]
                 for start in (self.data + row * self.stride + x * 4 for row in range(y, y + h, STEP))]
        return b"".join(line[c::4 * STEP] for c in range(3) for line in lines)

    def ppm(self, path, x, y, w, h):
        x, y = max(x, 0), max(y, 0)
        w, h = min(w, self.width - x), min(h, self.height - y)
        with open(path, "wb") as out:
            out.write(b"P6 %d %d 255\n" % (w, h))
            for row in range(y, y + h):
                start = self.data + row * self.stride + x * 4
                line = self.map[start:start + w * 4]
                rgb = bytearray(w * 3)
                rgb[0::3], rgb[1::3], rgb[2::3] = line[2::4], line[1::4], line[0::4]
                out.write(rgb)


def differing(a, b):
    """Share of sampled channel values that differ (XOR of the byte strings: C speed, no Python loop)."""
    if a == b:
        return 0.0
    n = min(len(a), len(b))
    x = (int.from_bytes(a[:n], "little") ^ int.from_bytes(b[:n], "little")).to_bytes(n, "little")
    return (n - x.count(0)) / n if n else 0.0


def off_main_colour(s):
    """Share of samples off the frame's main value, worst channel: 0 for one flat colour."""
    n = len(s) // 3
    worst = 0.0
    for c in range(3):
        channel = s[c * n:(c + 1) * n]
        main = Counter(channel[::16]).most_common(1)[0][0]
        worst = max(worst, 1 - channel.count(main) / n)
    return worst


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("fb")
    ap.add_argument("t0", type=int)
    ap.add_argument("pid", type=int)
    ap.add_argument("--timeout", type=int, default=20000)
    ap.add_argument("--settle", type=int, default=1500)
    ap.add_argument("--shot")
    ap.add_argument("--frames", help="write each new frame as DIR/MS.ppm (to check what was seen when)")
    ap.add_argument("--window", help="the window's name or class (default: PanelDesk's)")
    a = ap.parse_args()
    names = [f'"{a.window}"'] if a.window else ['"paneldesk"', "专家评审台"]

    screen = Screen(a.fb)
    result = {"mapped_ms": None, "painted_ms": None, "content_ms": None, "frames": 0, "exited": False}
    win = None
    painted = False
    last_saved = None
    candidate = None  # (samples, first seen ms) of the frame that may be the settled content
    while now_ms() - a.t0 < a.timeout:
        if not alive(a.pid):
            result["exited"] = True
            break
        if result["mapped_ms"] is None:
            win = win or find_window(names)
            if win and viewable(win[0]):
                result["mapped_ms"] = now_ms() - a.t0
            else:
                time.sleep(POLL_S)
                continue
        t = now_ms() - a.t0
        s = screen.samples(*win[1:])
        result["frames"] += 1
        if a.frames and (last_saved is None or differing(s, last_saved) > CHANGED):
            last_saved = s
            screen.ppm(os.path.join(a.frames, f"{t:05d}.ppm"), *win[1:])
        if not painted:
            if sum(s) > 0.05 * 255 * len(s):
                painted = True
                result["painted_ms"] = t
            time.sleep(POLL_S)
            continue
        if off_main_colour(s) <= UNIFORM:
            candidate = None
        elif candidate is None or differing(s, candidate[0]) > CHANGED:
            candidate = (s, t)
        elif t - candidate[1] >= a.settle:
            result["content_ms"] = candidate[1]
            break
        time.sleep(POLL_S)
    if a.shot and win:
        screen.ppm(a.shot, *win[1:])
    print(json.dumps(result))


if __name__ == "__main__":
    main()
