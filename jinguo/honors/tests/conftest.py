import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from jinguo.conftest import make_user
from jinguo.core.actors import SYSTEM
from jinguo.core.roles import Role
from jinguo.honors import services
from jinguo.honors.models import HonourTitle


@pytest.fixture(autouse=True)
def _fresh_cache(db):
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english(client, settings):
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def titles(db):
    services.titles_seed(actor=SYSTEM)
    return {t.code: t for t in HonourTitle.objects.all()}


@pytest.fixture
def reviewers(tree):
    """A reviewer at each stage's unit: 东胜区 (county), 鄂尔多斯市 (league), the region."""
    return {
        "county": make_user("county_reviewer", Role.REVIEWER, tree["150602"]),
        "league": make_user("league_reviewer", Role.REVIEWER, tree["150600"]),
        "region": make_user("region_reviewer", Role.REVIEWER, tree["150000"]),
    }


@pytest.fixture
def programme(titles, tree, actors):
    today = timezone.localdate()
    return services.programme_create(
        actor=actors["region_cadre"],
        org=tree["150000"],
        title=titles["hongqishou"],
        year=today.year,
        nominate_until=today + datetime.timedelta(days=30),
        review_until=today + datetime.timedelta(days=60),
        places=10,
        criteria=[("事迹", 60), ("影响", 40)],
    )
