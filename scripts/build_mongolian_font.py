"""Write the Mongolian web font the pages serve: static/fonts/NotoSansMongolian-Regular.woff2.

The font is Noto Sans Mongolian from Debian's ``fonts-noto-core`` (SIL Open Font License 1.1,
static/fonts/OFL.txt), whole (every glyph and its OpenType shaping tables, which the browser
needs to join the letters as UTN #57 describes), only repacked as WOFF2. The result is committed;
run this again only to take a newer font:

    apt-get install fonts-noto-core
    python -m venv /tmp/fontvenv && /tmp/fontvenv/bin/pip install fonttools==4.68.0 brotli==1.2.1
    /tmp/fontvenv/bin/python scripts/build_mongolian_font.py
"""

from pathlib import Path

from fontTools.ttLib import TTFont

SOURCE = Path("/usr/share/fonts/truetype/noto/NotoSansMongolian-Regular.ttf")
STATIC = Path(__file__).resolve().parent.parent / "static"
TARGET = STATIC / "fonts" / "NotoSansMongolian-Regular.woff2"


def main():
    font = TTFont(SOURCE)
    font.flavor = "woff2"
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    font.save(TARGET)
    print(f"{TARGET}: {TARGET.stat().st_size} bytes from {SOURCE.stat().st_size}")


if __name__ == "__main__":
    main()
