"""The API with the browser's session passes the same gate as the pages: second factor, unexpired password."""

import datetime

from django.utils import timezone

from jinguo.conftest import make_user, verify_otp
from jinguo.core.models import User
from jinguo.core.roles import Role


def test_a_reviewer_session_needs_the_second_factor_for_the_api(client, tree):
    reviewer = make_user("reviewer", Role.REVIEWER, tree["150000"])
    client.force_login(reviewer)
    r = client.get("/api/v1/people")
    assert r.status_code == 401
    assert "第二重身份验证" in r.json()["detail"]
    verify_otp(client, reviewer)
    assert client.get("/api/v1/people").status_code == 200


def test_an_expired_password_closes_the_api_to_the_session(client, actors, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    user = actors["county_cadre"]
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - datetime.timedelta(days=91))
    client.force_login(user)
    r = client.get("/api/v1/people")
    assert r.status_code == 401
    assert "密码已过期" in r.json()["detail"]
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now())
    assert client.get("/api/v1/people").status_code == 200
