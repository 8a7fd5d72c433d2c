#!/usr/bin/env bash
# Makes server/assets/fonts/HuiyuanPosterSans-Bold.otf, the font the posters are drawn with, so they
# render Chinese on a server with no CJK fonts installed. A subset of Noto Sans CJK SC Bold (SIL OFL 1.1,
# see OFL.txt beside it): the 6,763 characters of GB2312, ASCII and CJK/full-width punctuation, no
# layout tables or hinting: 1.5 MB instead of 16 MB. Renamed, as the OFL asks of a modified version.
# Needs Debian's fonts-noto-cjk and python3-fonttools (apt-get install fonts-noto-cjk python3-fonttools).
set -euo pipefail
cd "$(dirname "$0")/../.."
src=/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc
out=server/assets/fonts/HuiyuanPosterSans-Bold.otf
chars=$(mktemp)
/usr/bin/python3 - "$chars" <<'PY'
import sys
chars = set()
for b1 in range(0xB0, 0xF8):
    for b2 in range(0xA1, 0xFF):
        try:
            chars.add(bytes([b1, b2]).decode('gb2312'))
        except UnicodeDecodeError:
            pass
open(sys.argv[1], 'w').write(''.join(sorted(chars)))
PY
# Font 2 of the collection is Simplified Chinese.
/usr/bin/python3 -m fontTools.subset "$src" --font-number=2 --text-file="$chars" \
  --unicodes="U+0020-007E,U+00B7,U+2014,U+2018-201D,U+2026,U+2605,U+3000-303F,U+FF01-FF5E" \
  --layout-features='' --no-hinting --output-file="$out.tmp"
/usr/bin/python3 - "$out.tmp" "$out" <<'PY'
import sys
from fontTools.ttLib import TTFont
font = TTFont(sys.argv[1])
for record in font['name'].names:
    if record.nameID in (1, 16):
        record.string = 'Huiyuan Poster Sans'
    elif record.nameID in (3, 4):
        record.string = 'Huiyuan Poster Sans Bold'
    elif record.nameID == 6:
        record.string = 'HuiyuanPosterSans-Bold'
font.save(sys.argv[2])
PY
rm -f "$out.tmp" "$chars"
ls -l "$out"
