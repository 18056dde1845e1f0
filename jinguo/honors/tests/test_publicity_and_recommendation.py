"""宣 and 推: where an honoree's story went (见报, 上网, 上屏, posts, her lectures), the follow-up of honorees with
no publicity lately, family stories public only with consent, and the region's recommendations upward with the
national form's export and the outcome from the level above."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from jinguo.core.actors import SYSTEM
from jinguo.core.models import AuditEvent
from jinguo.honors import services
from jinguo.honors.lists import NATIONAL_FORM
from jinguo.honors.models import Honour, PublicityChannel, RecommendationState
from jinguo.people.tests.factories import new_person
from jinguo.stats import rollups


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def held(titles, tree):
    """Two honours of 东胜区 (one with a registered holder) and one of 达拉特旗."""
    person = new_person(SYSTEM, tree["150602100200"], name="白晶莹")
    rows = [
        Honour(
            org=tree[code],
            org_path=tree[code].path,
            title=titles[title],
            level="province",
            year=2022,
            awarded_on=datetime.date(2022, 3, 8),
            holder=holder,
            holder_name=name,
            certificate_no=f"T-{i}",
            public=True,
        )
        for i, (code, title, holder, name) in enumerate(
            [
                ("150602100200", "hongqishou", person, "白晶莹"),
                ("150602", "zuimei", None, "其其格家庭"),
                ("150621", "hongqishou", None, "殷玉珍"),
            ]
        )
    ]
    services.honours_bulk_create(actor=SYSTEM, honours=rows)
    return {h.holder_name: h for h in Honour.objects.all()}


def test_publicity_is_recorded_and_the_follow_up_lists_the_rest(login, actors, held):
    client = login(actors["county_cadre"])
    h = held["白晶莹"]
    r = client.post(
        f"/honors/registry/{h.pk}/publicity/",
        {
            "p-channel": PublicityChannel.NEWSPAPER,
            "p-date": datetime.date.today().isoformat(),
            "p-title": "草原绣娘白晶莹",
            "p-outlet": "内蒙古日报",
        },
        follow=True,
    )
    assert "草原绣娘白晶莹" in r.content.decode()
    gaps = client.get("/honors/registry/publicity-gaps/?months=6").content.decode()
    assert "其其格家庭" in gaps and "白晶莹" not in gaps and "殷玉珍" not in gaps  # a sibling's is not ours


def test_a_lecture_she_gave_is_linked_from_outreach(login, actors, tree, calendar, held):
    from jinguo.outreach.tests.factories import new_lecture

    h = held["白晶莹"]
    lecture = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, h.holder, title="绣出好日子")
    page = login(actors["county_cadre"]).get(f"/honors/registry/{h.pk}/").content.decode()
    assert "绣出好日子" in page
    p = services.publicity_add(
        actor=actors["county_cadre"],
        honour=h,
        channel=PublicityChannel.LECTURE,
        date=lecture.date,
        title="宣讲",
        lecture_id=lecture.pk,
    )
    assert p.lecture_id == lecture.pk
    with pytest.raises(ValidationError):
        services.publicity_add(
            actor=actors["county_cadre"],
            honour=held["其其格家庭"],
            channel=PublicityChannel.LECTURE,
            date=lecture.date,
            title="宣讲",
            lecture_id=lecture.pk,
        )


def test_a_family_story_appears_on_the_public_roll_only_with_consent(client, login, actors, held):
    h = held["其其格家庭"]
    cadre = login(actors["county_cadre"])
    cadre.post(
        f"/honors/registry/{h.pk}/stories/",
        {"s-title": "三代人的家风", "s-text": "勤俭持家，邻里和睦。", "s-photo": SimpleUploadedFile("f.png", _png())},
    )
    story = h.stories.get()
    client.logout()
    assert "三代人的家风" not in client.get("/h/roll/").content.decode()
    assert client.get(f"/h/roll/stories/{story.pk}/photo/").status_code == 404
    cadre = login(actors["county_cadre"])
    cadre.post(
        f"/honors/registry/{h.pk}/stories/{story.pk}/consent/",
        {f"sc{story.pk}-given_by": "其其格", f"sc{story.pk}-method": "书面同意书"},
    )
    client.logout()
    roll = client.get("/h/roll/").content.decode()
    assert "三代人的家风" in roll
    photo = client.get(f"/h/roll/stories/{story.pk}/photo/")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/png"


def test_a_story_photo_is_checked_by_content(actors, held):
    with pytest.raises(ValidationError):
        services.story_add(
            actor=actors["county_cadre"],
            honour=held["其其格家庭"],
            title="x",
            text="y",
            photo=SimpleUploadedFile("f.png", b"not an image"),
        )


def test_the_public_roll_filters_by_title_year_and_league(client, titles, held):
    page = client.get(f"/h/roll/?title={titles['hongqishou'].pk}&year=2022&league=1506").content.decode()
    assert "白晶莹" in page and "殷玉珍" in page and "其其格家庭" not in page
    assert "殷玉珍" not in client.get("/h/roll/?league=1502").content.decode()


def test_the_region_recommends_upward_and_records_the_outcome(login, actors, titles, held):
    client = login(actors["region_cadre"])
    h = held["白晶莹"]
    r = client.post(
        f"/honors/registry/{h.pk}/recommend/",
        {
            "r-title": titles["hongqishou"].pk,
            "r-year": "2026",
            "r-position": "漫赖村妇联主席",
            "r-reason": "带领刺绣致富",
        },
    )
    rec = h.recommendations.get()
    assert r.status_code == 302 and rec.state == RecommendationState.RECOMMENDED

    export = client.get("/honors/recommendations/export/?year=2026")
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == [str(c.header) for c in NATIONAL_FORM]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (
        row["Name"] == "白晶莹"
        and row["League / city"] == "鄂尔多斯市"
        and row["Unit and position"] == "漫赖村妇联主席"
    )
    assert row["ID number"] == h.holder.id_number_masked  # masked, like every export
    assert AuditEvent.objects.filter(event="export.recommendations").exists()

    before = rollups.stored(["honors.honours"])
    client.post(
        f"/honors/recommendations/{rec.pk}/outcome/",
        {f"o{rec.pk}-accepted": "yes", f"o{rec.pk}-certificate_no": "QG2026-001", f"o{rec.pk}-note": "全国妇联表彰"},
    )
    rec.refresh_from_db()
    national = rec.national_honour
    assert rec.state == RecommendationState.ACCEPTED and national.level == "national"
    assert national.certificate_no == "QG2026-001" and national.holder_id == h.holder_id
    assert sum(rollups.stored(["honors.honours"]).values()) > sum(before.values())
    with pytest.raises(ValidationError):
        services.recommendation_outcome(actor=actors["region_cadre"], recommendation=rec, accepted=False)


def test_only_the_region_recommends_upward(actors, titles, held):
    with pytest.raises(PermissionDenied):
        services.recommend(
            actor=actors["county_cadre"], honour=held["白晶莹"], title=titles["hongqishou"], year=2026, reason="x"
        )
