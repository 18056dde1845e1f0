"""The compiled catalogue matches the .po file, and both languages render."""

import re
from pathlib import Path

from django.utils import translation

PO = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_every_translation_is_compiled_and_none_is_missing():
    text = PO.read_text(encoding="utf-8")
    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"$', text, re.M)
    assert len(pairs) > 100
    assert not [m for m, s in pairs if not s], "untranslated entries in django.po"
    assert "#, fuzzy\n" not in text.split("\n\n", 1)[1]
    with translation.override("zh-hans"):
        stale = [m for m, s in pairs if translation.gettext(m.replace('\\"', '"')) != s.replace('\\"', '"')]
    assert not stale, f"django.mo is older than django.po: run compilemessages ({stale[:3]})"


def test_login_page_is_chinese_by_default_and_english_on_request(client):
    assert "登录" in client.get("/login/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert "Log in" in client.get("/login/").content.decode()
