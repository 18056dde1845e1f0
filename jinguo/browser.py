"""The browser-test harness: Debian's Chromium driven by Playwright (never a downloaded browser).

Tests that use the `browser` fixture (jinguo/conftest.py) are skipped with a message where
/usr/bin/chromium is missing; `make browser-deps` installs it and .ci/run calls that.
"""

import os
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
                b.close()

    return _run()
