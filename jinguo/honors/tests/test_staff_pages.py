"""The staff pages: programmes (criteria, stage dates), quotas, nominations list, the nomination form, scoring,
ranking by stage, notices, objections and the holiday table. Forms keep what was typed and summarise errors."""

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from jinguo.conftest import make_user
from jinguo.core.models import AuditEvent, Notification
from jinguo.core.roles import Role
from jinguo.honors import services
from jinguo.honors.models import (
    HolidayDay,
    Nomination,
    NominationState,
    Objection,
    Programme,
    Quota,
)
from jinguo.honors.tests.factories import nominate
from jinguo.people.tests.factories import new_person

TODAY = timezone.localdate


def _programme_post(titles, **over):
    today = TODAY()
    data = {
        "org_code": "150000",
        "title": titles["hongqishou"].pk,
        "year": today.year,
        "name": "",
        "nominate_until": (today + datetime.timedelta(days=10)).isoformat(),
        "county_until": (today + datetime.timedelta(days=20)).isoformat(),
        "league_until": (today + datetime.timedelta(days=30)).isoformat(),
        "review_until": (today + datetime.timedelta(days=40)).isoformat(),
        "places": "20",
        "notice_days": "5",
        "not_within_years": "5",
        "criteria": "事迹突出 60\n群众认可 40",
    }
    data.update(over)
    return data


def test_a_programme_is_opened_with_criteria_and_stage_dates(login, actors, titles):
    client = login(actors["region_cadre"])
    assert client.get("/honors/programmes/new/").status_code == 200
    r = client.post("/honors/programmes/new/", _programme_post(titles))
    p = Programme.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/honors/programmes/{p.pk}/"
    assert [(c.name, c.weight) for c in p.criteria.all()] == [("事迹突出", 60), ("群众认可", 40)]
    assert p.county_until == TODAY() + datetime.timedelta(days=20) and p.not_within_years == 5
    page = client.get(f"/honors/programmes/{p.pk}/").content.decode()
    assert "事迹突出" in page and "Region review closes" in page


def test_a_refused_programme_form_keeps_what_was_typed_and_summarises_the_errors(login, actors, titles):
    client = login(actors["region_cadre"])
    today = TODAY()
    r = client.post(
        "/honors/programmes/new/",
        _programme_post(
            titles,
            name="我的评选",
            league_until=(today + datetime.timedelta(days=5)).isoformat(),  # before the county's date
            criteria="事迹突出 60\n乱写",
            places="0",
        ),
    )
    body = r.content.decode()
    assert r.status_code == 200 and not Programme.objects.exists()
    assert 'data-testid="form-errors"' in body and 'data-testid="error-summary"' in body
    assert "write a criterion&#x27;s name and its weight" in body or "write a criterion's name" in body
    assert 'value="我的评选"' in body and "乱写" in body
    assert 'href="#id_places"' in body  # the summary links to the field


def test_the_stages_close_in_order(login, actors, titles):
    client = login(actors["region_cadre"])
    today = TODAY()
    r = client.post(
        "/honors/programmes/new/",
        _programme_post(titles, league_until=(today + datetime.timedelta(days=15)).isoformat()),
    )
    assert r.status_code == 200 and "The stages close in order" in r.content.decode()


def test_a_programme_is_edited_and_its_criteria_freeze_once_scored(login, actors, titles, tree, programme, reviewers):
    client = login(actors["region_cadre"])
    form = client.get(f"/honors/programmes/{programme.pk}/edit/").content.decode()
    assert "事迹 60" in form
    data = _programme_post(titles, criteria="事迹 50\n影响 50", places="12")
    r = client.post(f"/honors/programmes/{programme.pk}/edit/", data)
    assert r.status_code == 302
    programme.refresh_from_db()
    assert programme.places == 12 and [c.weight for c in programme.criteria.all()] == [50, 50]
    event = AuditEvent.objects.filter(event="honors.programme_update").latest("seq")
    assert event.detail["before"]["places"] == 10 and event.detail["after"]["places"] == 12

    judge = make_user("region_judge", Role.REVIEWER, tree["150000"])
    n = nominate(actors["county_cadre"], programme, tree["150602100200"])
    services.nomination_advance(actor=reviewers["county"], nomination=n)
    services.nomination_advance(actor=reviewers["league"], nomination=n)
    c1, c2 = programme.criteria.all()
    services.nomination_score(actor=judge, nomination=n, values={c1.pk: 80, c2.pk: 70})
    r = client.post(f"/honors/programmes/{programme.pk}/edit/", _programme_post(titles, criteria="事迹 100"))
    assert r.status_code == 200 and "criteria can no longer change" in r.content.decode()


def test_a_county_cadre_cannot_edit_the_regions_programme(login, actors, programme):
    client = login(actors["county_cadre"])
    assert client.get(f"/honors/programmes/{programme.pk}/").status_code == 200  # read with its lineage
    assert client.get(f"/honors/programmes/{programme.pk}/edit/").status_code == 403
    assert login(actors["sibling_cadre"]).get(f"/honors/programmes/{programme.pk}/quotas/").status_code == 200


def test_quotas_are_allocated_and_rolled_down_with_used_and_remaining(login, actors, tree, programme):
    region = login(actors["region_cadre"])
    r = region.post(f"/honors/programmes/{programme.pk}/quotas/", {"org_code": "150600", "places": "4"})
    assert r.status_code == 302
    page = region.get(f"/honors/programmes/{programme.pk}/quotas/").content.decode()
    assert "鄂尔多斯市" in page and "holds 10 places" in page

    league = login(actors["ordos_cadre"])
    assert league.post(f"/honors/programmes/{programme.pk}/quotas/", {"org_code": "150602", "places": "3"})
    over = league.post(f"/honors/programmes/{programme.pk}/quotas/", {"org_code": "150621", "places": "2"})
    assert over.status_code == 200
    assert "Over quota: 鄂尔多斯市 holds 4 places, 3 are already given to other units, 1 remain; 2 asked." in (
        over.content.decode()
    )
    nominate(actors["county_cadre"], programme, tree["150602100200"])
    page = league.get(f"/honors/programmes/{programme.pk}/quotas/?under=150600").content.decode()
    assert "鄂尔多斯市 holds 4 places: 1 used, 3 remaining." in page
    assert Quota.objects.get(org=tree["150602"]).places == 3


def test_a_county_cannot_allocate_the_leagues_places(login, actors, programme):
    client = login(actors["county_cadre"])
    r = client.post(f"/honors/programmes/{programme.pk}/quotas/?under=150600", {"org_code": "150602", "places": "1"})
    assert r.status_code == 404  # the league is not among the county's units


def test_the_nominations_list_costs_the_same_for_2_or_30_rows(login, actors, tree, programme, assert_queries):
    client = login(actors["region_cadre"])
    for i in range(2):
        nominate(actors["county_cadre"], programme, tree["150602100200"], name=f"甲{i}")
    url = f"/honors/nominations/?programme={programme.pk}&state=submitted"
    with assert_queries(8):
        r = client.get(url)
    assert r.status_code == 200
    for i in range(28):
        nominate(actors["county_cadre"], programme, tree["150602100200"], name=f"乙{i}")
    with assert_queries(8):
        r = client.get(url)
    assert r.status_code == 200 and len(r.context["page"].object_list) == 30


def test_the_nominations_list_exports_with_its_filters(login, actors, tree, programme):
    nominate(actors["county_cadre"], programme, tree["150602100200"], name="导出甲")
    nominate(actors["county_cadre"], programme, tree["150602100200"], name="草稿乙", submit=False)
    client = login(actors["county_cadre"])
    r = client.get("/honors/nominations/export/?state=submitted")
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Nominee" and [row[0] for row in rows[1:]] == ["导出甲"]
    assert AuditEvent.objects.filter(event="export.nominations").exists()


def test_a_county_nominates_through_the_form_with_a_file_and_consent(login, actors, tree, programme, reviewers):
    person = new_person(actors["county_cadre"], tree["150602100200"], name="乌云")
    client = login(actors["county_cadre"])
    page = client.get(f"/honors/nominations/new/?q=乌云&programme={programme.pk}").content.decode()
    assert f'value="{person.pk}"' in page
    # the programme's kind shows the nominee's fields that apply (app.js reads these marks)
    assert re.search(rf'<option value="{programme.pk}"( selected)? data-switch-value="{programme.kind}"', page)
    assert re.search(r'data-show-when="kind:individual">\s*<label[^>]*for="id_person"', page)
    assert re.search(r'data-show-when="kind:family">\s*<label[^>]*for="id_family_name"', page)
    token = re.search(r'name="submit_token" value="([^"]+)"', page)[1]
    pdf_bytes = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n"
    pdf = SimpleUploadedFile("事迹材料.pdf", pdf_bytes)
    data = {
        "submit_token": token,
        "programme": programme.pk,
        "org_code": "150602",
        "person": person.pk,
        "summary": "扎根牧区的好支书",
        "deeds": "带领牧民增收。",
        "attachment": pdf,
        "consent_given_by": "乌云",
        "consent_method": "书面同意书",
        "submit_now": "on",
    }
    r = client.post(f"/honors/nominations/new/?q=乌云&programme={programme.pk}", data)
    n = Nomination.objects.get()
    assert r.status_code == 302, r.context["form"].errors
    assert r["Location"] == f"/honors/nominations/{n.pk}/"
    assert n.state == NominationState.SUBMITTED and n.attachments.count() == 1 and n.consent.method == "书面同意书"
    data["attachment"] = SimpleUploadedFile("事迹材料.pdf", pdf_bytes)
    again = client.post(f"/honors/nominations/new/?q=乌云&programme={programme.pk}", data)  # a double click
    assert again.status_code == 302 and Nomination.objects.count() == 1
    assert Notification.objects.filter(kind="honors.review_request", recipient=reviewers["county"]).exists()
    history = client.get(f"/honors/nominations/{n.pk}/").content.decode()
    assert "Nomination submitted" in history and "honors.nomination_submit" not in history  # Module.events


def test_a_file_that_is_not_what_its_name_says_is_refused(login, actors, tree, programme):
    n = nominate(actors["county_cadre"], programme, tree["150602100200"], submit=False)
    client = login(actors["county_cadre"])
    fake = SimpleUploadedFile("事迹.pdf", b"MZ\x90\x00 not a pdf at all")
    r = client.post(f"/honors/nominations/{n.pk}/attach/", {"a-file": fake}, follow=True)
    assert "is not a PDF, Word (.docx), JPEG or PNG document" in r.content.decode()
    assert n.attachments.count() == 0


def test_a_refused_nomination_form_keeps_the_typed_deeds(login, actors, tree, programme):
    client = login(actors["county_cadre"])
    page = client.get("/honors/nominations/new/").content.decode()
    token = re.search(r'name="submit_token" value="([^"]+)"', page)[1]
    r = client.post(
        "/honors/nominations/new/",
        {
            "submit_token": token,
            "programme": programme.pk,
            "org_code": "150602",
            "summary": "摘要",
            "deeds": "长篇事迹",
        },
    )
    body = r.content.decode()
    assert r.status_code == 200 and "Choose the nominee from the people registry." in body
    assert "长篇事迹" in body and 'value="摘要"' in body and not Nomination.objects.exists()


def test_a_judge_scores_on_the_page_and_may_abstain(login, actors, tree, programme, reviewers):
    n = nominate(actors["village_cadre"], programme, tree["150602100200"])
    judge = make_user("county_judge", Role.REVIEWER, tree["150602"])
    c1, c2 = programme.criteria.all()
    client = login(judge)
    page = client.get(f"/honors/nominations/{n.pk}/").content.decode()
    assert 'data-testid="save-scores"' in page
    r = client.post(f"/honors/nominations/{n.pk}/score/", {f"s-c{c1.pk}": "90", f"s-a{c2.pk}": "on"}, follow=True)
    assert "The nomination&#x27;s score is now 90.00" in r.content.decode()
    refused = client.post(f"/honors/nominations/{n.pk}/score/", {f"s-c{c1.pk}": "90"}, follow=True)
    assert "Score it from 0 to 100, or abstain." in refused.content.decode()
    # the county's own cadre who nominated sees no score form
    assert (
        'data-testid="save-scores"'
        not in login(actors["village_cadre"]).get(f"/honors/nominations/{n.pk}/").content.decode()
    )


def test_the_review_page_lists_what_waits_for_the_user(login, actors, tree, programme, reviewers):
    n = nominate(actors["county_cadre"], programme, tree["150602100200"])
    page = login(reviewers["county"]).get("/honors/review/").content.decode()
    assert f"/honors/nominations/{n.pk}/" in page
    assert f"/honors/nominations/{n.pk}/" not in login(reviewers["league"]).get("/honors/review/").content.decode()


def test_the_stage_ranking_advances_by_rank_within_the_places(login, actors, tree, programme, reviewers):
    Programme.objects.filter(pk=programme.pk).update(places=1)
    ns = [nominate(actors["county_cadre"], programme, tree["150602100200"], name=f"候选{i}") for i in range(2)]
    for n in ns:
        services.nomination_advance(actor=reviewers["county"], nomination=n)
        services.nomination_advance(actor=reviewers["league"], nomination=n)
    c1, c2 = programme.criteria.all()
    services.nomination_score(actor=reviewers["region"], nomination=ns[1], values={c1.pk: 95, c2.pk: 90})
    client = login(reviewers["region"])
    page = client.get(f"/honors/programmes/{programme.pk}/stages/region_pre/").content.decode()
    assert page.index("候选1") < page.index("候选0") and "Ranking for 1 places" in page
    r = client.post(f"/honors/programmes/{programme.pk}/stages/region_pre/?under=150000", follow=True)
    assert "1 advanced and 1 did not, for 1 places." in r.content.decode()
    assert [Nomination.objects.get(pk=n.pk).state for n in ns] == ["not_advanced", "region_final"]
    assert login(actors["county_cadre"]).post(
        f"/honors/programmes/{programme.pk}/stages/region_pre/?under=150602"
    ).status_code in (403, 404)


def test_a_notice_is_scheduled_on_the_page_and_refused_without_holiday_data(login, actors, tree, programme, reviewers):
    n = nominate(actors["county_cadre"], programme, tree["150602100200"])
    client = login(actors["region_cadre"])
    r = client.post(
        f"/honors/programmes/{programme.pk}/notices/new/",
        {"org_code": "150000", "stage": "submitted", "start": "2030-04-01"},
    )
    assert r.status_code == 200 and "The public holidays of 2030 are not known yet" in r.content.decode()
    r = client.post(
        f"/honors/programmes/{programme.pk}/notices/new/",
        {"org_code": "150000", "stage": "submitted", "start": "2025-09-30"},
        follow=True,
    )
    assert "The notice runs from 2025-09-30 to 2025-10-13." in r.content.decode()
    assert n.notices.get().end == datetime.date(2025, 10, 13)


def test_objections_are_handled_on_their_page(login, actors, tree, programme):
    n = nominate(actors["county_cadre"], programme, tree["150602100200"])
    services.consent_record(actor=actors["county_cadre"], nomination=n, given_by="本人", method="书面")
    notice = services.notice_schedule(
        actor=actors["region_cadre"], programme=programme, org=tree["150000"], stage="submitted", start=TODAY()
    )
    notice.start = TODAY()
    notice.save()
    o = services.objection_submit(
        notice=notice, nomination_id=n.pk, name="王", contact="13912345670", text="不实", ip="1"
    )
    client = login(actors["region_cadre"])
    page = client.get(f"/honors/objections/{o.pk}/").content.decode()
    assert "139****5670" in page and "13912345670" not in page  # masked, shown in full on request
    shown = client.post(f"/honors/objections/{o.pk}/reveal/")
    assert "13912345670" in shown.content.decode()
    assert AuditEvent.objects.filter(event="honors.objection_reveal", outcome="success").count() == 1
    assert f"/honors/objections/{o.pk}/" in client.get("/honors/objections/").content.decode()
    client.post(f"/honors/objections/{o.pk}/assign/", {"assignee": actors["region_cadre"].pk})
    client.post(f"/honors/objections/{o.pk}/investigate/")
    r = client.post(f"/honors/objections/{o.pk}/conclude/", {"outcome": "经核实不属实", "upheld": "no"}, follow=True)
    o.refresh_from_db()
    assert o.state == "concluded" and o.upheld is False and "经核实不属实" in r.content.decode()
    n.refresh_from_db()
    assert n.state == NominationState.SUBMITTED
    assert login(actors["sibling_cadre"]).get(f"/honors/objections/{o.pk}/").status_code == 404
    assert Objection.objects.get().outcome == "经核实不属实"


def test_the_region_maintains_the_holiday_table(login, actors):
    client = login(actors["region_cadre"])
    r = client.post(
        "/honors/holidays/",
        {"year": "2030", "days": "2030-10-01 休 国庆节\n2030-10-02 休\n2030-09-29 班 补班\n2030.10.3 休"},
    )
    assert r.status_code == 302
    assert sorted((d.date.isoformat(), d.workday) for d in HolidayDay.objects.all()) == [
        ("2030-09-29", True),
        ("2030-10-01", False),
        ("2030-10-02", False),
        ("2030-10-03", False),
    ]
    bad = client.post("/honors/holidays/", {"year": "2030", "days": "2030-10-01 休\n明天 休"})
    assert bad.status_code == 200 and "“明天 休”: write a date, 休 or 班, and a name." in bad.content.decode()
    wrong_year = client.post("/honors/holidays/", {"year": "2031", "days": "2030-10-01 休"})
    assert "2030-10-01 is not in 2031." in wrong_year.content.decode()
    assert login(actors["county_cadre"]).post("/honors/holidays/", {"year": "2030", "days": "x"}).status_code == 403


@pytest.mark.parametrize("url", ["/honors/nominations/{n}/", "/honors/nominations/{n}/files/1/"])
def test_a_sibling_county_gets_404_for_a_nomination(login, actors, tree, programme, url):
    n = nominate(actors["county_cadre"], programme, tree["150602100200"])
    assert login(actors["sibling_cadre"]).get(url.format(n=n.pk)).status_code == 404


def test_the_leader_reads_but_cannot_nominate(login, actors, tree, programme):
    nominate(actors["county_cadre"], programme, tree["150602100200"])
    client = login(actors["leader"])
    assert client.get("/honors/nominations/").status_code == 200
    assert client.get("/honors/nominations/new/").status_code == 403


def test_the_region_adds_a_title_and_a_league_cannot(login, actors, titles):
    client = login(actors["region_cadre"])
    r = client.post(
        "/honors/titles/",
        {"name": "北疆巾帼志愿服务典型", "code": "beijiang-zhiyuan", "kind": "individual", "requires": ""},
    )
    assert r.status_code == 302 and "北疆巾帼志愿服务典型" in client.get("/honors/titles/").content.decode()
    again = client.post("/honors/titles/", {"name": "北疆巾帼志愿服务典型", "code": "x2", "kind": "individual"})
    assert again.status_code == 200 and 'data-testid="error-summary"' in again.content.decode()
    league = login(actors["ordos_cadre"])
    assert league.post("/honors/titles/", {"name": "盟市称号", "code": "x3", "kind": "individual"}).status_code == 403
