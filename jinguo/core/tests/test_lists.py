"""Every declared list (core.lists.REGISTRY) gives the same rows on its page, in its export and in its API list,
for the same filters and user; the export is audited; refused filters get the same message everywhere; a large
export runs on the task worker with a progress bar and tells its owner."""

import io

import pytest
from openpyxl import load_workbook

from jinguo.core import lists, modules
from jinguo.core.actors import SYSTEM
from jinguo.core.models import AuditEvent, ExportJob, Notification
from jinguo.core.services import api_token_create
from jinguo.outreach.services import lecturer_add, team_create
from jinguo.outreach.tests.factories import new_lecture, today
from jinguo.people.tests.factories import new_person
from jinguo.study.services import study_session_create
from jinguo.volunteer.tests.factories import volunteer_records

# list → (user, page query, API path, key of an API item, key of a record)
CASES = {
    "lectures": ("county_cadre", "state=held&q=宣讲", "/api/v1/lectures", "id", "pk"),
    "teams": ("region_cadre", "level=county", "/api/v1/teams", "id", "pk"),
    "people": ("county_cadre", "gender=F&under=150602100200", "/api/v1/people", "id", "pk"),
    "study_sessions": ("county_cadre", "form=led&q=学习", "/api/v1/study-sessions", "id", "pk"),
    "themes": ("county_cadre", "kind=quarter&year={year}", "/api/v1/themes", "id", "pk"),
    "audit": ("auditor", "event=lecture.&outcome=success", "/api/v1/audit", "seq", "seq"),
    "orgs": ("county_cadre", "level=village", "/api/v1/orgs", "code", "code"),
    "learning_records": ("county_cadre", "q=萨", "/api/v1/study-sessions/records", "person", "person_id"),
    "honours": ("county_cadre", "year=2020", "/api/v1/honours", "id", "pk"),
    "mentions": ("county_cadre", "sentiment=neg", "/api/v1/mentions", "id", "pk"),
    "alerts": ("county_cadre", "level=red", "/api/v1/opinion/alerts", "id", "pk"),
    "media_accounts": ("county_cadre", "level=county", "/api/v1/media/accounts", "id", "pk"),
    "media_posts": ("county_cadre", "state=draft", "/api/v1/media/posts", "id", "pk"),
    "media_tasks": ("county_cadre", "state=done", "/api/v1/media/tasks", "id", "pk"),
    "media_commentators": ("county_cadre", "role=commentator", "/api/v1/media/commentators", "id", "pk"),
    "nominations": ("county_cadre", "state=submitted", "/api/v1/nominations", "id", "pk"),
    "recommendations": ("region_cadre", "year=2024", "/api/v1/recommendations", "id", "pk"),
    "subscriptions": ("county_cadre", "q=村&year={year}", "/api/v1/subscriptions", "id", "pk"),
    "venues": ("county_cadre", "status=in_use&q=妇女之家", "/api/v1/venues", "id", "pk"),
    "inspections": ("county_cadre", "year={year}", "/api/v1/inspections", "id", "pk"),
    **{
        f"governance_{key}": ("county_cadre", "q=一号", f"/api/v1/governance/{key}", "id", "pk")
        for key in ("orgs", "services", "education", "agreements", "supervision")
    },
    "volunteer_teams": ("county_cadre", "q=爱心", "/api/v1/volunteer/teams", "id", "pk"),
    "volunteers": ("county_cadre", "under=150602100200", "/api/v1/volunteer/volunteers", "id", "pk"),
    "volunteer_projects": ("region_cadre", "under=150602", "/api/v1/volunteer/projects", "id", "pk"),
    "volunteer_activities": ("county_cadre", "q=周末", "/api/v1/volunteer/activities", "id", "pk"),
    "volunteer_records": ("county_cadre", "q=娜仁", "/api/v1/volunteer/records", "id", "pk"),
}


def test_every_declared_list_has_a_case():
    modules.discover()
    assert set(lists.REGISTRY) == set(CASES)


@pytest.fixture
def records(actors, tree, calendar, lecturer):
    """A few records of every list, inside the county cadre's units and outside them."""
    county, sibling = actors["county_cadre"], actors["sibling_cadre"]
    saren = new_person(county, tree["150602100200"], name="萨仁")
    qiqige = new_person(county, tree["150602"], name="其其格")
    theirs = new_person(sibling, tree["150621"], name="别县的人")
    new_lecture(county, tree["150602100200"], calendar, lecturer, title="宣讲一")
    new_lecture(county, tree["150602"], calendar, lecturer, title="宣讲二")
    new_lecture(county, tree["150602"], calendar, lecturer, title="计划", held=False, audience_count=None)
    new_lecture(sibling, tree["150621"], calendar, theirs, title="达旗宣讲")
    for code in ("150602", "150621", "150600"):
        team = team_create(actor=actors["region_cadre"], org=tree[code], name=f"{code}宣讲团")
    lecturer_add(actor=actors["region_cadre"], team=team, person=lecturer)
    d = today()
    theme = calendar["month"][(d.year, d.month)]
    for title, form, org, actor in [
        ("学习一", "led", tree["150602"], county),
        ("学习二", "led", tree["150602100200"], county),
        ("研讨", "discussion", tree["150602"], county),
        ("达旗学习", "led", tree["150621"], sibling),
    ]:
        attendance = {saren.pk: "present", qiqige.pk: "present"} if actor == county else None
        study_session_create(
            actor=actor, org=org, title=title, form=form, date=d, hours="2", theme=theme, attendance=attendance
        )
    _honours(tree)
    _opinion(tree)
    _media(tree, actors, saren, qiqige, theirs)
    _nominations(actors, tree)
    _subscriptions(tree, actors)
    _venues(tree, actors)
    _governance(tree, actors)
    volunteer_records(tree, actors)


def _media(tree, actors, *people):
    """Accounts of 东胜区, a village of it and the sibling county; drafts and a submitted post; a published
    post pushed to them with one task done; commentators of both roles."""
    import datetime

    from jinguo.media import services as media
    from jinguo.media.models import Platform, Post

    media.platforms_seed(actor=SYSTEM)
    wechat = Platform.objects.get(code="wechat")
    county, region = actors["county_cadre"], actors["region_cadre"]
    a1 = media.account_create(actor=county, org=tree["150602"], name="东胜妇联", platform=wechat, platform_uid="a1")
    a2 = media.account_create(actor=county, org=tree["150602100200"], name="漫赖村", platform=wechat, platform_uid="a2")
    media.account_create(actor=region, org=tree["150621"], name="达旗妇联", platform=wechat, platform_uid="a3")
    for title in ("草稿一", "草稿二"):
        media.post_create(actor=county, org=tree["150602"], title=title, body="<p>x</p>", targets=[a1.pk])
    sent = media.post_create(actor=county, org=tree["150602"], title="送审", body="<p>x</p>", targets=[a1.pk])
    media.post_submit(actor=county, post=sent)
    media.post_create(actor=region, org=tree["150621"], title="达旗草稿", body="<p>x</p>")
    out = media.post_create(actor=region, org=tree["150000"], title="已发布", body="<p>x</p>")
    Post.objects.filter(pk=out.pk).update(state="published", published_at=datetime.datetime.now(datetime.UTC))
    out.refresh_from_db()
    push = media.push_create(actor=region, post=out, org=tree["150000"], due_on=today() + datetime.timedelta(days=3))
    media.task_complete(actor=county, task=push.tasks.get(account=a2), url="https://mp.weixin.qq.com/s/1")
    saren, qiqige, theirs = people
    media.commentator_add(actor=county, org=tree["150602"], person=saren.pk, role="commentator")
    media.commentator_add(actor=county, org=tree["150602"], person=qiqige.pk, role="publicity")
    media.commentator_add(actor=actors["sibling_cadre"], org=tree["150621"], person=theirs.pk, role="commentator")


def _nominations(actors, tree):
    """Nominations of the county cadre's units (submitted and a draft) and of the sibling county; the region's
    recommendations upward of two years."""
    import datetime

    from jinguo.honors.services import (
        nomination_create,
        nomination_submit,
        programme_create,
        recommend,
    )

    title = lists.REGISTRY["honours"].filters.base_filters["title"].queryset.get(code="hongqishou")
    d = today()
    programme = programme_create(
        actor=actors["region_cadre"],
        org=tree["150000"],
        title=title,
        year=d.year,
        nominate_until=d + datetime.timedelta(days=10),
        review_until=d + datetime.timedelta(days=20),
        places=10,
        criteria=[("事迹", 100)],
    )
    for actor, org, name, submit in [
        (actors["county_cadre"], tree["150602100200"], "提名甲", True),
        (actors["county_cadre"], tree["150602"], "提名乙", True),
        (actors["county_cadre"], tree["150602"], "提名丙", False),
        (actors["sibling_cadre"], tree["150621"], "提名丁", True),
    ]:
        n = nomination_create(
            actor=actor,
            programme=programme,
            org=org,
            person=new_person(actor, org, name=name).pk,
            deeds="事迹",
            summary="摘要",
        )
        if submit:
            nomination_submit(actor=actor, nomination=n)
    from jinguo.honors.models import Honour

    held = list(Honour.objects.filter(org__code__in=["150602", "150621"]).order_by("pk"))
    for year, h in zip((2024, 2024, 2025), held, strict=False):
        recommend(actor=actors["region_cadre"], honour=h, title=title, year=year, reason="全国三八红旗手推荐")


def _governance(tree, actors):
    from jinguo.governance.tests.factories import new_record

    for key in ("orgs", "services", "education", "agreements", "supervision"):
        new_record(actors["county_cadre"], key, tree["150602100200"], title="一号")
        new_record(actors["county_cadre"], key, tree["150602001001"], title="二号")
        new_record(actors["sibling_cadre"], key, tree["150621100200"], title="一号")


def _venues(tree, actors):
    import datetime

    from jinguo.venues.tests.factories import inspect, kinds, new_venue

    kinds()
    home = new_venue(actors["county_cadre"], tree["150602100200"])
    park = new_venue(actors["county_cadre"], tree["150602"], kind="park", name="东胜区妇女儿童公园")
    new_venue(actors["county_cadre"], tree["150602001001"], status="repair")
    theirs = new_venue(actors["sibling_cadre"], tree["150621100200"])
    for venue in (home, theirs):
        inspect(SYSTEM, venue, day=today(), problems=[("资料陈旧", None)])
    inspect(SYSTEM, park, day=datetime.date(today().year - 1, 6, 1))


def _subscriptions(tree, actors):
    from jinguo.publications.tests.factories import new_publication, subscribe

    pub = new_publication(tree)
    subscribe(actors["county_cadre"], tree["150602100200"], pub, 5, payer="漫赖村村委会")
    subscribe(actors["county_cadre"], tree["150602"], pub, 2, payer="东胜区妇联")
    subscribe(
        actors["county_cadre"], tree["150602001001"], pub, 3, payer="天骄社区", day=today().replace(month=1, day=1)
    )
    subscribe(actors["sibling_cadre"], tree["150621"], pub, 4, payer="林原村")


def _honours(tree):
    import datetime

    from jinguo.honors.models import Honour
    from jinguo.honors.services import certificate_number, honours_bulk_create, titles_seed

    titles_seed(actor=SYSTEM)
    title = lists.REGISTRY["honours"].filters.base_filters["title"].queryset.get(code="hongqishou")
    honours_bulk_create(
        actor=SYSTEM,
        honours=[
            Honour(
                org=tree[code],
                org_path=tree[code].path,
                title=title,
                level="province",
                year=year,
                awarded_on=datetime.date(year, 3, 8),
                holder_name=name,
                certificate_no=certificate_number(year, title, f"L{i:07d}"),
            )
            for i, (code, year, name) in enumerate(
                [("150602", 2020, "甲"), ("150602100200", 2020, "乙"), ("150602", 2019, "丙"), ("150621", 2020, "丁")]
            )
        ],
    )


def _keys_of_page(response, key) -> list:
    return [obj[key] if isinstance(obj, dict) else getattr(obj, key) for obj in response.context["page"].object_list]


@pytest.mark.parametrize("name", sorted(CASES))
def test_page_export_and_api_give_the_same_rows(name, client, login, actors, records):
    username, query, api_path, item_key, record_key = CASES[name]
    query = query.format(year=today().year)
    spec = lists.REGISTRY[name]
    user = actors[username]
    web = login(user)
    page = web.get(f"{spec_url(spec)}?{query}")
    assert page.status_code == 200
    shown = _keys_of_page(page, record_key)
    assert shown, f"{name}: the case's filters should keep some rows"
    everything = web.get(spec_url(spec)).context["page"].paginator.count
    assert everything > len(shown), f"{name}: the case's filters should leave some rows out"

    before = AuditEvent.objects.filter(event=f"export.{name}").count()
    export = web.get(f"{export_url(spec)}?{query}")
    assert export.status_code == 200
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))[1:]
    objects = list(page.context["page"].object_list)
    expected = [[_cell(c.format(obj)) for c in spec.export_columns(user)] for obj in objects]
    assert [[_cell(v) for v in row] for row in rows] == expected
    event = AuditEvent.objects.filter(event=f"export.{name}").order_by("-seq")
    assert event.count() == before + 1 and event[0].actor_name == username

    token = api_token_create(actor=SYSTEM, user=user) if name != "audit" else None
    if token:
        api = client.get(f"{api_path}?{query}&limit=1000", HTTP_AUTHORIZATION=f"Bearer {token}")
    else:  # the audit administrator holds no API token: the docs' session, second factor passed
        api = web.get(f"{api_path}?{query}&limit=1000")
    assert api.status_code == 200, api.content
    assert [item[item_key] for item in api.json()["items"]] == shown


def _cell(value):
    """A cell as the workbook reads it back: empty text is no value, dates and times as the sheet keeps them."""
    import datetime

    if value in ("", None):
        return None
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        value = timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
        return (value + datetime.timedelta(microseconds=500_000)).replace(microsecond=0)
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day)
    from decimal import Decimal

    if isinstance(value, Decimal):  # written as a number cell (core.xlsx.Book)
        return float(value)
    return value


def spec_url(spec):
    from django.urls import reverse

    return reverse(spec.url_name)


def export_url(spec):
    from django.urls import reverse

    return reverse(spec.export_url_name)


@pytest.mark.parametrize("name", ["lectures", "people", "study_sessions", "themes", "orgs"])
def test_a_refused_filter_gets_one_message_on_the_page_in_the_export_and_in_the_api(name, client, login, actors):
    from django.utils import translation

    spec = lists.REGISTRY[name]
    user = actors["county_cadre"]
    field = {"lectures": "state", "people": "gender", "study_sessions": "form", "themes": "kind", "orgs": "level"}[name]
    query = f"{field}=planet"
    web = login(user)
    with translation.override("en"):
        page = web.get(f"{spec_url(spec)}?{query}", HTTP_ACCEPT_LANGUAGE="en")
        message = page.context["filters"].errors[field][0]
        assert message in page.content.decode().replace("&quot;", '"').replace("&#x27;", "'")
        assert page.context["page"].paginator.count == 0
        export = web.get(f"{export_url(spec)}?{query}", HTTP_ACCEPT_LANGUAGE="en")
        assert export.status_code == 400 and message in export.content.decode()
        token = api_token_create(actor=SYSTEM, user=user)
        api = client.get(f"{CASES[name][2]}?{query}", HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE="en")
    assert api.status_code == 400 and api.json()["detail"][field] == [message]


@pytest.mark.parametrize("name", ["lectures", "people", "study_sessions", "orgs"])
def test_a_unit_outside_the_users_is_404_like_an_unknown_one_everywhere(name, client, login, actors):
    spec = lists.REGISTRY[name]
    web = login(actors["county_cadre"])
    token = api_token_create(actor=SYSTEM, user=actors["county_cadre"])
    for code in ("150621", "150699"):
        assert web.get(f"{spec_url(spec)}?under={code}").status_code == 404
        assert web.get(f"{export_url(spec)}?under={code}").status_code == 404
        assert client.get(f"{CASES[name][2]}?under={code}", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 404
    assert not AuditEvent.objects.filter(event=f"export.{name}").exists()


def test_a_large_export_runs_on_the_task_worker_with_progress_and_tells_the_owner(login, actors, records, settings):
    settings.EXPORT_BACKGROUND_ROWS = 1
    web = login(actors["county_cadre"])
    r = web.get("/outreach/lectures/export.xlsx?state=held")
    job = ExportJob.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/exports/jobs/{job.pk}/"
    assert job.state == ExportJob.State.DONE and job.total == job.processed == 2 and job.percent == 100
    page = web.get(r["Location"]).content.decode()
    assert 'data-testid="job-state"' in page and 'data-testid="export-download"' in page
    download = web.get(f"/exports/jobs/{job.pk}/file.xlsx")
    assert download.streaming  # the file is streamed, not read into memory
    rows = list(load_workbook(io.BytesIO(b"".join(download.streaming_content))).active.iter_rows())
    assert len(rows) == 3  # the header and the two held lectures of the filter
    note = Notification.objects.get(kind="core.export_ready")
    assert note.recipient == actors["county_cadre"] and note.url == f"/exports/jobs/{job.pk}/"
    ev = AuditEvent.objects.get(event="export.lectures")
    assert ev.detail == {"filters": {"state": "held", "when": "recent"}, "background": True}
    # The job and its file are its owner's only.
    assert login(actors["region_cadre"]).get(f"/exports/jobs/{job.pk}/file.xlsx").status_code == 404


def test_a_running_export_shows_its_progress(login, actors):
    job = ExportJob.objects.create(
        kind="lectures", user=actors["county_cadre"], filename="x.xlsx", state="running", total=200, processed=50
    )
    body = login(actors["county_cadre"]).get(f"/exports/jobs/{job.pk}/").content.decode()
    assert 'value="25"' in body and 'hx-trigger="every 1s"' in body


def test_the_export_link_carries_the_filters_of_the_results(login, actors, records):
    body = login(actors["county_cadre"]).get("/outreach/lectures/?state=held&q=一", HTTP_HX_REQUEST="true")
    html = body.content.decode()
    assert 'href="/outreach/lectures/export.xlsx?state=held&amp;q=%E4%B8%80"' in html


def test_api_list_parameters_are_the_lists_filters():
    from jinguo.api.lists import filter_schema

    modules.discover()
    fields = filter_schema(lists.REGISTRY["lectures"]).model_fields
    assert set(fields) == {"under", "q", "period", "state", "kind", "campaign", "theme", "when", "sort"}
    assert any(getattr(m, "max_length", None) == 100 for m in fields["q"].metadata)  # bounded like the form field


def _opinion(tree):
    """Mentions naming 东胜区 and 达拉特旗 (negative and not) pushed by the region's source, and the alerts of two
    rules (red for 家暴, blue for 欠薪)."""
    from jinguo.opinion import services

    source = services.source_create(actor=SYSTEM, org=tree["150000"], name="全区监测")
    services.rule_save(actor=SYSTEM, org=tree["150000"], name="家暴", any_terms="家暴", level="red")
    services.rule_save(actor=SYSTEM, org=tree["150000"], name="欠薪", any_terms="拖欠工资", level="blue")
    texts = [
        "东胜区一名妇女遭受家暴，邻居多次报警无人处理，网友愤怒",
        "东胜区有女职工反映被拖欠工资半年，投诉多次没有回音，群众不满",
        "东胜区妇联举办家庭教育讲座，家长们收获满满，反响热烈",
        "达拉特旗一名妇女遭受家暴，邻居多次报警无人处理，网友愤怒",
    ]
    items = [
        {"url": f"https://a.example.cn/{i}", "title": t[:30], "text": t, "reach": 100} for i, t in enumerate(texts)
    ]
    services.mentions_ingest(actor=SYSTEM, source=source, items=items)


@pytest.mark.django_db(transaction=True)
def test_an_export_plans_its_cursor_for_every_row_and_only_inside():
    from django.db import connection

    from jinguo.core.lists import whole_reads

    def fraction():
        with connection.cursor() as c:
            c.execute("SHOW cursor_tuple_fraction")
            return float(c.fetchone()[0])

    if connection.vendor != "postgresql":
        with whole_reads():
            pass  # nothing to plan on SQLite
        return
    before = fraction()
    with whole_reads():
        assert fraction() == 1.0
    assert fraction() == before == 0.1
