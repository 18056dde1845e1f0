"""The compiled catalogue matches the .po file, nothing is untranslated, and both languages render."""

import json
import re
from pathlib import Path

from django.utils import translation

PO = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
_LINE = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) (".*")$')


def entries() -> list[dict]:
    """Every entry of the .po file (multi-line strings joined), header excluded."""
    out = []
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        entry: dict = {"flags": ""}
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] += line
            m = _LINE.match(line)
            if m:
                key = m.group(1)
                entry[key] = json.loads(m.group(2))
            elif line.startswith('"') and key:
                entry[key] += json.loads(line)
        if entry.get("msgid"):
            out.append(entry)
    return out


def test_every_entry_is_translated_and_none_is_fuzzy():
    all_entries = entries()
    assert len(all_entries) > 200
    untranslated = [e["msgid"] for e in all_entries if not (e.get("msgstr") or e.get("msgstr[0]"))]
    fuzzy = [e["msgid"] for e in all_entries if "fuzzy" in e["flags"]]
    assert untranslated == [] and fuzzy == []


def test_the_compiled_catalogue_is_current():
    with translation.override("zh-hans"):
        stale = [
            e["msgid"]
            for e in entries()
            if "msgstr" in e and "msgctxt" not in e and translation.gettext(e["msgid"]) != e["msgstr"]
        ]
    assert stale == [], f"django.mo is older than django.po: run compilemessages ({stale[:3]})"


def test_login_page_is_chinese_by_default_and_english_on_request(client):
    assert "登录" in client.get("/login/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert "Log in" in client.get("/login/").content.decode()
