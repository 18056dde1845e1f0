"""年度为主线、季度有主题、月度分主次: set by the region, lower levels add their own below."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jinguo.core.models import AuditEvent
from jinguo.core.periods import month_period
from jinguo.planning.models import Theme, ThemeKind
from jinguo.planning.selectors import theme_choices, themes_for_month
from jinguo.planning.services import series_create, theme_create, theme_delete, theme_update

YEAR = 2026


@pytest.fixture
def region_calendar(actors, tree):
    cadre, region = actors["region_cadre"], tree["150000"]
    annual = theme_create(actor=cadre, org=region, kind=ThemeKind.ANNUAL, year=YEAR, title="学思想 强党性")
    q3 = theme_create(
        actor=cadre, org=region, kind=ThemeKind.QUARTER, year=YEAR, quarter=3, title="弘扬家风", parent=annual
    )
    july = theme_create(
        actor=cadre, org=region, kind=ThemeKind.MONTH, year=YEAR, month=7, title="永远跟党走", parent=q3
    )
    return {"annual": annual, "q3": q3, "july": july}


def test_the_region_sets_the_three_levels(region_calendar):
    t = region_calendar["july"]
    assert (t.starts_on.isoformat(), t.ends_on.isoformat(), t.period.code) == ("2026-07-01", "2026-07-31", "2026-07")
    assert AuditEvent.objects.filter(event="theme.create").count() == 3


def test_a_league_adds_its_own_focus_under_the_regions_quarter(actors, tree, region_calendar):
    t = theme_create(
        actor=actors["ordos_cadre"],
        org=tree["150600"],
        kind=ThemeKind.MONTH,
        year=YEAR,
        month=8,
        title="幸福敲门",
        parent=region_calendar["q3"],
    )
    assert t.org_path == "1506"


def test_only_the_region_sets_a_mainline_on_its_own(actors, tree):
    with pytest.raises(ValidationError) as e:
        theme_create(
            actor=actors["county_cadre"], org=tree["150602"], kind=ThemeKind.ANNUAL, year=YEAR, title="自己的主线"
        )
    assert "parent" in e.value.message_dict
    with pytest.raises(ValidationError):
        theme_create(
            actor=actors["region_cadre"], org=tree["150000"], kind=ThemeKind.MONTH, year=YEAR, month=1, title="无主"
        )


def test_a_theme_sits_inside_its_parents_period(actors, tree, region_calendar):
    with pytest.raises(ValidationError, match="outside"):
        theme_create(
            actor=actors["county_cadre"],
            org=tree["150602"],
            kind=ThemeKind.MONTH,
            year=YEAR,
            month=11,
            title="十一月",
            parent=region_calendar["q3"],
        )


def test_a_theme_cannot_sit_under_a_sibling_or_a_narrower_theme(actors, tree, region_calendar):
    theirs = theme_create(
        actor=actors["sibling_cadre"],
        org=tree["150621"],
        kind=ThemeKind.MONTH,
        year=YEAR,
        month=7,
        title="达旗",
        parent=region_calendar["q3"],
    )
    with pytest.raises(ValidationError, match="unit above"):
        theme_create(
            actor=actors["county_cadre"],
            org=tree["150602"],
            kind=ThemeKind.MONTH,
            year=YEAR,
            month=7,
            title="跟随",
            parent=theirs,
        )
    with pytest.raises(ValidationError, match="narrower"):
        theme_create(
            actor=actors["region_cadre"],
            org=tree["150000"],
            kind=ThemeKind.QUARTER,
            year=YEAR,
            quarter=3,
            title="反了",
            parent=region_calendar["july"],
        )


def test_one_primary_focus_per_month_and_any_secondary(actors, tree, region_calendar):
    kw = {"actor": actors["region_cadre"], "org": tree["150000"], "kind": ThemeKind.MONTH, "year": YEAR, "month": 7}
    with pytest.raises(ValidationError, match="primary"):
        theme_create(title="又一个主", parent=region_calendar["q3"], **kw)
    theme_create(title="次要一", parent=region_calendar["q3"], is_primary=False, **kw)
    theme_create(title="次要二", parent=region_calendar["q3"], is_primary=False, **kw)
    assert Theme.objects.filter(month=7, org=tree["150000"]).count() == 3


def test_one_mainline_per_year(actors, tree, region_calendar):
    with pytest.raises(ValidationError, match="already has an annual mainline"):
        theme_create(actor=actors["region_cadre"], org=tree["150000"], kind=ThemeKind.ANNUAL, year=YEAR, title="第二条")


def test_a_county_cannot_plan_for_the_region_or_a_sibling(actors, tree, region_calendar):
    for org in ("150000", "150621"):
        with pytest.raises(PermissionDenied):
            theme_create(
                actor=actors["county_cadre"],
                org=tree[org],
                kind=ThemeKind.MONTH,
                year=YEAR,
                month=7,
                title="x",
                parent=region_calendar["q3"],
            )
    with pytest.raises(PermissionDenied):
        theme_update(actor=actors["county_cadre"], theme=region_calendar["july"], title="改")
    with pytest.raises(PermissionDenied):
        theme_create(actor=actors["leader"], org=tree["150000"], kind=ThemeKind.ANNUAL, year=YEAR + 1, title="领导的")


def test_a_theme_in_use_cannot_be_removed(actors, region_calendar):
    with pytest.raises(ValidationError, match="cannot be removed"):
        theme_delete(actor=actors["region_cadre"], theme=region_calendar["q3"])
    theme_delete(actor=actors["region_cadre"], theme=region_calendar["july"])


def test_themed_series(actors, tree, region_calendar):
    s = series_create(actor=actors["region_cadre"], org=tree["150000"], name="我奋斗·家国美")
    theme_update(actor=actors["region_cadre"], theme=region_calendar["july"], title="永远跟党走", series=s)
    assert Theme.objects.get(pk=region_calendar["july"].pk).series == s
    theirs = series_create(actor=actors["sibling_cadre"], org=tree["150621"], name="达旗系列")
    with pytest.raises(ValidationError, match="another unit"):
        theme_create(
            actor=actors["county_cadre"],
            org=tree["150602"],
            kind=ThemeKind.MONTH,
            year=YEAR,
            month=7,
            title="y",
            parent=region_calendar["q3"],
            series=theirs,
        )


def test_a_county_sees_the_regions_calendar_but_not_a_siblings(actors, tree, region_calendar):
    theme_create(
        actor=actors["sibling_cadre"],
        org=tree["150621"],
        kind=ThemeKind.MONTH,
        year=YEAR,
        month=7,
        title="达旗",
        parent=region_calendar["q3"],
    )
    month = themes_for_month(actors["county_cadre"], month_period(YEAR, 7))
    assert [t.title for t in month["annual"]] == ["学思想 强党性"]
    assert [t.title for t in month["month"]] == ["永远跟党走"]
    assert set(theme_choices(actors["county_cadre"], year=YEAR).values_list("title", flat=True)) == {
        "学思想 强党性",
        "弘扬家风",
        "永远跟党走",
    }


def test_the_month_view_and_the_pages(login, actors, tree, region_calendar):
    client = login(actors["county_cadre"])
    body = client.get(f"/planning/?month={YEAR}-07").content.decode()
    assert "学思想 强党性" in body and "弘扬家风" in body and "永远跟党走" in body
    assert client.get(f"/planning/themes/{region_calendar['july'].pk}/").status_code == 200
    assert client.get(f"/planning/themes/{region_calendar['july'].pk}/edit/").status_code == 403
    assert login(actors["outsider"]).get(f"/planning/themes/{region_calendar['july'].pk}/").status_code == 404
    client = login(actors["county_cadre"])  # the login fixture switches the one test client
    r = client.post(
        "/planning/themes/new/",
        {
            "org_code": "150602",
            "kind": "month",
            "year": YEAR,
            "month": "9",
            "parent": region_calendar["q3"].pk,
            "title": "东胜九月",
            "is_primary": "on",
        },
    )
    assert r.status_code == 302 and Theme.objects.filter(title="东胜九月", org_path="150602").exists()
    sibling = login(actors["sibling_cadre"])
    assert sibling.get(f"/planning/themes/{Theme.objects.get(title='东胜九月').pk}/").status_code == 404
