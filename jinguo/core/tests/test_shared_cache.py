"""Several app servers agree: the rate limit of the public check-in page counts across two server processes.

Two gunicorn processes serve the test database; attempts alternate between them. With a per-process cache each
would count only its own half and never refuse; counted in the database (core.RateCounter, an atomic upsert) or in
Redis when JINGUO_REDIS_URL is set, the attempt past the limit is refused whichever server takes it.
"""

import os
import socket
import subprocess
import sys
import time

import pytest
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext

from jinguo.outreach.public import CODE_LOOKUPS

TOO_MANY = "Too many attempts from this phone: wait a few minutes and try again."


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env["DJANGO_SETTINGS_MODULE"] = "jinguo.settings_test"
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        env.pop("DATABASE_URL", None)
        env["JINGUO_SERVE_TEST_DB"] = str(db["NAME"])
    else:
        host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
        env["DATABASE_URL"] = f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{host}:{port}/{db['NAME']}"
    return env


@pytest.fixture
def two_servers(transactional_db):
    import requests
    from django.core.cache import cache

    cache.clear()
    env, procs, urls = _server_env(), [], []
    for _ in range(2):
        port = _free_port()
        procs.append(
            subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "jinguo.wsgi:application", "--bind", f"127.0.0.1:{port}", "-w", "1"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=open(os.devnull, "w") if not os.environ.get("JINGUO_DEBUG_SERVERS") else None,  # noqa: SIM115
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url in urls:
            for _ in range(100):
                try:
                    requests.get(f"{url}/c/", timeout=30)
                    break
                except requests.ConnectionError:
                    time.sleep(0.2)
        yield urls
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=10)


@pytest.mark.slow
def test_the_rate_limit_counts_across_two_app_servers(two_servers):
    import requests

    with translation.override("zh-hans"):
        too_many = gettext(TOO_MANY)
    refused = []
    sessions = [requests.Session(), requests.Session()]
    for i in range(CODE_LOOKUPS + 2):
        n = i % 2
        page = sessions[n].get(f"{two_servers[n]}/c/", timeout=5)
        token = sessions[n].cookies.get("csrftoken") or page.cookies.get("csrftoken")
        r = sessions[n].post(
            f"{two_servers[n]}/c/",
            data={"code": "000000", "csrfmiddlewaretoken": token},
            headers={"Referer": f"{two_servers[n]}/c/"},
            timeout=5,
        )
        refused.append(too_many in r.text)
    # Each server saw only half the attempts; the shared count refuses from attempt CODE_LOOKUPS + 1 on.
    assert refused == [False] * CODE_LOOKUPS + [True, True]
