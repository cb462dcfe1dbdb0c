#!/usr/bin/env python3
"""Make the two fonts ui/theme.go puts in front of Fyne's Noto Sans, both cut
from Droid Sans Fallback Full:

  DroidSansFallback-CJK.ttf    the Chinese window's font: CJK ideographs
                               (U+4E00-U+9FFF), CJK punctuation, fullwidth
                               forms, kana, bopomofo
  DroidSansFallback-names.ttf  every other language's: only the characters of
                               the language names Noto Sans lacks ("中文（简体）"),
                               so the language lists are readable anywhere

Neither has a character Noto Sans has, so Latin and Cyrillic text keeps
Fyne's look. Both keep the space: Fyne (through go-text) never changes font
for a space, so a space after Chinese text is drawn with this font, and the
line height and baseline come from the font that has the space. So both are
scaled to Noto Sans's 1000 units per em and given its ascent, descent, line
gap and space width: a line measures the same with or without them. CJK
Extension A, Hangul and the compatibility ideographs are left out (rare in
Chinese, a third of the size); hinting and vertical metrics too (Fyne's
renderer uses neither).

    apt-get install fonts-droid-fallback fonttools
    python3 assets/fonts/subset.py \\
        /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf \\
        "$(go list -m -f '{{.Dir}}' fyne.io/fyne/v2)/theme/font" assets/fonts
"""
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem

SPACE = 0x20
# The characters of i18n's language names that Noto Sans lacks; ui's
# TestThemeNamesFont fails when a name needs one that is not here.
NAMES = "中文（简体）"
CJK = [
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3000, 0x30FF),  # CJK symbols and punctuation, hiragana, katakana
    (0x3100, 0x312F),  # bopomofo
    (0x3190, 0x33FF),  # kanbun, CJK strokes, enclosed letters, compatibility
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xFE10, 0xFE4F),  # vertical forms, compatibility forms
    (0xFF00, 0xFFEF),  # halfwidth and fullwidth forms
]


def make(source, noto, noto_chars, chars, out):
    keep = sorted((set(TTFont(source).getBestCmap()) & chars) - noto_chars | {SPACE})
    options = subset.Options()
    options.hinting = False
    options.drop_tables += ["vhea", "vmtx"]
    options.notdef_outline = True
    font = TTFont(source, recalcTimestamp=False)  # the same file on every run
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)

    scale_upem(font, noto["head"].unitsPerEm)
    for attr in ("ascent", "descent", "lineGap"):
        setattr(font["hhea"], attr, getattr(noto["hhea"], attr))
    for attr in ("sTypoAscender", "sTypoDescender", "sTypoLineGap", "usWinAscent", "usWinDescent"):
        setattr(font["OS/2"], attr, getattr(noto["OS/2"], attr))
    space = font.getBestCmap()[SPACE]
    font["hmtx"][space] = (noto["hmtx"][noto.getBestCmap()[SPACE]][0], 0)

    font.save(out)
    print(f"{out}: {len(keep)} characters, {font['maxp'].numGlyphs} glyphs, {os.path.getsize(out)} bytes")


def main(source, fyne_fonts, out_dir):
    noto_chars = set()
    for name in os.listdir(fyne_fonts):
        if name.startswith("NotoSans-") and name.endswith(".ttf"):
            noto_chars |= set(TTFont(os.path.join(fyne_fonts, name)).getBestCmap())
    if not noto_chars:
        sys.exit("no Noto Sans in " + fyne_fonts)
    noto = TTFont(os.path.join(fyne_fonts, "NotoSans-Regular.ttf"))
    cjk = set()
    for lo, hi in CJK:
        cjk |= set(range(lo, hi + 1))
    make(source, noto, noto_chars, cjk, os.path.join(out_dir, "DroidSansFallback-CJK.ttf"))
    make(source, noto, noto_chars, {ord(c) for c in NAMES}, os.path.join(out_dir, "DroidSansFallback-names.ttf"))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
