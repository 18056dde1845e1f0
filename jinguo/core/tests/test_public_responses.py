"""No public response (pages without login, and the API without a token) shows an unmasked ID number or phone.

Every record that could appear in public is given a person with a full ID number and mobile number: the public
notice's nominee, the honour roll's holders and family stories, a social application, the contest's lecturer,
a lecture's check-in. Then an anonymous visitor crawls from the public entry points, following every link and
image that answers without login, and every public API operation of the OpenAPI schema is called. Each text
response is scanned; every public URL pattern must have been reached, so a new public page is covered or this
test fails until it is.
"""

import datetime
import io
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve
from django.utils import timezone

from jinguo.core import modules
from jinguo.core.actors import SYSTEM

ID_NUMBER = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])")
PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
ENTRY_POINTS = [
    *("/h/notices/", "/h/roll/", "/h/apply/", "/c/", "/contest/results/", "/help/", "/login/", "/m/feed.xml"),
    "/v/",
]
PUBLIC_API = "/api/v1/openapi.json"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("href", "src"):
            if a.get(key):
                self.found.append(a[key])


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def public_records(actors, tree, calendar, lecturer):
    """One record of each kind a public page shows, each naming people with full ID numbers and phones."""
    from jinguo.contest.services import (
        contest_create,
        entry_submit,
        judge_add,
        round_close,
        round_open,
        round_publish,
        score_submit,
    )
    from jinguo.honors import services as honours
    from jinguo.honors.models import Honour, HonourTitle
    from jinguo.outreach.tests.factories import new_lecture
    from jinguo.people.tests.factories import new_person

    village = tree["150602100200"]
    honours.titles_seed(actor=SYSTEM)
    today = timezone.localdate()
    p = honours.programme_create(
        actor=actors["region_cadre"],
        org=tree["150000"],
        title=HonourTitle.objects.get(code="hongqishou"),
        year=today.year,
        nominate_until=today + datetime.timedelta(days=10),
        review_until=today + datetime.timedelta(days=20),
        places=10,
        criteria=[("事迹", 100)],
        social=True,
    )
    nominee = new_person(SYSTEM, village, name="娜仁", phone="13912345678")
    n = honours.nomination_create(
        actor=actors["county_cadre"], programme=p, org=village, person=nominee.pk, deeds="事迹", summary="摘要"
    )
    honours.consent_record(actor=actors["county_cadre"], nomination=n, given_by="娜仁", method="书面")
    honours.nomination_submit(actor=actors["county_cadre"], nomination=n)
    notice = honours.notice_schedule(
        actor=actors["region_cadre"], programme=p, org=tree["150000"], stage="submitted", start=today
    )
    type(notice).objects.filter(pk=notice.pk).update(start=today)
    holder = new_person(SYSTEM, village, name="白晶莹", phone="13812345678")
    family = Honour(
        org=village,
        org_path=village.path,
        title=HonourTitle.objects.get(code="zuimei"),
        level="province",
        year=2022,
        awarded_on=datetime.date(2022, 3, 8),
        holder=holder,
        holder_name="白晶莹家庭",
        certificate_no="PUB-1",
        story="家风故事",
        public=True,
    )
    honours.honours_bulk_create(actor=SYSTEM, honours=[family])
    family = Honour.objects.get(certificate_no="PUB-1")
    honours.story_add(
        actor=actors["county_cadre"],
        honour=family,
        title="家风",
        text="勤俭持家",
        photo=SimpleUploadedFile("s.png", _png()),
        consent_given_by="白晶莹",
        consent_method="书面",
    )
    # the contest's published results and a lecture's check-in page
    contest = contest_create(
        actor=actors["region_cadre"], org=tree["150000"], title="大赛", year=today.year, criteria=[("内容", 100, 100)]
    )
    first = contest.rounds.get(order=1)
    speaker = new_person(SYSTEM, tree["150602"], name="讲师", phone="13712345678")
    entry = entry_submit(
        actor=actors["county_cadre"],
        round=first,
        org=tree["150602"],
        lecturer=speaker,
        title="讲",
        video_url="https://v.example.cn/1",
    )
    judge_add(actor=actors["region_cadre"], round=first, user=actors["sibling_cadre"])
    round_open(actor=actors["region_cadre"], round=first)
    score_submit(actor=actors["sibling_cadre"], entry=entry, values={c.pk: 90 for c in contest.criteria.all()})
    round_close(actor=actors["region_cadre"], round=first)
    round_publish(actor=actors["region_cadre"], round=first)
    lecture = new_lecture(actors["county_cadre"], village, calendar, lecturer, title="宣讲")
    _published_post(actors, tree)
    volunteers = _volunteer_projects(actors, tree)
    return {"lecture": lecture, "people": [nominee, holder, speaker, lecturer, *volunteers]}


def _volunteer_projects(actors, tree):
    """Public volunteer projects whose volunteers, a named case and a public sign-up carry full numbers."""
    from jinguo.volunteer import services as volunteer
    from jinguo.volunteer.tests.factories import volunteer_records

    data = volunteer_records(tree, actors)
    project = data["150602"]["projects"][0]
    volunteer.named_case_add(actor=actors["county_cadre"], project=project, name="张小花", category="children")
    volunteer.application_submit(
        project=project, name="王芳", phone="13912345678", village="漫赖村", consent=True, ip="10.0.0.9"
    )
    return [v.person for d in data.values() for v in d["volunteers"]]


def _published_post(actors, tree):
    """A published post of the media matrix: the public RSS feed lists it and links to its public page."""
    import datetime

    from jinguo.media import services as media
    from jinguo.media.models import Post

    out = media.post_create(actor=actors["region_cadre"], org=tree["150000"], title="巾帼心向党", body="<p>正文</p>")
    Post.objects.filter(pk=out.pk).update(state="published", published_at=datetime.datetime.now(datetime.UTC))


def _public_patterns() -> set[str]:
    """The URL names of every page a module serves without login."""
    from django.urls import get_resolver

    names = set()
    for m in modules.modules():
        if m.public_urls:
            resolver = get_resolver().url_patterns
            for r in resolver:
                if str(r.pattern) == m.public_urls[0]:
                    names |= {f"{r.namespace}:{p.name}" for p in r.url_patterns if p.name}
    return names


def _scan(url: str, body: str, people) -> list[str]:
    problems = [f"{url}: an ID number {m}" for m in ID_NUMBER.findall(body)]
    problems += [f"{url}: a phone {m}" for m in PHONE.findall(body)]
    from jinguo.core.crypto import decrypt

    for p in people:
        for value in (decrypt(p.id_number_enc), decrypt(p.phone_enc)):
            if value and value in body:
                problems.append(f"{url}: {p.name}'s number in clear")
    return problems


def test_no_public_response_shows_an_unmasked_id_number_or_phone(client, public_records):
    assert len(_scan("x", "150602198503081234 13912345678", [])) == 2  # the scanner does see them
    lecture = public_records["lecture"]
    people = public_records["people"]
    todo = [*ENTRY_POINTS, f"/c/{lecture.pk}/{lecture.checkin_code}/"]
    seen, reached, problems = set(), set(), []
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        r = client.get(url)
        if r.status_code != 200:
            continue
        try:
            match = resolve(urlsplit(url).path)
            reached.add(f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name)
        except Resolver404:
            pass
        kind = r.get("Content-Type", "")
        if not (kind.startswith("text/") or "json" in kind or "xml" in kind):
            continue
        body = r.content.decode()
        problems += _scan(url, body, people)
        if "xml" in kind:  # a feed: follow its items' links
            for link in re.findall(r"<link>([^<]+)</link>", body):
                parts = urlsplit(link)
                if parts.path not in seen:
                    todo.append(parts.path)
        if kind.startswith("text/html"):
            parser = _Links()
            parser.feed(body)
            for link in parser.found:
                target = urljoin(url, link)
                parts = urlsplit(target)
                if parts.netloc or parts.path.startswith("/static/") or parts.path in seen:
                    continue
                todo.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    # every public API operation
    schema = client.get(PUBLIC_API).json()
    public_ops = [
        path
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
        if method == "get" and op.get("security") in (None, []) and "{" not in path
    ]
    assert "/api/v1/public/notices" in public_ops
    for path in public_ops:
        r = client.get(path)
        if r.status_code == 200:
            problems += _scan(path, r.content.decode(), people)
    assert problems == []
    missing = _public_patterns() - reached
    assert missing == set(), f"public pages the crawl never reached: {sorted(missing)}"
    assert {"contest:public", "contest:public_index"} <= reached
