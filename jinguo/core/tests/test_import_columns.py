"""Imports and exports share their columns: every importer's template, filled from its own list's export, imports
back to the same records; workbooks as cadres really send them are read (full-width digits, 2024.3.8, a merged
title row) or refused with the fix (an ID number Excel stored as a number); a row with many problems reports
every one; templates carry drop-down lists and an example row that the import skips."""

import datetime
import io

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from jinguo.core import modules, xlsx
from jinguo.core.actors import SYSTEM
from jinguo.outreach.models import Lecture, Topic
from jinguo.outreach.tests.factories import new_lecture, today
from jinguo.people.models import Person
from jinguo.people.tests.factories import new_person

# importer kind → (the list whose export fills it, the query of that export, the actor)
ROUND_TRIPS = {
    "lectures": ("lectures", "", "county_cadre"),
    "people": ("people", "under=150602001", "county_cadre"),
    "orgs": ("orgs", "under=150602300", "county_cadre"),
    "mentions": ("mentions", "", "county_cadre"),
    "media_accounts": ("media_accounts", "under=150602", "county_cadre"),
    "subscriptions": ("subscriptions", "", "county_cadre"),
    "venues": ("venues", "", "county_cadre"),
    **{
        f"governance_{key}": (f"governance_{key}", "", "county_cadre")
        for key in ("orgs", "services", "education", "agreements", "supervision")
    },
    "volunteers": ("volunteers", "under=150602001", "county_cadre"),
    "volunteer_hours": ("volunteer_records", "under=150602001", "county_cadre"),
}


def test_every_importer_has_a_round_trip():
    modules.discover()
    assert set(xlsx.REGISTRY) == set(ROUND_TRIPS)


def _workbook(rows, title=None) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def _fill_template(content: bytes, export: bytes) -> io.BytesIO:
    """The template's first sheet with its example row replaced by the export's rows, column by column."""
    template = load_workbook(io.BytesIO(content)).active
    header = [c.value for c in template[1]]
    rows = list(load_workbook(io.BytesIO(export)).active.iter_rows(values_only=True))
    exported = rows[0]
    assert set(header[:-1]) <= set(exported), "the export lacks a column of the import"
    filled = [[row[exported.index(h)] if h in exported else None for h in header] for row in rows[1:]]
    return io.BytesIO(xlsx.export_workbook("filled", header, filled))  # as Excel keeps it: text stays text


def _lecture_records():
    return sorted(
        (
            lec.title,
            lec.kind,
            lec.date,
            lec.org.code,
            lec.theme_id,
            lec.topic_id,
            lec.campaign_id,
            tuple(lec.formats),
            lec.audience_group_id,
            lec.audience_count,
            lec.mode,
            lec.online_views,
            lec.language,
            lec.summary,
            lec.state,
            lec.start_time,
            tuple(sorted(p.pk for p in lec.lecturers.all())),
        )
        for lec in Lecture.objects.all()
    )


def _people_records():
    return sorted(
        (p.name, p.gender, p.ethnicity, p.birth_date, p.id_number_hash, p.phone_hash, p.org.code)
        for p in Person.objects.filter(org_path__startswith="150602001")
    )


def _org_records():
    from jinguo.orgs.models import OrgUnit

    return sorted(OrgUnit.objects.filter(path__startswith="150602300").values_list("code", "name", "level"))


def _volunteer_case(kind, user, tree):
    """Two volunteers of 交通街道 (one in two teams), or two back-filled records of one of them."""
    from jinguo.volunteer import services as vs
    from jinguo.volunteer.models import ServiceRecord, TeamMember, Volunteer
    from jinguo.volunteer.tests.factories import last_month

    teams = [vs.team_create(actor=user, org=tree["150602"], name=n) for n in ("爱心阿姨", "周末妈妈")]
    project = vs.project_create(actor=user, org=tree["150602"], name="幸福敲门", action="rights", summary="…")
    volunteers = [
        vs.volunteer_register(
            actor=user,
            person=new_person(user, tree[code], name=name),
            consent_by="本人",
            consent_method="=书面",
            skills="护理、陪伴" if i else "",
            teams=teams[: i + 1],
        )
        for i, (code, name) in enumerate([("150602001", "其其格"), ("150602001001", "萨仁")])
    ]
    if kind == "volunteers":

        def records():
            return sorted(
                (
                    v.person_id,
                    v.org.code,
                    v.skills,
                    v.areas,
                    v.consent_by,
                    v.consent_method,
                    v.joined,
                    tuple(sorted(m.team_id for m in v.memberships.all())),
                )
                for v in Volunteer.objects.filter(org_path__startswith="150602001")
            )

        def wipe():
            TeamMember.objects.all().delete()
            Volunteer.objects.all().delete()

        return records, wipe
    for day, hours, team, proj in ((3, "2", teams[0], None), (4, "1.5", None, project)):
        vs.backfill_create(
            actor=user,
            volunteer=volunteers[1],
            org=tree["150602001001"],
            date=last_month(day),
            hours=hours,
            note="入户看望",
            team=team,
            project=proj,
        )

    def hours_records():
        return sorted(
            (r.volunteer_id, r.date, r.hours, r.org.code, r.team_id, r.project_id, r.note, r.backfilled, r.state)
            for r in ServiceRecord.objects.all()
        )

    return hours_records, lambda: ServiceRecord.objects.all().delete()


@pytest.mark.parametrize("kind", sorted(ROUND_TRIPS))
def test_the_template_filled_from_the_export_imports_back_the_same_records(
    kind, login, actors, tree, calendar, lecturer
):
    list_name, query, username = ROUND_TRIPS[kind]
    user = actors[username]
    web = login(user)
    if kind == "lectures":
        new_lecture(
            user,
            tree["150602100200"],
            calendar,
            lecturer,
            formats=["performance"],
            mode="hybrid",
            online_views=12,
            language="both",
            start_time="09:00",
            end_time="10:30",
            summary="=SUM(A1)",
        )
        new_lecture(user, tree["150602"], calendar, lecturer, title="计划", held=False, audience_count=None)
        records, wipe = _lecture_records, lambda: Lecture.objects.all().delete()
    elif kind == "people":
        new_person(user, tree["150602001"], name="其其格", phone="")
        new_person(user, tree["150602001001"], name="萨仁", birth=datetime.date(1990, 12, 1))
        records, wipe = _people_records, lambda: Person.objects.filter(org_path__startswith="150602001").delete()
    elif kind in ("volunteers", "volunteer_hours"):
        records, wipe = _volunteer_case(kind, user, tree)
    elif kind == "mentions":
        from jinguo.opinion.models import Mention, Story
        from jinguo.opinion.services import mentions_ingest, source_create

        source = source_create(actor=SYSTEM, org=tree["150602"], name="东胜区监测")
        items = [
            {"url": "https://a.cn/1", "title": "=东胜区妇联", "text": "家庭教育讲座", "reach": 12},
            {"url": "https://a.cn/2", "title": "漫赖村", "author": "网友", "text": "暖心服务"},
        ]
        mentions_ingest(actor=user, source=source, items=items)

        def records():
            return sorted(Mention.objects.values_list("url", "title", "text", "author", "reach", "org_path"))

        def wipe():
            Mention.objects.all().delete()
            Story.objects.all().delete()

    elif kind == "media_accounts":
        from jinguo.media.models import Account
        from jinguo.media.services import account_create, platforms_seed

        platforms_seed(actor=SYSTEM)
        wechat = Account._meta.get_field("platform").related_model.objects.get(code="wechat")
        douyin = Account._meta.get_field("platform").related_model.objects.get(code="douyin")
        account_create(
            actor=user, org=tree["150602"], name="=东胜妇联", platform=wechat, platform_uid="gh_ds", brand="北疆女声"
        )
        account_create(
            actor=user,
            org=tree["150602100200"],
            name="漫赖村",
            platform=douyin,
            platform_uid="ml01",
            own=True,
            followers=1234,
            verification="verified",
            last_post_on=datetime.date(2026, 3, 8),
            operator="村妇联",
        )

        def records():
            return sorted(
                Account.objects.values_list(
                    "name",
                    "platform__code",
                    "platform_uid",
                    "org__code",
                    "operator",
                    "brand",
                    "own",
                    "followers",
                    "verification",
                    "last_post_on",
                )
            )

        def wipe():
            Account.objects.all().delete()
    elif kind.startswith("governance_"):
        from jinguo.governance.tests.factories import round_trip_for

        records, wipe = round_trip_for(kind.removeprefix("governance_"))(user, tree)
    elif kind in ("subscriptions", "venues"):
        from importlib import import_module

        app = {"subscriptions": "publications", "venues": "venues"}[kind]
        records, wipe = import_module(f"jinguo.{app}.tests.factories").round_trip(user, tree)
    else:
        from jinguo.orgs.models import OrgUnit
        from jinguo.orgs.services import org_bulk_create

        org_bulk_create(actor=SYSTEM, rows=[("150602300", "新建镇"), ("150602300201", "新建村")])

        def wipe():
            OrgUnit.objects.filter(code="150602300201").delete()
            OrgUnit.objects.filter(code="150602300").delete()

        records = _org_records
    before = records()
    assert len(before) == 2
    from django.urls import reverse

    from jinguo.core.lists import REGISTRY

    export = web.get(f"{reverse(REGISTRY[list_name].export_url_name)}?{query}")
    template = web.get(f"/imports/{kind}/template.xlsx")
    assert export.status_code == template.status_code == 200
    wipe()
    assert records() == []
    importer = xlsx.REGISTRY[kind](user)
    result = xlsx.run_import(importer, _fill_template(template.content, export.content))
    assert result.ok, result.errors
    assert records() == before


# --- messy workbooks ------------------------------------------------------------------------------

HEADERS = ["title", "kind", "date", "org_code", "lecturers", "theme", "topic", "audience_group", "audience_count"]


def _lecture_row(calendar, lecturer, **over):
    d = today()
    row = {
        "title": "宣讲",
        "kind": "宣讲",
        "date": d.isoformat(),
        "org_code": "150602100200",
        "lecturers": lecturer.name,
        "theme": calendar["month"][(d.year, d.month)].title,
        "topic": "家庭教育",
        "audience_group": "农牧民",
        "audience_count": "30",
    }
    row.update(over)
    return [row[h] for h in HEADERS]


def test_full_width_digits_dotted_dates_and_a_merged_title_row_are_read(actors, calendar, lecturer):
    d = today()
    full_width = "１５０６０２１００２００"
    rows = [
        HEADERS,
        _lecture_row(
            calendar, lecturer, date=f"{d.year}.{d.month}.{d.day}", org_code=full_width, audience_count="４５"
        ),
        _lecture_row(calendar, lecturer, title="第二场", date=f"{d.year}年{d.month}月{d.day}日", org_code=" 150602 "),
        _lecture_row(calendar, lecturer, title="第三场", date=d.strftime("%Y%m%d")),
    ]
    result = xlsx.run_import(
        xlsx.REGISTRY["lectures"](actors["county_cadre"]), _workbook(rows, title="东胜区2026年宣讲活动登记表")
    )
    assert result.ok, result.errors
    lectures = {lec.title: lec for lec in Lecture.objects.select_related("org")}
    assert lectures["宣讲"].org.code == "150602100200" and lectures["宣讲"].audience_count == 45
    assert {lec.date for lec in lectures.values()} == {d}


@pytest.mark.parametrize(
    "text, day",
    [
        ("2024-03-08", datetime.date(2024, 3, 8)),
        ("2024/3/8", datetime.date(2024, 3, 8)),
        ("2024.3.8", datetime.date(2024, 3, 8)),
        ("20240308", datetime.date(2024, 3, 8)),
        ("2024年3月8日", datetime.date(2024, 3, 8)),
        ("２０２４．３．８", datetime.date(2024, 3, 8)),
        (45359, datetime.date(2024, 3, 8)),  # Excel's serial number of the day
        ("45359", datetime.date(2024, 3, 8)),
    ],
)
def test_dates_as_cadres_type_them(text, day):
    assert xlsx.parse_date(text) == day


def test_an_id_number_excel_stored_as_a_number_is_refused_with_the_fix(actors, tree):
    from jinguo.people.idcard import make_id_number

    number = make_id_number("150602", datetime.date(1985, 3, 8), 7, female=True)
    rows = [
        ["name", "gender", "ethnicity", "birth_date", "id_number", "org_code"],
        ["某某", "女", "汉族", "1985-03-08", float(number), "150602"],
    ]
    with translation.override("en"):
        result = xlsx.run_import(xlsx.REGISTRY["people"](actors["county_cadre"]), _workbook(rows))
        assert [(e.row, e.reason) for e in result.errors] == [(2, str(xlsx.ID_NUMBER_AS_NUMBER))]
    assert "Write the ID number as text" in result.errors[0].reason


def test_a_row_with_thirteen_problems_gets_thirteen_errors(actors, calendar, lecturer):
    headers = [
        "title", "kind", "date", "start_time", "org_code", "place", "team", "lecturers", "theme", "topic",
        "campaign", "formats", "audience_group", "audience_count", "mode", "online_views", "language", "held",
    ]  # fmt: skip
    bad = {
        "title": "长" * 101,
        "kind": "讲座会",
        "date": "2024-13-45",
        "start_time": "25:99",
        "org_code": "150602100200",
        "place": "地" * 101,
        "team": "没有这个宣讲团",
        "lecturers": "查无此人",
        "theme": "没有这个主题",
        "topic": "没有这个话题",
        "campaign": "没有这个活动",
        "formats": "杂技",
        "audience_group": "农牧民",
        "audience_count": "很多",
        "mode": "线下",
        "online_views": "-5",
        "language": "汉语",
        "held": "是",
    }
    with translation.override("en"):
        result = xlsx.run_import(
            xlsx.REGISTRY["lectures"](actors["county_cadre"]), _workbook([headers, [bad[h] for h in headers]])
        )
    columns = sorted(e.column for e in result.errors)
    assert len(result.errors) == 13, [(e.column, e.reason) for e in result.errors]
    assert len(set(columns)) == 13 and {e.row for e in result.errors} == {2}
    assert not Lecture.objects.exists()


def test_the_template_offers_drop_down_lists_and_an_example_row_that_is_not_imported(login, actors, calendar):
    content = login(actors["county_cadre"]).get("/imports/lectures/template.xlsx").content
    wb = load_workbook(io.BytesIO(content))
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    validations = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    with translation.override("zh-hans"):
        keys = {c.header: c.key for c in xlsx.REGISTRY["lectures"](actors["county_cadre"]).get_columns()}
    letter = {keys.get(h, h): chr(65 + i) for i, h in enumerate(header)}
    for key in ("kind", "mode", "language", "topic", "audience_group", "held"):
        assert f"{letter[key]}2" in validations, key
    lists = wb["lists"]
    kinds = [c.value for c in lists["A"] if c.value]
    assert "宣讲" in kinds and lists.sheet_state == "hidden"
    # The example row alone: the import skips it, and says the sheet has no data rows.
    assert ws.cell(2, len(header)).value in xlsx.example_marks()
    with translation.override("zh-hans"):  # the template's language
        result = xlsx.run_import(xlsx.REGISTRY["lectures"](actors["county_cadre"]), io.BytesIO(content))
        assert [(e.row, e.reason) for e in result.errors] == [(2, translation.gettext("The sheet has no data rows."))]


@pytest.fixture
def retired_topic(calendar):
    topic = Topic.objects.get(name="家庭教育")
    topic.active = False
    topic.save()
    return topic


def test_a_retired_topic_is_refused_by_the_import(actors, calendar, lecturer, retired_topic):
    from jinguo.core.inputs import retired

    with translation.override("en"):
        result = xlsx.run_import(
            xlsx.REGISTRY["lectures"](actors["county_cadre"]),
            _workbook([HEADERS, _lecture_row(calendar, lecturer, topic=retired_topic.name)]),
        )
        assert [(e.column, e.reason) for e in result.errors] == [("Topic", retired("家庭教育"))]


@pytest.mark.parametrize(
    "cell",
    [
        "{name}",
        "{number}",
        "{name} {number}",
        "{name}（{number}）",
        "{name}({wide})",
    ],
)
def test_a_lecturer_is_named_by_name_by_id_number_or_both(cell, actors, calendar, lecturer):
    from jinguo.core import crypto

    number = crypto.decrypt(lecturer.id_number_enc)
    wide = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in number)
    value = cell.format(name=lecturer.name, number=number, wide=wide)
    result = xlsx.run_import(
        xlsx.REGISTRY["lectures"](actors["county_cadre"]),
        _workbook([HEADERS, _lecture_row(calendar, lecturer, lecturers=value)]),
    )
    assert result.ok, result.errors
    assert list(Lecture.objects.get().lecturers.all()) == [lecturer]


def test_a_name_beside_an_id_number_must_be_that_persons(actors, calendar, lecturer):
    from jinguo.core import crypto

    value = f"别人 {crypto.decrypt(lecturer.id_number_enc)}"
    with translation.override("en"):
        result = xlsx.run_import(
            xlsx.REGISTRY["lectures"](actors["county_cadre"]),
            _workbook([HEADERS, _lecture_row(calendar, lecturer, lecturers=value)]),
        )
    assert [e.column for e in result.errors] == ["Lecturers"] and "Lecturer" in result.errors[0].reason
