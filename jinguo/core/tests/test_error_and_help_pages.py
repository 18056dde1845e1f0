"""Error pages inside the layout with a way back; the help page the login page links to; the header."""

import base64
import re

import pytest
from django.test import Client, RequestFactory


@pytest.fixture(autouse=True)
def _english(client, settings):
    """Messages named by their English msgids (the Chinese pages are checked in the browser test)."""
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def _error_block(html: str) -> str:
    start = html.index('data-testid="error-page"')
    return html[start : html.index("</div>\n</div>", start)]


def test_an_unknown_page_is_a_404_inside_the_layout_with_a_way_back(login, actors):
    r = login(actors["county_cadre"]).get("/no-such-page/")
    html = r.content.decode()
    assert r.status_code == 404
    assert "Page not found" in html
    assert 'class="navbar navbar-vertical' in html and 'href="/dashboard/"' in html  # the menu
    assert 'data-testid="current-user"' in html and "Log out" in html
    block = _error_block(html)
    assert 'href="/"' in block and "data-back" in block


def test_a_unit_outside_ones_scope_reads_like_one_that_does_not_exist(login, actors):
    client = login(actors["county_cadre"])
    sibling, unknown = client.get("/dashboard/?code=150621"), client.get("/dashboard/?code=159999")
    assert sibling.status_code == unknown.status_code == 404
    assert _error_block(sibling.content.decode()) == _error_block(unknown.content.decode())


def test_a_leader_opening_a_write_url_gets_a_403_inside_the_layout(login, actors):
    r = login(actors["leader"]).get("/outreach/lectures/new/")
    html = r.content.decode()
    assert r.status_code == 403
    assert "Not allowed" in html and 'class="navbar navbar-vertical' in html
    assert 'href="/"' in _error_block(html)


def test_the_500_page_renders_in_the_layout_without_a_request():
    from django.views.defaults import server_error

    r = server_error(RequestFactory().get("/"))
    html = r.content.decode()
    assert r.status_code == 500
    assert "Something went wrong" in html and 'class="navbar navbar-vertical' in html
    assert 'href="/"' in _error_block(html)
    assert "Log out" not in html and "Log in" not in html  # whoever it was, the page does not know


def test_an_expired_form_says_so_and_offers_to_log_in_again(db, settings):
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    r = client.post("/login/", {"username": "x", "password": "y"})
    html = r.content.decode()
    assert r.status_code == 403
    assert "The form has expired" in html and 'href="/login/"' in _error_block(html)


def test_the_login_page_links_to_help_and_to_a_forgotten_password(client, db):
    html = client.get("/login/").content.decode()
    assert re.search(r'href="/help/#password"[^>]*data-testid="forgot-password"', html)
    assert re.search(r'href="/help/"[^>]*data-testid="help"', html)
    page = client.get("/help/").content.decode()
    assert 'id="password"' in page and "security administrator of your federation" in page
    assert "12" in page  # the password rules come from the validators


def test_help_is_open_to_a_user_held_at_the_second_factor(client, actors):
    client.force_login(actors["auditor"])
    assert client.get("/dashboard/").status_code == 302  # the gate sends them to the second factor
    assert client.get("/help/").status_code == 200


def test_the_second_factor_key_is_shown_in_base32(client, actors):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(actors["auditor"])
    html = client.get("/account/otp/").content.decode()
    shown = re.search(r'data-testid="otp-secret">([^<]+)<', html).group(1)
    key = shown.replace(" ", "")
    assert re.fullmatch(r"[A-Z2-7]+", key)
    device = TOTPDevice.objects.get(user=actors["auditor"])
    assert base64.b32decode(key + "=" * (-len(key) % 8)) == device.bin_key
    assert f"secret={key}" in device.config_url


def test_the_language_switch_names_each_language_in_its_own_name(login, actors, settings):
    client = login(actors["county_cadre"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    html = client.get("/dashboard/").content.decode()
    options = dict(re.findall(r'<option value="(zh-hans|en)"[^>]*>([^<]+)</option>', html))
    assert options == {"zh-hans": "简体中文", "en": "English"}
