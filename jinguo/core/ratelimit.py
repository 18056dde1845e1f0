"""A per-key counter in Django's cache (locmem by default): enough for public pages such as check-in."""

from django.core.cache import cache


def hit(key: str, *, limit: int, window: int) -> bool:
    """Count one attempt under `key`; False once more than `limit` attempts fell in `window` seconds."""
    key = f"jinguo:rl:{key}"
    cache.add(key, 0, timeout=window)
    try:
        n = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        n = 1
    return n <= limit
