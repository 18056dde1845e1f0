"""API tokens: issued only to roles that may hold them, refused on use once the user may no longer."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from jinguo.conftest import make_user
from jinguo.core.actors import SYSTEM
from jinguo.core.models import Membership, User
from jinguo.core.roles import Role
from jinguo.core.services import api_token_create, membership_grant, membership_revoke


def test_tokens_go_to_cadres_leaders_lecturers_and_volunteers_only(client, actors, tree):
    allowed = [
        actors["county_cadre"],
        actors["leader"],
        make_user("lecturer_user", Role.LECTURER, tree["150602"]),
        make_user("volunteer_user", Role.VOLUNTEER, tree["150602100200"]),
    ]
    both = make_user("cadre_and_reviewer", Role.CADRE, tree["150602"])
    membership_grant(actor=SYSTEM, user=both, org=tree["150602"], role=Role.REVIEWER)
    refused = [
        actors["sysadmin"],
        actors["secadmin"],
        actors["auditor"],
        actors["outsider"],
        make_user("reviewer", Role.REVIEWER, tree["150000"]),
        both,
    ]
    for user in allowed:
        token = api_token_create(actor=SYSTEM, user=user)
        assert client.get("/api/v1/orgs?limit=1", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    for user in refused:
        with pytest.raises(ValidationError, match="不能持有 API 令牌"):
            api_token_create(actor=SYSTEM, user=user)


def test_the_command_refuses_a_token_to_an_admin(actors):
    with pytest.raises(CommandError, match="不能持有 API 令牌"):
        call_command("api-token", "auditor", stdout=io.StringIO())


def _get(client, token):
    return client.get("/api/v1/orgs?limit=1", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_a_token_dies_with_the_role_that_allowed_it(client, actors, tree):
    user = actors["county_cadre"]
    token = api_token_create(actor=SYSTEM, user=user)
    assert _get(client, token).status_code == 200
    membership_revoke(actor=SYSTEM, membership=Membership.objects.get(user=user))
    r = _get(client, token)
    assert r.status_code == 401 and "已不能使用 API 令牌" in r.json()["detail"]


def test_a_token_is_refused_once_its_user_needs_the_second_factor(client, actors, tree):
    user = actors["county_cadre"]
    token = api_token_create(actor=SYSTEM, user=user)
    membership_grant(actor=SYSTEM, user=user, org=tree["150602"], role=Role.REVIEWER)
    r = _get(client, token)
    assert r.status_code == 401 and "已不能使用 API 令牌" in r.json()["detail"]


def test_a_token_of_a_deactivated_user_is_refused_with_the_reason(client, actors):
    user = actors["county_cadre"]
    token = api_token_create(actor=SYSTEM, user=user)
    User.objects.filter(pk=user.pk).update(is_active=False)
    r = _get(client, token)
    assert r.status_code == 401 and "已不能使用 API 令牌" in r.json()["detail"]


def test_a_token_is_refused_while_the_password_is_expired(client, actors, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    user = actors["county_cadre"]
    token = api_token_create(actor=SYSTEM, user=user)
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - datetime.timedelta(days=91))
    r = _get(client, token)
    assert r.status_code == 401 and "密码已过期" in r.json()["detail"]
