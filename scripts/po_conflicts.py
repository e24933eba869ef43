"""List msgids that the project's catalogues translate differently (Django merges them all).

Usage: python scripts/po_conflicts.py [po files…]; exits 1 when a conflict or an empty
translation is found, so `make lint` can keep the catalogues consistent.
"""

import re
import sys
from collections import defaultdict
from pathlib import Path

ENTRY = re.compile(
    r'(?:^msgctxt "(?P<ctx>(?:[^"\\]|\\.)*)"\n)?^msgid ((?:".*"\n)+)(?:^msgid_plural (?:".*"\n)+)?'
    r'^msgstr(?:\[0\])? ((?:".*"\n?)+)',
    re.M,
)


def unquote(block):
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block))


def entries(path):
    text = Path(path).read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        if "#, fuzzy" in block and 'msgid ""\nmsgstr ""' not in block:
            yield None, unquote(re.search(r'^msgid ((?:".*"\n?)+)', block, re.M).group(1)), ""
            continue
        m = ENTRY.search(block + "\n")
        if m:
            yield m.group("ctx"), unquote(m.group(2)), unquote(m.group(3))


def main(paths):
    seen = defaultdict(dict)
    empty = []
    for path in paths:
        for ctx, msgid, msgstr in entries(path):
            if not msgid:
                continue
            if not msgstr:
                empty.append((path, msgid))
                continue
            seen[(ctx, msgid)][path] = msgstr
    conflicts = {k: v for k, v in seen.items() if len(set(v.values())) > 1}
    for (ctx, msgid), where in sorted(conflicts.items(), key=lambda kv: kv[0][1]):
        print(f"conflict: {msgid!r}" + (f" [{ctx}]" if ctx else ""))
        for path, msgstr in where.items():
            print(f"    {path}: {msgstr}")
    for path, msgid in empty:
        print(f"untranslated: {path}: {msgid!r}")
    return 1 if conflicts or empty else 0


if __name__ == "__main__":
    pattern = "**/locale/zh_Hans/LC_MESSAGES/django.po"
    files = sys.argv[1:] or [str(p) for p in Path(".").glob(pattern) if ".venv" not in p.parts]
    sys.exit(main(files))
