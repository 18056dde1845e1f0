"""Targets roll down region → league → county; progress and rankings by level; the year-end report."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from jinguo.core.actors import SYSTEM
from jinguo.core.models import AuditEvent
from jinguo.publications import selectors as sel
from jinguo.publications import services
from jinguo.publications.tests.factories import new_publication, subscribe


@pytest.fixture
def targets(actors, tree, pub):
    region, ordos = actors["region_cadre"], actors["ordos_cadre"]
    services.targets_set(actor=region, publication=pub, targets=[(tree["150000"], 1000), (tree["150600"], 100)])
    services.targets_set(actor=region, publication=pub, targets=[(tree["150200"], 50)])
    services.targets_set(actor=ordos, publication=pub, targets=[(tree["150602"], 60), (tree["150621"], 70)])
    return pub


def test_each_unit_sets_the_targets_of_the_units_just_below(actors, tree, pub, targets):
    with pytest.raises(PermissionDenied):  # a county does not set its own target
        services.targets_set(actor=actors["county_cadre"], publication=pub, targets=[(tree["150602"], 5)])
    with pytest.raises(PermissionDenied):  # nor a league its own
        services.targets_set(actor=actors["ordos_cadre"], publication=pub, targets=[(tree["150600"], 5)])
    ev = AuditEvent.objects.filter(event="publications.target").order_by("seq").last()
    assert ev.detail == {"targets": [{"unit": "150602", "copies": 60}, {"unit": "150621", "copies": 70}]}


def test_giving_more_than_the_target_is_allowed_and_shown(tree, targets):
    ordos = sel.summary(tree["150600"], targets.year, targets)
    assert (ordos.target, ordos.allocated, ordos.over_allocated) == (100, 130, 30)


def test_progress_and_ranking_by_level(actors, tree, targets):
    subscribe(actors["county_cadre"], tree["150602100200"], targets, 30)
    subscribe(actors["county_cadre"], tree["150602"], targets, 36)
    subscribe(actors["sibling_cadre"], tree["150621"], targets, 35)
    subscribe(SYSTEM, tree["150200"], targets, 50)
    year = targets.year
    counties = {r.org.code: r for r in sel.ranking(tree["150000"], year, "county", targets)}
    assert (counties["150602"].copies, counties["150602"].percent, counties["150602"].rank) == (66, 110.0, 1)
    assert (counties["150621"].percent, counties["150621"].rank) == (50.0, 2)
    assert counties["150602"].remaining == 0 and counties["150621"].remaining == 35
    leagues = sel.ranking(tree["150000"], year, "league")  # all publications: read from the roll-ups
    assert [(r.org.code, r.copies, r.percent) for r in leagues[:2]] == [("150200", 50, 100.0), ("150600", 101, 101.0)][
        ::-1
    ]
    region = sel.summary(tree["150000"], year)
    assert (region.target, region.copies, region.allocated) == (1000, 151, 150)


def test_equal_units_share_their_rank(actors, tree, pub):
    services.targets_set(actor=SYSTEM, publication=pub, targets=[(tree["150602"], 10), (tree["150621"], 10)])
    subscribe(SYSTEM, tree["150602"], pub, 5)
    subscribe(SYSTEM, tree["150621"], pub, 5)
    rows = sel.ranking(tree["150600"], pub.year, "county", pub)
    assert [r.rank for r in rows[:3]] == [1, 1, 3]


def test_the_national_position_is_the_regions_to_record(actors, tree, pub):
    services.publication_set_national(actor=actors["region_cadre"], publication=pub, rank=4, note="全国前五名")
    with pytest.raises(PermissionDenied):
        services.publication_set_national(actor=actors["ordos_cadre"], publication=pub, rank=1)
    pub.refresh_from_db()
    assert (pub.national_rank, pub.national_note) == (4, "全国前五名")


def test_the_progress_page_costs_a_fixed_number_of_queries(login, actors, tree, targets, assert_queries):
    subscribe(actors["county_cadre"], tree["150602"], targets, 30)
    new_publication(tree, title="习近平走进百姓家", kind="book", price="36")
    web = login(actors["region_cadre"])
    web.get("/publications/")  # warm the session
    with assert_queries(19):  # session, user, roles, unit; years; summary 3; publications 4; 2 rankings × 3; …
        page = web.get(f"/publications/?year={targets.year}")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="ranking-league"' in html and 'data-testid="ranking-county"' in html
    with assert_queries(20):  # … and the publication asked for
        assert web.get(f"/publications/?year={targets.year}&publication={targets.pk}").status_code == 200


def test_the_year_end_report_lists_the_units_below_with_their_rank(login, actors, tree, targets):
    subscribe(actors["county_cadre"], tree["150602"], targets, 66)
    services.publication_set_national(actor=SYSTEM, publication=targets, rank=4, note="全国前五名")
    web = login(actors["ordos_cadre"])
    r = web.get(f"/publications/report.xlsx?code=150600&year={targets.year}")
    assert r.status_code == 200
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert "150600" not in str(rows[0]) and str(targets.year) in rows[0][0]  # the heading
    header = rows[1]
    assert header[:5] == (
        "No.",
        "Unit",
        "《中国妇女报》 target",
        "《中国妇女报》 copies",
        "《中国妇女报》 progress (%)",
    )
    dongsheng = next(r for r in rows if r and r[1] == "东胜区")
    assert dongsheng[2:5] == (60, 66, 110) and dongsheng[-1] == 1
    assert any(r and r[1] == "《中国妇女报》 national position" and "No. 4" in r[2] for r in rows)
    assert AuditEvent.objects.filter(event="export.publications_report", actor_name="ordos_cadre").count() == 1
    # A sibling's report: 404, like an unknown unit.
    assert (
        login(actors["county_cadre"]).get(f"/publications/report.xlsx?code=150621&year={targets.year}").status_code
        == 404
    )
