import pytest


@pytest.fixture(autouse=True)
def _english(client, settings):
    """These tests name messages by their English msgids; the catalogue's Chinese is checked in core's i18n
    tests and the Chinese pages in the browser tests."""
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
