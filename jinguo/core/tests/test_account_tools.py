"""The security administrator's account tools, each audited; the system administrator runs the system, not the data."""

import pytest
from django.core.exceptions import PermissionDenied
from django_otp.plugins.otp_totp.models import TOTPDevice

from jinguo.core.models import AuditEvent, Membership
from jinguo.core.services import account_reset_otp, account_reset_password, account_set_active, account_unlock


def test_a_reset_password_works_once_and_must_be_changed_at_login(client, actors):
    cadre = actors["county_cadre"]
    temporary = account_reset_password(actor=actors["secadmin"], user=cadre)
    r = client.post("/login/", {"username": cadre.username, "password": temporary})
    assert r.status_code == 302
    r = client.get("/")
    assert r.status_code == 302 and "/account/password/" in r["Location"]
    assert AuditEvent.objects.filter(event="account.password_reset", object_id=str(cadre.pk)).count() == 1
    assert temporary not in str(AuditEvent.objects.filter(event="account.password_reset").values_list("detail"))


def test_unlock_resets_the_failed_logins(client, actors, settings):
    from axes.models import AccessAttempt

    cadre = actors["county_cadre"]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": cadre.username, "password": "wrong"})
    assert AccessAttempt.objects.filter(username=cadre.username).exists()
    account_unlock(actor=actors["secadmin"], user=cadre)
    assert not AccessAttempt.objects.filter(username=cadre.username).exists()
    assert AuditEvent.objects.filter(event="account.unlock").count() == 1


def test_the_second_factor_is_reset_and_an_account_deactivated(client, actors):
    reviewer_device = TOTPDevice.objects.create(user=actors["auditor"], name="phone", confirmed=True)
    assert account_reset_otp(actor=actors["secadmin"], user=actors["auditor"]) == 1
    assert not TOTPDevice.objects.filter(pk=reviewer_device.pk).exists()
    account_set_active(actor=actors["secadmin"], user=actors["county_cadre"], active=False)
    actors["county_cadre"].refresh_from_db()
    assert not actors["county_cadre"].is_active
    assert {e for e in AuditEvent.objects.values_list("event", flat=True)} >= {
        "account.otp_reset",
        "account.deactivate",
    }


@pytest.mark.parametrize("who", ["sysadmin", "auditor", "region_cadre", "county_cadre"])
def test_only_the_security_administrator_looks_after_accounts(actors, who):
    for tool in (account_unlock, account_reset_password, account_reset_otp):
        with pytest.raises(PermissionDenied):
            tool(actor=actors[who], user=actors["sibling_cadre"])


def test_nobody_resets_their_own_account(actors):
    with pytest.raises(PermissionDenied):
        account_reset_password(actor=actors["secadmin"], user=actors["secadmin"])


def test_the_users_page_offers_the_tools_to_the_security_administrator(login, actors):
    secadmin = login(actors["secadmin"])
    page = secadmin.get("/users/").content.decode()
    assert 'data-testid="account-county_cadre"' in page
    m = Membership.objects.get(user=actors["county_cadre"])
    r = secadmin.post(f"/users/memberships/{m.pk}/account/deactivate/")
    assert r.status_code == 302
    actors["county_cadre"].refresh_from_db()
    assert not actors["county_cadre"].is_active
    assert secadmin.post(f"/users/memberships/{m.pk}/account/nonsense/").status_code == 404


def test_the_system_administrator_runs_the_system_not_the_business_data(login, actors):
    client = login(actors["sysadmin"])
    for url in ("/people/", "/outreach/lectures/", "/dashboard/", "/study/"):
        assert client.get(url).status_code in (403, 404), url
    for url in ("/orgs/", "/users/", "/outreach/teams/lists/"):
        assert client.get(url).status_code == 200, url
