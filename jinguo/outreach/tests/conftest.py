import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache(db):
    """Rate-limit counters live in the cache: every test starts with none. The cache is a database table
    (unless JINGUO_REDIS_URL is set), so clearing it needs the database."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english(client, settings):
    """These tests name messages by their English msgids; the catalogue's Chinese is checked in core's i18n
    tests and the Chinese pages in the browser tests."""
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
