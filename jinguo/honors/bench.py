"""Benchmark data of the honours module: the honour registry (100,000 honours at full scale, validated and
written by `honours_bulk_create` like the demo's registry) and ten years of nominations (20,000 at full scale)
with this year's region notice open; scenarios: the registry list filtered, and the public notice page."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from jinguo.bench.generate import YEARS, Context, generator
from jinguo.core.actors import SYSTEM
from jinguo.honors import services
from jinguo.honors.demo import COLLECTIVES, DEEDS, GIVEN, SURNAMES
from jinguo.honors.models import (
    AwardLevel,
    Criterion,
    Honour,
    HonourTitle,
    Nomination,
    NominationState,
    NomineeConsent,
    Notice,
    NoticeState,
    Programme,
)
from jinguo.orgs.models import OrgUnit
from jinguo.people.selectors import people_by_county
from jinguo.stats import rollups

S = NominationState
NOTICE_NOMINEES = 200  # nominees of the open region notice (the public page lists them all)


def _units(root) -> list[OrgUnit]:
    return list(OrgUnit.objects.filter(path__startswith=root.path, level__in=["league", "county"]).order_by("path"))


@generator("honours")
def honours(ctx: Context) -> int:
    root = OrgUnit.objects.get(code="150000")
    services.titles_seed(actor=SYSTEM)
    have = Honour.objects.filter(certificate_no__contains="-B").count()
    todo = ctx.size.honours - have
    if todo <= 0:
        return 0
    rng = random.Random(31)
    titles = list(HonourTitle.objects.all())
    units = _units(root)
    this_year = timezone.localdate().year
    written = 0
    with rollups.deferred():
        batch: list[Honour] = []
        for i in range(have, ctx.size.honours):
            title = rng.choice(titles)
            org = rng.choice(units)
            year = rng.randint(this_year - 30, this_year - 1)
            name = rng.choice(SURNAMES) + rng.choice(GIVEN)
            batch.append(
                Honour(
                    org=org,
                    org_path=org.path,
                    title=title,
                    level=rng.choice([AwardLevel.PROVINCE, AwardLevel.LEAGUE, AwardLevel.COUNTY, AwardLevel.NATIONAL]),
                    year=year,
                    awarded_on=datetime.date(year, 3, 8),
                    holder_name=(f"{org.name}{rng.choice(COLLECTIVES)}" if title.kind == "collective" else name)[:60],
                    certificate_no=services.certificate_number(year, title, f"B{i:07d}"),
                    story=rng.choice(DEEDS),
                    public=rng.random() < 0.3,
                )
            )
            if len(batch) == 10_000:
                written += services.honours_bulk_create(actor=SYSTEM, honours=batch)
                batch = []
        if batch:
            written += services.honours_bulk_create(actor=SYSTEM, honours=batch)
    return written


@generator("nominations")
def nominations(ctx: Context) -> int:
    """A region programme of 三八红旗手 per year; its nominations spread over the counties, decided in past years
    and at every stage this year, with this year's region notice open on NOTICE_NOMINEES of them."""
    root = OrgUnit.objects.get(code="150000")
    have = Nomination.objects.filter(programme__name__startswith="基准").count()
    if have >= ctx.size.nominations:
        return 0
    rng = random.Random(37)
    title = HonourTitle.objects.get(code="hongqishou")
    today = timezone.localdate()
    people = [p for ps in people_by_county(root.path, per_county=200).values() for p in ps]
    if not people:
        return 0
    per_year = ctx.size.nominations // YEARS
    written = 0
    with transaction.atomic():
        for year in range(today.year - YEARS + 1, today.year + 1):
            current = year == today.year
            p = Programme.objects.create(
                org=root,
                org_path=root.path,
                title=title,
                name=f"基准{year}年度三八红旗手评选",
                kind=title.kind,
                level=AwardLevel.PROVINCE,
                year=year,
                nominate_until=today + datetime.timedelta(days=30) if current else datetime.date(year, 1, 31),
                review_until=today + datetime.timedelta(days=60) if current else datetime.date(year, 3, 1),
                places=per_year // 4,
            )
            Criterion.objects.bulk_create(
                [Criterion(programme=p, name=n, weight=w) for n, w in (("事迹", 60), ("影响", 40))]
            )
            rows = []
            for i in range(per_year):
                person = people[(written + i) % len(people)]
                if current:
                    state = [S.SUBMITTED, S.LEAGUE, S.REGION_PRE, S.REGION_FINAL][i % 4]
                else:
                    state = S.APPROVED if i % 4 == 0 else S.NOT_ADVANCED
                rows.append(
                    Nomination(
                        programme=p,
                        org_id=_county_id(person.org_path),
                        org_path=person.org_path[:6],
                        kind="individual",
                        person_id=person.pk,
                        deeds=rng.choice(DEEDS),
                        summary=rng.choice(DEEDS)[:40],
                        state=state,
                        submitted_at=timezone.now(),
                    )
                )
            Nomination.objects.bulk_create(rows, batch_size=2000)
            written += len(rows)
            if current:
                finals = list(
                    Nomination.objects.filter(programme=p, state=S.REGION_FINAL).order_by("pk")[:NOTICE_NOMINEES]
                )
                NomineeConsent.objects.bulk_create(
                    [NomineeConsent(nomination=n, given_by="本人", method="书面同意书") for n in finals]
                )
                notice = Notice.objects.create(
                    programme=p,
                    org=root,
                    org_path=root.path,
                    stage=S.REGION_FINAL,
                    start=today - datetime.timedelta(days=1),
                    end=today + datetime.timedelta(days=10),
                    working_days=5,
                    state=NoticeState.OPEN,
                )
                notice.nominations.set(finals)
    return written


_COUNTY_IDS: dict[str, int] = {}


def _county_id(path: str) -> int:
    key = path[:6]
    if key not in _COUNTY_IDS:
        _COUNTY_IDS[key] = OrgUnit.objects.only("pk").get(path=key).pk
    return _COUNTY_IDS[key]


# --- the Django admin baseline (JINGUO_BENCH=1 installs the admin) ------------------------------------

from django.apps import apps  # noqa: E402

if apps.is_installed("django.contrib.admin"):
    from django.contrib import admin

    @admin.register(Honour)
    class HonourAdmin(admin.ModelAdmin):
        list_display = ["holder_name", "title", "year", "level", "org", "certificate_no"]
        list_filter = ["year", "level", "title"]
        search_fields = ["holder_name"]
        list_select_related = ["title", "org"]


# --- scenarios ---------------------------------------------------------------------------------------

from jinguo.bench.scenarios import admin_changelist, client_for, get_ok, raw, scenario  # noqa: E402


def _year(env) -> int:
    return int(env["year"]) - 5


@scenario(
    name="honour registry list, filtered",
    kind="page",
    target=100,
    baselines={
        "admin": lambda env: admin_changelist("honors.Honour", f"?year={_year(env)}&level__exact=province")(env),
        "raw": lambda env: raw(
            "SELECT h.id, h.holder_name, t.name, h.year, h.level, o.name, h.certificate_no, h.revoked_at "
            "FROM honors_honour h JOIN honors_honourtitle t ON t.id = h.title_id JOIN orgs_orgunit o ON "
            "o.id = h.org_id WHERE h.org_path LIKE '15%%' AND h.year = %s AND h.level = 'province' "
            "ORDER BY h.year DESC, h.id DESC LIMIT 50",
            [_year(env)],
        ),
    },
)
def registry_list(env: dict):
    return get_ok(client_for(env["region_user"]), f"/honors/registry/?year={_year(env)}&level=province")


def _open_notice_id() -> int:
    from jinguo.honors.selectors import public_notices

    notice = public_notices().order_by("-pk").first()
    return notice.pk if notice else 0


@scenario(
    name="public notice page",
    kind="page",
    target=150,
    baselines={
        "raw": lambda env: raw(
            "SELECT n.id, p.name, n.nominee_unit, n.summary, o.name FROM honors_nomination n "
            "JOIN honors_notice_nominations nn ON nn.nomination_id = n.id "
            "JOIN honors_nomineeconsent c ON c.nomination_id = n.id "
            "LEFT JOIN people_person p ON p.id = n.person_id JOIN orgs_orgunit o ON o.id = n.org_id "
            "WHERE nn.notice_id = %s ORDER BY n.org_path, n.id",
            [_open_notice_id()],
        ),
    },
)
def public_notice_page(env: dict):
    from django.test import Client

    return get_ok(Client(), f"/h/notices/{_open_notice_id()}/")
