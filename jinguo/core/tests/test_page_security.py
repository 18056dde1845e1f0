"""Response headers, no external host in any page, uploads served safely, production checks."""

import re

import pytest

from jinguo.people.tests.factories import new_person

EXTERNAL = re.compile(r"""(?:src|href|action|srcset|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


@pytest.fixture
def pages(actors, tree):
    p = new_person(actors["county_cadre"], tree["150602"])
    return {
        "county_cadre": [
            "/",
            "/orgs/",
            "/orgs/?code=150602",
            "/orgs/search/?q=dsq",
            "/people/",
            "/people/new/",
            f"/people/{p.pk}/",
            f"/people/{p.pk}/edit/",
            "/imports/people/",
            "/imports/orgs/",
            "/account/password/",
        ],
        "secadmin": ["/users/"],
        "auditor": ["/audit/", "/audit/verify/"],
    }


def test_no_page_loads_anything_from_another_host(login, actors, pages, client):
    bodies = {"/login/": client.get("/login/").content.decode()}
    for who, urls in pages.items():
        c = login(actors[who])
        for url in urls:
            r = c.get(url)
            assert r.status_code == 200, url
            bodies[url] = r.content.decode()
    for url, body in bodies.items():
        assert not EXTERNAL.search(body), (url, EXTERNAL.search(body).group(0))
        assert "<script>" not in body and " style=" not in body, url  # CSP forbids inline code and styles


def test_security_headers(login, actors):
    r = login(actors["county_cadre"]).get("/people/")
    csp = r["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["X-Frame-Options"] == "DENY"
    assert r["Referrer-Policy"] == "same-origin"


def test_session_and_csrf_cookies_are_httponly_and_samesite(client, actors):
    from jinguo.conftest import PASSWORD

    r = client.post("/login/", {"username": "county_cadre", "password": PASSWORD})
    cookie = r.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_production_settings_harden_cookies_and_hsts(monkeypatch):
    import importlib

    import jinguo.settings as s

    monkeypatch.setenv("JINGUO_PRODUCTION", "1")
    monkeypatch.setenv("JINGUO_SECRET_KEY", "x" * 60)
    prod = importlib.reload(s)
    try:
        assert prod.SESSION_COOKIE_SECURE and prod.CSRF_COOKIE_SECURE and prod.SECURE_SSL_REDIRECT
        assert prod.SECURE_HSTS_SECONDS >= 31536000
    finally:
        monkeypatch.delenv("JINGUO_PRODUCTION")
        importlib.reload(s)


def test_photos_are_served_with_a_safe_content_type(login, actors, tree):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, "JPEG")
    p = new_person(actors["county_cadre"], tree["150602"], photo=SimpleUploadedFile("a.html", buf.getvalue()))
    r = login(actors["county_cadre"]).get(f"/people/{p.pk}/photo/")
    assert r["Content-Type"] == "image/jpeg" and r["X-Content-Type-Options"] == "nosniff"
    assert login(actors["sibling_cadre"]).get(f"/people/{p.pk}/photo/").status_code == 404


def test_production_refuses_to_start_with_a_superuser(db, settings):
    from jinguo.core.checks import no_superuser_in_production
    from jinguo.core.models import User

    settings.PRODUCTION = True
    assert no_superuser_in_production(None) == []
    User.objects.create_superuser("root_user", password="Grassland-2026-long")
    assert [e.id for e in no_superuser_in_production(None)] == ["jinguo.E001"]
