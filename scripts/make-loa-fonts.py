#!/usr/bin/python3
"""Builds resources/fonts/*: the subsets of Noto Sans the LOA is printed with (docs/documents.md, "LOA fonts").

Run once when the fonts change (Debian: apt-get install fonts-noto-core fonts-noto-cjk python3-fonttools):
    /usr/bin/python3 scripts/make-loa-fonts.py [NOTO_TRUETYPE_DIR] [NOTO_OPENTYPE_DIR]
The outputs are committed; the app and the CLI never run this. Noto is under the SIL Open Font
License 1.1 (resources/fonts/OFL.txt), which allows subsetting and bundling with software.
"""
import os
import sys
from fontTools import subset
from fontTools.ttLib import TTCollection

TT = sys.argv[1] if len(sys.argv) > 1 else '/usr/share/fonts/truetype/noto'
OT = sys.argv[2] if len(sys.argv) > 2 else '/usr/share/fonts/opentype/noto'
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'fonts')

def ranges(*pairs):
    out = []
    for lo, hi in pairs:
        out.extend(range(lo, hi + 1))
    return out

# Latin (with extensions and Vietnamese), Greek, Cyrillic, punctuation, currency, letterlike symbols.
WESTERN = ranges((0x20, 0x7E), (0xA0, 0x24F), (0x250, 0x2AF), (0x2B0, 0x2FF), (0x300, 0x36F), (0x370, 0x3FF),
                 (0x400, 0x52F), (0x1C80, 0x1C8F), (0x1E00, 0x1EFF), (0x1F00, 0x1FFF), (0x2000, 0x206F),
                 (0x20A0, 0x20CF), (0x2100, 0x214F), (0x2150, 0x218F), (0x2190, 0x21FF), (0x2212, 0x2212),
                 (0x2C60, 0x2C7F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F), (0xA720, 0xA7FF), (0xFB00, 0xFB06))
# Bold prints PortDesk's own labels only (values are regular): ASCII and Latin-1 are enough.
LABELS = ranges((0x20, 0x7E), (0xA0, 0xFF), (0x2010, 0x2027))
ARABIC = ranges((0x600, 0x6FF), (0x750, 0x77F), (0x8A0, 0x8FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF), (0x20, 0x20), (0x200C, 0x200F))
HEBREW = ranges((0x590, 0x5FF), (0xFB1D, 0xFB4F), (0x20, 0x20), (0x200C, 0x200F))


def encodable(codec, cps):
    ok = []
    for cp in cps:
        try:
            chr(cp).encode(codec)
            ok.append(cp)
        except UnicodeEncodeError:
            pass
    return ok

# CJK (about 14,000 glyphs, 2.5 MB): the ideographs of the national sets names are written with
# (GB 2312, JIS X 0208, Big5 level 1), kana, the 2,350 Hangul syllables of KS X 1001 (Python's
# euc_kr also encodes the other 8,822 as 8-byte sequences: only the 2-byte ones are the set), CJK
# punctuation and full-width forms. Glyph shapes are the Simplified Chinese ones.
IDEOGRAPHS = ranges((0x4E00, 0x9FFF))
HANZI = set(encodable('gb2312', IDEOGRAPHS)) | set(encodable('shift_jis', IDEOGRAPHS))
BIG5_L1 = [cp for cp in encodable('big5', IDEOGRAPHS) if 0xA440 <= int.from_bytes(chr(cp).encode('big5'), 'big') <= 0xC67E]
HANGUL = [cp for cp in encodable('euc_kr', ranges((0xAC00, 0xD7A3))) if len(chr(cp).encode('euc_kr')) == 2]
CJK = sorted(HANZI | set(BIG5_L1) | set(HANGUL)
             | set(ranges((0x3000, 0x303F), (0x3040, 0x30FF), (0x3130, 0x318F), (0x31F0, 0x31FF), (0xFF00, 0xFFEF), (0x20, 0x20))))


def make(src, dst, unicodes, font_number=0, features=('*',)):
    options = subset.Options()
    options.hinting = False            # the LOA is printed and rendered at any size; hints only cost bytes
    options.desubroutinize = False
    options.name_IDs = ['*']           # keep the copyright and licence strings the OFL asks to keep
    options.name_languages = [0x409]
    options.notdef_outline = True
    options.layout_features = list(features)  # Arabic joining, marks and ligatures need their GSUB/GPOS
    options.font_number = font_number
    font = subset.load_font(src, options, dontLoadGlyphNames=True)
    sub = subset.Subsetter(options)
    sub.populate(unicodes=unicodes)
    sub.subset(font)
    subset.save_font(font, os.path.join(OUT, dst), options)
    print(dst, os.path.getsize(os.path.join(OUT, dst)), 'bytes')


def cjk_index(path, family):
    for i, f in enumerate(TTCollection(path).fonts):
        if f['name'].getDebugName(1) == family:
            return i
    raise SystemExit(f'{family} not in {path}')


os.makedirs(OUT, exist_ok=True)
make(os.path.join(TT, 'NotoSans-Regular.ttf'), 'NotoSans-Regular.ttf', WESTERN)
make(os.path.join(TT, 'NotoSans-Bold.ttf'), 'NotoSans-Bold.ttf', LABELS)
make(os.path.join(TT, 'NotoSansArabic-Regular.ttf'), 'NotoSansArabic-Regular.ttf', ARABIC)
make(os.path.join(TT, 'NotoSansHebrew-Regular.ttf'), 'NotoSansHebrew-Regular.ttf', HEBREW)
ttc = os.path.join(OT, 'NotoSansCJK-Regular.ttc')
# Horizontal text only: the vertical and regional alternates would double the file.
make(ttc, 'NotoSansCJK-Regular.otf', CJK, cjk_index(ttc, 'Noto Sans CJK SC'), features=())
