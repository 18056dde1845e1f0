"""Platforms are data kept by the region: name, domains, publishing adapter and export column mapping."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jinguo.core.models import AuditEvent
from jinguo.media import services
from jinguo.media.models import Platform


def test_the_region_adds_and_changes_a_platform(actors, platforms, login):
    web = login(actors["region_cadre"])
    r = web.post(
        "/matrix/platforms/new/",
        {
            "code": "zhihu",
            "name": "知乎",
            "domains": "zhihu.com\n",
            "adapter": "record",
            "columns": "account=账号\nday=日期\nreads=阅读",
            "active": "on",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    p = Platform.objects.get(code="zhihu")
    assert (p.name, p.domain_list(), p.columns) == (
        "知乎",
        ["zhihu.com"],
        {"account": "账号", "day": "日期", "reads": "阅读"},
    )
    services.platform_save(actor=actors["region_cadre"], code="x", name="知乎专栏", domains="zhihu.com", platform=p)
    p.refresh_from_db()
    assert p.code == "zhihu" and p.name == "知乎专栏"
    ev = AuditEvent.objects.filter(event="media.platform_save").order_by("-seq").first()
    assert ev.detail["before"]["name"] == "知乎" and ev.detail["after"]["name"] == "知乎专栏"
    assert web.get("/matrix/platforms/").status_code == 200


def test_a_mapping_without_the_required_columns_is_refused(actors, platforms):
    with pytest.raises(ValidationError):
        services.platform_save(actor=actors["region_cadre"], code="y", name="Y", columns={"day": "日期"})


def test_only_the_region_keeps_the_platforms(actors, platforms, login):
    with pytest.raises(PermissionDenied):
        services.platform_save(actor=actors["ordos_cadre"], code="z", name="Z")
    assert login(actors["ordos_cadre"]).get("/matrix/platforms/new/").status_code == 403
