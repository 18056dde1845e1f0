#!/usr/bin/env python3
"""Fill untranslated (or fuzzy) entries of the zh_Hans catalogue from a JSON map {msgid: translation}.

An entry with a context is keyed "context\u0004msgid" in the map: {"org unit\u0004Code": "代码"}.

Usage: jinguo makemessages -l zh_Hans --ignore=.venv --ignore=staticfiles
       python scripts/po_fill.py translations.json     # prints the msgids still missing
       msgfmt --check-format -o jinguo/locale/zh_Hans/LC_MESSAGES/django.mo jinguo/locale/zh_Hans/LC_MESSAGES/django.po
"""

import json
import re
import sys
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "jinguo" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
LINE = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) (".*")$')


def parse(block: str) -> tuple[list[str], dict]:
    """Lines of one entry and its strings: key -> (joined text, first line, last line)."""
    lines, out, key = block.split("\n"), {}, None
    for i, line in enumerate(lines):
        m = LINE.match(line)
        if m:
            key = m.group(1)
            out[key] = [[m.group(2)], i, i]
        elif line.startswith('"') and key:
            out[key][0].append(line)
            out[key][2] = i
    return lines, {k: ("".join(json.loads(x) for x in v[0]), v[1], v[2]) for k, v in out.items()}


def main() -> None:
    translations = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    blocks = PO.read_text(encoding="utf-8").split("\n\n")
    missing = []
    for bi, block in enumerate(blocks):
        lines, e = parse(block)
        if "msgid" not in e or e["msgid"][0] == "":
            continue
        # An entry with a context (pgettext, {% translate … context … %}) is looked up as "context\u0004msgid",
        # gettext's own spelling of the pair, so "Code" of a unit and "Code" of a one-time password stay apart.
        msgid = f"{e['msgctxt'][0]}\x04{e['msgid'][0]}" if "msgctxt" in e else e["msgid"][0]
        key = "msgstr[0]" if "msgid_plural" in e else "msgstr"
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        if e[key][0] and not fuzzy:
            continue
        if msgid not in translations:
            missing.append(msgid)
            continue
        _, start, end = e[key]
        lines[start : end + 1] = [f"{key} {json.dumps(translations[msgid], ensure_ascii=False)}"]
        lines = [
            ln.replace("#, fuzzy, ", "#, ") for ln in lines if ln.strip() != "#, fuzzy" and not ln.startswith("#| ")
        ]
        blocks[bi] = "\n".join(lines)
    PO.write_text("\n\n".join(blocks), encoding="utf-8")
    print(json.dumps(missing, ensure_ascii=False, indent=0))


if __name__ == "__main__":
    main()
