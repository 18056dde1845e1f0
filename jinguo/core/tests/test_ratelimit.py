"""core.ratelimit: without Redis an atomic counter row per key and window, shared by every app server; with Redis
(JINGUO_REDIS_URL, CI's Redis step) its atomic incr."""

import os
import threading

import pytest
from django.db import connection

from jinguo.core import ratelimit
from jinguo.core.models import RateCounter


@pytest.fixture(autouse=True)
def _database_counter(request, settings):
    """The database counter, whatever cache this run was given (the Redis test below asks for Redis)."""
    if "redis" not in request.node.name:
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "jinguo_cache"}
        }


@pytest.mark.django_db
def test_counts_up_to_the_limit_then_refuses_and_keys_are_apart():
    assert [ratelimit.hit("t:a", limit=3, window=600) for _ in range(5)] == [True, True, True, False, False]
    assert ratelimit.hit("t:b", limit=3, window=600)
    assert RateCounter.objects.get(key="t:a").count == 5


@pytest.mark.django_db
def test_a_long_key_is_cut_to_its_bound():
    assert ratelimit.hit("x" * 500, limit=1, window=60)
    assert not ratelimit.hit("x" * 500, limit=1, window=60)
    assert RateCounter.objects.get().key == "x" * ratelimit.MAX_KEY


@pytest.mark.django_db
def test_expired_windows_are_swept(monkeypatch):
    from django.utils import timezone

    RateCounter.objects.create(key="old", window=1, count=9, expires_at=timezone.now() - timezone.timedelta(hours=1))
    monkeypatch.setattr(ratelimit, "SWEEP_CHANCE", 1.0)
    ratelimit.hit("new", limit=1, window=60)
    assert list(RateCounter.objects.values_list("key", flat=True)) == ["new"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_attempts_are_each_counted_once():
    """Eight threads, each with its own database connection, fire 10 attempts: the count is exactly 80 and
    exactly `limit` of them passed (the database cache's read-then-write incr lost some)."""
    passed = []

    def attempts():
        try:
            for _ in range(10):
                passed.append(ratelimit.hit("race", limit=25, window=600))
        finally:
            connection.close()

    threads = [threading.Thread(target=attempts) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert RateCounter.objects.get(key="race").count == 80
    assert passed.count(True) == 25


@pytest.mark.skipif(not os.environ.get("JINGUO_REDIS_URL"), reason="needs JINGUO_REDIS_URL (CI's Redis step)")
@pytest.mark.django_db
def test_redis_counts_concurrent_attempts_exactly():
    from django.core.cache import cache

    cache.delete("jinguo:rl:race-redis")
    passed = []

    def attempts():
        for _ in range(10):
            passed.append(ratelimit.hit("race-redis", limit=25, window=600))

    threads = [threading.Thread(target=attempts) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert cache.get("jinguo:rl:race-redis") == 80 and passed.count(True) == 25
    assert not RateCounter.objects.exists()
