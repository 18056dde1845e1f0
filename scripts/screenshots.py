#!/usr/bin/env python3
"""Screenshots of the main pages of a running server (for the README and for a look after a change).

Usage: python scripts/screenshots.py [BASE_URL] [OUT_DIR]   (default http://127.0.0.1:8000 docs/screenshots)
Needs Debian's chromium (`make browser-deps`) and the demo data (`make run`).
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PAGES = {
    "dongsheng_cadre": [
        ("home", "/"),
        ("people", "/people/"),
        ("person", "/people/?q=王"),
        ("import", "/imports/people/"),
        ("search", "/orgs/search/?q=eeds"),
    ],
    "secadmin": [("users", "/users/")],
    "auditor": [("audit", "/audit/")],
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for user, pages in PAGES.items():
            for width in (1280, 375):
                page = browser.new_page(viewport={"width": width, "height": 900}, locale="zh-CN")
                page.goto(f"{BASE}/login/")
                page.fill("#id_username", user)
                page.fill("#id_password", "Jinguo@2026demo")
                page.click("button[type=submit]")
                page.wait_for_load_state()
                for name, url in pages:
                    page.goto(BASE + url)
                    page.screenshot(path=str(OUT / f"{name}-{width}.png"), full_page=True)
                page.close()
        browser.close()
    print(f"screenshots in {OUT}")


if __name__ == "__main__":
    main()
