import pytest

from jinguo.publications.tests.factories import new_publication


@pytest.fixture(autouse=True)
def _english(client, settings):
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def pub(tree):
    """《中国妇女报》 of this year, set by the region."""
    return new_publication(tree)
