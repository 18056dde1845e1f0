import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from jinguo.conftest import make_user
from jinguo.core.actors import SYSTEM
from jinguo.core.roles import Role
from jinguo.people.tests.factories import new_person
from jinguo.volunteer import services


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
def team(actors, tree):
    """爱心阿姨 of 东胜区."""
    return services.team_create(actor=actors["county_cadre"], org=tree["150602"], name="爱心阿姨")


@pytest.fixture
def project(actors, tree, team):
    services.categories_seed(actor=SYSTEM)
    return services.project_create(
        actor=actors["county_cadre"],
        org=tree["150602"],
        name="幸福敲门",
        action="rights",
        summary="敬老助残，上门服务。",
        team=team,
        public=True,
        beneficiaries={"elderly": 40, "disabled": 12},
    )


@pytest.fixture
def volunteer_user(tree):
    return make_user("vol_user", Role.VOLUNTEER, tree["150602100200"])


@pytest.fixture
def volunteer(actors, tree, team, volunteer_user):
    """A volunteer of 漫赖村 with her login, in 爱心阿姨."""
    person = new_person(actors["county_cadre"], tree["150602100200"], name="娜仁")
    return services.volunteer_register(
        actor=actors["county_cadre"],
        person=person,
        consent_by="娜仁本人",
        consent_method="书面同意书",
        skills="护理、陪伴",
        teams=[team],
        user=volunteer_user,
    )


@pytest.fixture
def league_approver(tree):
    """A reviewer of 鄂尔多斯市: the level above 东胜区 approves its hours."""
    return make_user("league_reviewer", Role.REVIEWER, tree["150600"])


def tomorrow() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=1)


def at(day: datetime.date, hh: int, mm: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hh, mm)))


@pytest.fixture
def activity(actors, tree, project):
    """Tomorrow at 漫赖村: 09:00–11:00 (needs 3), 10:00–12:00 (overlaps it), 14:00–16:00 (needs 1)."""
    day = tomorrow()
    return services.activity_create(
        actor=actors["county_cadre"],
        project=project,
        org=tree["150602100200"],
        title="上门看望空巢老人",
        date=day,
        place="漫赖村委会",
        shifts=[("09:00", "11:00", 3), ("10:00", "12:00", 3), ("14:00", "16:00", 1)],
    )


@pytest.fixture
def shifts(activity):
    return list(activity.shifts.order_by("starts_at"))
