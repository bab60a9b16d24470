#!/usr/bin/env python3
"""Cuts the bundled Noto Sans SC faces down to the characters nearly every
review uses: the 6,763 hanzi of GB 2312, ASCII and Latin-1, punctuation,
the symbols the forms draw, CJK punctuation and full-width forms. Printpdf
subsets the face a document uses on every save, in time proportional to
the face's glyph count; the cut faces have a quarter of the glyphs, so a
document that only uses these characters is saved that much faster. Any
other character (a rare name) makes the renderer use the full face, so
nothing is ever missing. Glyph outlines, hinting, metrics and layout tables
are kept as they are.

Run from the repository root (needs `pip install fonttools`):
    python3 scripts/fonts/make_common.py
"""
import pathlib
import subprocess

FONTS = pathlib.Path("assets/fonts")
RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x00FF),  # ASCII, Latin-1
    (0x2000, 0x206F),  # general punctuation
    (0x2100, 0x22FF),  # letterlike, number forms, arrows, mathematical operators
    (0x2460, 0x24FF),  # enclosed alphanumerics ①…
    (0x2500, 0x27BF),  # box drawing, blocks, geometric shapes, symbols, dingbats (☐ ☑ ✓ ■ ●)
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3200, 0x33FF),  # enclosed CJK, CJK compatibility (㎡)
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms
]


def gb2312_hanzi():
    out = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


def main():
    chars = gb2312_hanzi()
    assert len(chars) == 6763, len(chars)
    chars += [chr(c) for lo, hi in RANGES for c in range(lo, hi + 1)]
    text = FONTS / "common-chars.txt"
    text.write_text("".join(chars), encoding="utf-8")
    for face in ("400Regular", "700Bold"):
        subprocess.run(
            [
                "pyftsubset", str(FONTS / f"NotoSansSC_{face}.ttf"), f"--text-file={text}",
                "--layout-features=*", "--hinting", "--notdef-outline", "--name-IDs=*", "--name-languages=*",
                "--name-legacy", "--glyph-names", "--legacy-kern", "--symbol-cmap",
                f"--output-file={FONTS / f'NotoSansSC_{face}_common.ttf'}",
            ],
            check=True,
        )


if __name__ == "__main__":
    main()
