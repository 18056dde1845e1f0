"""Attempts per key in a fixed window, counted where every app server sees them.

With Redis (`JINGUO_REDIS_URL`), the shared cache's atomic `incr`. Without it, a row of `RateCounter` per key and
window, counted up by one `INSERT … ON CONFLICT DO UPDATE SET count = count + 1 RETURNING count`: atomic on
SQLite and PostgreSQL alike, where the database cache's `incr` (a read then a write) let two servers that read
the same count both pass.
"""

import random
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction

MAX_KEY = 200
SWEEP_CHANCE = 0.01  # one attempt in a hundred removes the expired windows


def hit(key: str, *, limit: int, window: int) -> bool:
    """Count one attempt under `key`; False once more than `limit` attempts fell in `window` seconds."""
    if "redis" in settings.CACHES["default"]["BACKEND"].lower():
        return _cache_hit(f"jinguo:rl:{key}", limit=limit, window=window)
    return _counted(key[:MAX_KEY], window) <= limit


def _cache_hit(key: str, *, limit: int, window: int) -> bool:
    cache.add(key, 0, timeout=window)
    try:
        n = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        n = 1
    return n <= limit


def _counted(key: str, window: int) -> int:
    import datetime

    from django.utils import timezone

    from jinguo.core.models import RateCounter

    now = time.time()
    number = int(now // window)
    expires = timezone.now() + datetime.timedelta(seconds=window - now % window)
    q = connection.ops.quote_name
    table = q(RateCounter._meta.db_table)
    k, w, c, e = (q(RateCounter._meta.get_field(f).column) for f in ("key", "window", "count", "expires_at"))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({k}, {w}, {c}, {e}) VALUES (%s, %s, 1, %s) "  # noqa: S608 - the model's names
            f"ON CONFLICT ({k}, {w}) DO UPDATE SET {c} = {table}.{c} + 1 RETURNING {c}",
            [key, number, connection.ops.adapt_datetimefield_value(expires)],
        )
        (n,) = cursor.fetchone()
        if random.random() < SWEEP_CHANCE:  # noqa: S311 - housekeeping, not security
            RateCounter.objects.filter(expires_at__lt=timezone.now()).delete()
    return n
