"""Fill empty msgstr entries of a .po file from a JSON dictionary {msgid: translation}.

Usage: python scripts/fill_po.py path/to/django.po translations.json [--force]
Plural entries take a single translation (Chinese has one plural form). Prints the msgids
still untranslated, so a catalogue is never left half-done without notice.
"""

import json
import re
import sys
from pathlib import Path


def unquote(block: str) -> str:
    return "".join(json.loads(part) for part in re.findall(r'"(?:[^"\\]|\\.)*"', block))


def fill(po_path: str, table: dict, force: bool = False) -> list[str]:
    text = Path(po_path).read_text(encoding="utf-8")
    entries = text.split("\n\n")
    missing = []
    out = []
    for entry in entries:
        m = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
        if not m:
            out.append(entry)
            continue
        msgid = unquote(m.group(1))
        if not msgid:
            out.append(entry)
            continue
        value = table.get(msgid)
        plural = "msgid_plural" in entry
        empty = re.search(r'^msgstr(\[0\])? ""\s*$', entry, re.M) and not re.search(
            r'^msgstr(\[0\])? ""\n"', entry, re.M)
        if value is not None and (empty or force or "#, fuzzy" in entry):
            entry = re.sub(r"^#, fuzzy\n", "", entry, flags=re.M)
            entry = re.sub(r"^#, fuzzy, ", "#, ", entry, flags=re.M)
            entry = re.sub(r"^#\| .*\n?", "", entry, flags=re.M)
            entry = re.sub(r'^msgstr(\[\d\])? (".*"\n?)+', "", entry, flags=re.M).rstrip("\n")
            key = "msgstr[0]" if plural else "msgstr"
            entry += f"\n{key} {json.dumps(value, ensure_ascii=False)}"
        elif empty:
            missing.append(msgid)
        out.append(entry)
    Path(po_path).write_text("\n\n".join(out), encoding="utf-8")
    return missing


if __name__ == "__main__":
    force = "--force" in sys.argv  # also replace translations that are there already
    po, table_path = [a for a in sys.argv[1:] if a != "--force"][:2]
    left = fill(po, json.loads(Path(table_path).read_text(encoding="utf-8")), force=force)
    for msgid in left:
        print("untranslated:", msgid)
