"""Login: password rules and expiry, lock-out, idle timeout, session keys, second factor, no superuser."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jinguo.conftest import PASSWORD
from jinguo.core.actors import SYSTEM
from jinguo.core.models import AuditEvent, User
from jinguo.core.services import user_create


@pytest.mark.parametrize(
    "password",
    ["Sh0rt!pass", "alllowercaseletters", "ALLUPPER12345678", "password1234", "123456789012345"],
)
def test_weak_passwords_are_refused(db, password):
    with pytest.raises(ValidationError):
        user_create(actor=SYSTEM, username="someone", password=password)
    assert not User.objects.filter(username="someone").exists()


def test_a_strong_password_is_accepted(db):
    assert user_create(actor=SYSTEM, username="someone", password="Grassland-2026-long")


def _login(client, username, password):
    return client.post("/login/", {"username": username, "password": password})


def test_an_expired_password_forces_a_change_on_every_page(client, actors, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    user = actors["county_cadre"]
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - datetime.timedelta(days=91))
    _login(client, "county_cadre", PASSWORD)
    for url in ["/", "/people/", "/orgs/"]:
        r = client.get(url)
        assert r.status_code == 302 and r["Location"].startswith("/account/password/"), url
    r = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": "New-Grassland-2027", "new_password2": "New-Grassland-2027"},
    )
    assert r.status_code == 302
    assert client.get("/people/").status_code == 200
    assert AuditEvent.objects.filter(event="password.change", actor_name="county_cadre").count() == 1


def test_the_new_password_follows_the_rules(login, actors):
    client = login(actors["county_cadre"])
    r = client.post(
        "/account/password/", {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"}
    )
    assert r.status_code == 200 and "is-invalid" in r.content.decode()
    assert User.objects.get(username="county_cadre").check_password(PASSWORD)


def test_lockout_after_five_failures_per_user_and_address(client, actors):
    for _ in range(4):
        assert _login(client, "county_cadre", "wrong-password").status_code == 200
    assert _login(client, "county_cadre", "wrong-password").status_code == 429  # the fifth failure locks
    r = _login(client, "county_cadre", PASSWORD)  # even the right password is refused now
    assert r.status_code == 429 and "_auth_user_id" not in client.session
    # Another address is not locked out by this one's failures.
    other = client.__class__(REMOTE_ADDR="10.0.0.9")
    assert other.post("/login/", {"username": "county_cadre", "password": PASSWORD}).status_code == 302


def test_the_error_does_not_reveal_whether_the_user_exists(client, actors):
    known = _login(client, "county_cadre", "wrong-password").content.decode()
    unknown = _login(client, "nobody_here", "wrong-password").content.decode()
    strip = lambda html: html.replace("county_cadre", "X").replace("nobody_here", "X")  # noqa: E731
    import re

    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|content="[A-Za-z0-9]{64}"')
    assert csrf.sub("", strip(known)) == csrf.sub("", strip(unknown))


def test_idle_sessions_expire_after_30_minutes(client, actors, settings, monkeypatch):
    import time

    from django.contrib.sessions.models import Session

    assert settings.SESSION_COOKIE_AGE == 30 * 60
    _login(client, "county_cadre", PASSWORD)
    client.get("/")
    assert 29 * 60 < client.session.get_expiry_age() <= 30 * 60
    # Use moves the deadline forward, at most once a minute: reading pages in between writes nothing.
    row = Session.objects.get(session_key=client.session.session_key)
    client.get("/people/")
    assert Session.objects.get(pk=row.pk).expire_date == row.expire_date
    later = time.time() + 120
    monkeypatch.setattr(time, "time", lambda: later)
    client.get("/people/")
    assert Session.objects.get(pk=row.pk).expire_date > row.expire_date
    monkeypatch.undo()
    session = client.session
    session.set_expiry(-1)  # as if 30 idle minutes had passed
    session.save()
    r = client.get("/people/")
    assert r.status_code == 302 and "/login/" in r["Location"]


def test_login_issues_a_new_session_key_and_logout_kills_the_old(client, actors):
    client.get("/login/")
    client.session.save()
    before = client.session.session_key
    _login(client, "county_cadre", PASSWORD)
    key = client.session.session_key
    assert key != before
    client.post("/logout/")
    from django.contrib.sessions.backends.db import SessionStore

    assert not SessionStore().exists(key)
    client.cookies["sessionid"] = key  # replaying the old cookie gets nothing
    assert client.get("/people/").status_code == 302


@pytest.mark.parametrize("name", ["sysadmin", "secadmin", "auditor"])
def test_admins_must_pass_the_second_factor_on_every_page(client, actors, name):
    client.force_login(actors[name])
    for url in ["/", "/audit/", "/users/", "/people/"]:
        r = client.get(url)
        assert r.status_code == 302 and r["Location"].startswith("/account/otp/"), (name, url)


def test_reviewers_must_pass_the_second_factor(client, actors, tree):
    from jinguo.conftest import make_user
    from jinguo.core.roles import Role

    reviewer = make_user("reviewer", Role.REVIEWER, tree["150000"])
    client.force_login(reviewer)
    assert client.get("/people/")["Location"].startswith("/account/otp/")


def test_a_cadre_needs_no_second_factor(login, actors):
    assert login(actors["county_cadre"]).get("/people/").status_code == 200


def test_setting_up_and_using_the_second_factor(client, actors):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(actors["auditor"])
    page = client.get("/account/otp/").content.decode()
    assert "<svg" in page
    device = TOTPDevice.objects.get(user=actors["auditor"])
    assert not device.confirmed
    r = client.post("/account/otp/", {"token": "000000", "next": "/audit/"})
    assert r.status_code == 200 and client.get("/audit/").status_code == 302
    device.refresh_from_db()
    device.throttle_reset()  # django-otp makes a retry wait after a failure; the test does not wait
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    r = client.post("/account/otp/", {"token": code, "next": "/audit/"})
    assert r.status_code == 302 and r["Location"] == "/audit/"
    assert client.get("/audit/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    outcomes = list(AuditEvent.objects.filter(event="otp.setup").order_by("seq").values_list("outcome", flat=True))
    assert outcomes == ["failure", "success"]


def test_next_cannot_point_to_another_host(client, actors):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(actors["auditor"])
    client.get("/account/otp/")
    device = TOTPDevice.objects.get(user=actors["auditor"])
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    r = client.post("/account/otp/", {"token": code, "next": "https://evil.example/"})
    assert r["Location"] == "/"


def test_a_superuser_cannot_log_in(client, db):
    User.objects.create_superuser("root_user", password="Grassland-2026-long")
    assert _login(client, "root_user", "Grassland-2026-long").status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_demo_has_no_admin_account(tree):
    """The demo's accounts all come from its users seed (the other seeds only read users), run alone here."""
    from jinguo.orgs.demo import DEMO_USERS, seed_users

    User.objects.all().delete()  # the template's actors share some of the demo's names
    assert seed_users(out=lambda msg: None, options={}) == {"users": len(DEMO_USERS)}
    assert User.objects.count() == len(DEMO_USERS)
    assert not User.objects.filter(username__iexact="admin").exists()
    assert not User.objects.filter(is_superuser=True).exists()
