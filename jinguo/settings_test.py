"""Fast settings for the test suite (STYLE.md 14)."""

import os

os.environ.setdefault("JINGUO_DATA_KEY", "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktMTIzNDU=")

from jinguo.settings import *  # noqa: E402,F403
from jinguo.settings import CACHES, DATABASES, VAR_DIR  # noqa: E402

DATA_KEY = os.environ["JINGUO_DATA_KEY"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "memory"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A server a test starts in another process serves the test run's own database (JINGUO_SERVE_TEST_DB).
    DATABASES["default"]["NAME"] = os.environ.get("JINGUO_SERVE_TEST_DB") or str(VAR_DIR / "test.sqlite3")
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-run.sqlite3")}
AXES_ENABLED = True
# The live server's thread must not keep a connection open past the test run.
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
STATIC_ROOT = VAR_DIR / "test-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

if "redis" in CACHES["default"]["BACKEND"].lower():
    # A Redis outlives the run: each run (and the servers it starts, which inherit the variable) has its own keys.
    CACHES["default"]["KEY_PREFIX"] = os.environ.setdefault("JINGUO_CACHE_PREFIX", f"test{os.getpid()}")
