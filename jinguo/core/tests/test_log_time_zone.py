"""gunicorn's master, its workers, Django and the task worker stamp their log lines in one time zone."""

import os
import re
import subprocess
import sys

from django.conf import settings

STAMP = re.compile(r"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ([+-]\d{4})\] ", re.M)


def _run(code: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "TZ": "UTC", "DJANGO_SETTINGS_MODULE": "jinguo.settings_test"}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)


def _offset() -> str:
    import datetime
    import zoneinfo

    return datetime.datetime.now(zoneinfo.ZoneInfo(settings.TIME_ZONE)).strftime("%z")


def test_the_gunicorn_config_puts_the_master_in_the_platform_time_zone():
    # The master reads its config before it writes a line; on a UTC machine it would say +0000.
    r = _run("import time, jinguo.gunicorn_conf; print(time.strftime('%z'))")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == _offset()


def test_django_log_lines_carry_a_stamp_in_the_platform_time_zone():
    r = _run("import django, logging; django.setup(); logging.getLogger('jinguo.test').warning('hello')")
    assert r.returncode == 0, r.stderr
    line = next(ln for ln in r.stderr.splitlines() if ln.endswith("hello"))
    m = STAMP.match(line)
    assert m and m.group(1) == _offset(), line
