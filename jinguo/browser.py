"""The browser-test harness: Debian's Chromium driven by Playwright (never a downloaded browser).

Tests that use the `browser` fixture (jinguo/conftest.py) are skipped with a message where
/usr/bin/chromium is missing; `make browser-deps` installs it and .ci/run calls that.
"""

import json
import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("JINGUO_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SHOTS = Path(os.environ.get("JINGUO_SCREENSHOTS", "var/screenshots"))

needs_chromium = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() or shutil.which("chromium")),
    reason="browser tests need Debian's chromium at /usr/bin/chromium: run `make browser-deps` (as root)",
)


def launch():
    """A context manager yielding a headless Chromium browser."""
    from contextlib import contextmanager

    @contextmanager
    def _run():
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the ORM is used beside Playwright's event loop
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            try:
                yield b
            finally:
                # While Playwright's event loop runs in this thread, Django keeps the ORM's connections in
                # context-local storage, which the test database's teardown (after the loop has stopped) no
                # longer sees: close them here, or PostgreSQL refuses to drop a database still in use.
                from django.db import connections

                connections.close_all()
                b.close()

    return _run()


# --- what a page shows: visible text, and catalogue strings shown untranslated ----------------------------

# The text a user sees on the page: visible text nodes (CSS and opacity considered), the options of selects and
# the placeholders of fields. Script, style and SVG text are not shown.
VISIBLE_TEXT_JS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    const el = node.parentElement;
    if (!text || !el || el.closest("script, style, noscript, template, svg, option")) { continue; }
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) { continue; }
    out.push(text);
  }
  document.querySelectorAll("select").forEach((s) => {
    if (s.checkVisibility()) { s.querySelectorAll("option").forEach((o) => out.push(o.textContent.trim())); }
  });
  document.querySelectorAll("[placeholder]").forEach((e) => {
    if (e.checkVisibility()) { out.push(e.getAttribute("placeholder").trim()); }
  });
  return out.filter((t) => t);
}"""

_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def catalogue_patterns(po_path: Path | None = None) -> list[tuple[str, re.Pattern]]:
    """(msgid, pattern) for every entry of the zh_Hans catalogue that a Chinese page must never show as it is:
    its English has letters outside its placeholders, and its translation differs from it ("Excel" stays
    "Excel"). A pattern matches the whole of a text as the English would render, any value in a placeholder."""
    po_path = po_path or Path(__file__).resolve().parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    line = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) (".*")$')
    out = []
    for block in po_path.read_text(encoding="utf-8").split("\n\n"):
        entry: dict[str, str] = {}
        key = None
        for raw in block.splitlines():
            if m := line.match(raw):  # obsolete entries ("#~ msgid …") do not match: no page uses them
                key = m.group(1)
                entry[key] = json.loads(m.group(2))
            elif raw.startswith('"') and key:
                entry[key] += json.loads(raw)
        translated = entry.get("msgstr") or entry.get("msgstr[0]") or ""
        for english in filter(None, (entry.get("msgid"), entry.get("msgid_plural"))):
            if english == translated or not re.search(r"[A-Za-z]{2}", _PLACEHOLDER.sub("", english)):
                continue
            literal = [re.escape(piece) for piece in _PLACEHOLDER.split(" ".join(english.replace("%%", "%").split()))]
            out.append((english, re.compile(r".+?".join(literal) + r"\Z", re.S)))
    return out


def untranslated(texts: list[str], patterns: list[tuple[str, re.Pattern]]) -> list[tuple[str, str]]:
    """(text shown, msgid) for each text that is a catalogue string shown in English."""
    found = []
    for text in texts:
        if not re.search(r"[A-Za-z]{2}", text):
            continue
        for msgid, pattern in patterns:
            if pattern.match(text):
                found.append((text, msgid))
                break
    return found


# --- the steps every browser test starts with ---------------------------------------------------------------


def sign_in(page, base_url: str, username: str, password: str):
    """Log `username` in through the login form, as a person does; the page ends on the home page."""
    page.goto(f"{base_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/")
    return page


def external_requests(page, base_url: str) -> list[str]:
    """The list the page's requests to any other host are collected in (no page may load anything from one)."""
    found: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((base_url, "data:")) else found.append(r.url))
    return found
