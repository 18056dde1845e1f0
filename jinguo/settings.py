"""Settings of 北疆巾帼, read from environment variables.

The embedded defaults (SQLite, a generated demo key in .env) need no variable at all.
"""

from pathlib import Path

import dj_database_url
from dotenv import load_dotenv

from jinguo.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
load_dotenv(BASE_DIR / ".env")

DEBUG = envbool("JINGUO_DEBUG", False)
PRODUCTION = envbool("JINGUO_PRODUCTION", False)
SECRET_KEY = envstr("JINGUO_SECRET_KEY") or ("insecure-dev-key-" + "x" * 40 if not PRODUCTION else "")
# Key for personal data at rest (Fernet, urlsafe base64 of 32 bytes) and for keyed lookup hashes.
DATA_KEY = envstr("JINGUO_DATA_KEY")
ALLOWED_HOSTS = envlist("JINGUO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("JINGUO_CSRF_TRUSTED_ORIGINS", [])
VAR_DIR = Path(envstr("JINGUO_VAR_DIR", str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "jinguo.core",
    "jinguo.orgs",
    "jinguo.people",
    "jinguo.stats",
    "jinguo.planning",
    "jinguo.venues",
    "jinguo.outreach",
    "jinguo.study",
    "jinguo.contest",
    "jinguo.honors",
    "jinguo.opinion",
    "jinguo.media",
    "jinguo.publications",
    "jinguo.governance",
    "jinguo.volunteer",
    "jinguo.notifications",
    "jinguo.api",
    "jinguo.bench",
]

# `make bench` sets JINGUO_BENCH=1: Django's admin is installed as a baseline to compare list pages with.
BENCH = envbool("JINGUO_BENCH", False)
if BENCH:
    INSTALLED_APPS.append("django.contrib.admin")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jinguo.core.context.IdleTimeoutMiddleware",
    "jinguo.core.context.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "jinguo.core.context.RequestContextMiddleware",
    "axes.middleware.AxesMiddleware",
    "jinguo.core.security.SecurityGateMiddleware",
    "jinguo.core.idempotency.SubmitOnceMiddleware",
]

ROOT_URLCONF = "jinguo.urls"
WSGI_APPLICATION = "jinguo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "jinguo" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "jinguo.core.navigation.navigation",
                "jinguo.notifications.context.unread",
            ],
        },
    }
]

# One cache for every app server and worker: rate limits and anything else shared must count across processes.
# Django's database cache by default (nothing to install; `jinguo createcachetable` makes its table), Redis when
# JINGUO_REDIS_URL is set (atomic counters, less load on the database).
_redis_url = envstr("JINGUO_REDIS_URL")
if _redis_url:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "jinguo_cache"}}

_db_url = envstr("DATABASE_URL")
if _db_url:
    DATABASES = {"default": dj_database_url.parse(_db_url, conn_max_age=60, conn_health_checks=True)}
    if "postgresql" in DATABASES["default"]["ENGINE"]:
        # No JIT compilation: this is short queries, where compiling cost more than it saved (an import's
        # 20,000-row join: 10 ms of JIT for a 100 ms query; a ranking's: 58 ms of 105).
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": envstr("JINGUO_SQLITE_PATH", str(VAR_DIR / "jinguo.sqlite3")),
            "OPTIONS": {
                # Concurrent use: writers take the lock at BEGIN and wait instead of failing.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA busy_timeout=20000;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA secure_delete=ON;"
                    # Lets `path LIKE '15%'` (startswith) use the index: paths are digits only.
                    "PRAGMA case_sensitive_like=ON;"
                    # A full-size database is gigabytes: each connection keeps 64 MiB of its pages (SQLite's
                    # default is 2 MiB) and reads the file through a 256 MiB map. (Scratch tables kept in memory
                    # cost a people import 800 MB more and saved nothing.)
                    "PRAGMA cache_size=-65536;"
                    "PRAGMA mmap_size=268435456;"
                ),
            },
        }
    }
    if test_path := envstr("JINGUO_SQLITE_TEST_PATH", ""):
        # A test database kept in a file, so that `pytest --reuse-db` (make test-fast) skips the migrations.
        DATABASES["default"]["TEST"] = {"NAME": test_path}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "jinguo.core.security.NoSuperuserBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "jinguo.core.passwords.CharacterClassValidator"},
]
PASSWORD_MAX_AGE_DAYS = envint("JINGUO_PASSWORD_MAX_AGE_DAYS", 90)  # 0 turns expiry off
OTP_TOTP_ISSUER = "北疆巾帼"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_AGE = envint("JINGUO_IDLE_TIMEOUT_SECONDS", 30 * 60)
# Idle timeout: the session's deadline moves forward with use, at most once a minute (core.context
# .IdleTimeoutMiddleware), not with a write on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

AXES_FAILURE_LIMIT = envint("JINGUO_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = envint("JINGUO_LOCKOUT_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "jinguo" / "locale"]
FORMAT_MODULE_PATH = ["jinguo.core.formats"]  # figures grouped by three with a comma (13,023)
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "jinguo" / "static"]
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Audit events are kept this many days; the purge never goes below 184 (等保三级).
AUDIT_RETENTION_DAYS = max(184, envint("JINGUO_AUDIT_RETENTION_DAYS", 365))

# Imports larger than this many data rows run as a background task.
IMPORT_BACKGROUND_ROWS = envint("JINGUO_IMPORT_BACKGROUND_ROWS", 2000)
# A list export of more rows than this is written by the task worker, with a progress bar, not in the request.
EXPORT_BACKGROUND_ROWS = envint("JINGUO_EXPORT_BACKGROUND_ROWS", 5000)
# A dashboard's rendered body is kept this long per app process, keyed by the roll-up version (stats.views): 0 = off.
DASHBOARD_CACHE_SECONDS = envint("JINGUO_DASHBOARD_CACHE_SECONDS", 60)
# A running import with no progress for this many minutes lost its worker: `jinguo jobs sweep` fails it.
IMPORT_STALE_MINUTES = envint("JINGUO_IMPORT_STALE_MINUTES", 30)
PHOTO_MAX_BYTES = envint("JINGUO_PHOTO_MAX_BYTES", 2 * 1024 * 1024)
# The site's public address: the media module's published posts and RSS feed link to it.
MEDIA_PUBLIC_BASE = envstr("JINGUO_PUBLIC_BASE", "http://127.0.0.1:8000")
# An account with no post for this many days is flagged dormant and its unit told (media module).
MEDIA_DORMANT_DAYS = envint("JINGUO_MEDIA_DORMANT_DAYS", 30)
# Attachments of nominations (PDF, Word, JPEG, PNG): at most this many bytes each.
ATTACHMENT_MAX_BYTES = envint("JINGUO_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
# Texts to a phone number (check codes of public forms): console (printed, number masked), memory, gateway.
SMS_BACKEND = envstr("JINGUO_SMS_BACKEND", "console")

# Every line stamped like gunicorn's own ("[2026-03-08 09:30:00 +0800] [pid] [INFO] ..."), in TIME_ZONE: Django sets
# the process's TZ from it when it loads, and jinguo/gunicorn_conf.py does so for gunicorn's master too.
LOG_FORMAT = "[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s"
LOG_DATE_FORMAT = "%Y-%m-%d %H:%M:%S %z"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"stamped": {"format": LOG_FORMAT, "datefmt": LOG_DATE_FORMAT}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "stamped"}},
    "root": {"handlers": ["console"], "level": envstr("JINGUO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "axes": {"level": "WARNING"}},
}

if PRODUCTION:
    SECURE_SSL_REDIRECT = envbool("JINGUO_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
