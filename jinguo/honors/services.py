"""Writes of the honours module. Each function checks who acts, validates, writes and records the audit event
in one transaction; state changes of nominations and objections go through their declared workflows.

Review chain of a nomination (one Workflow, NOMINATION_FLOW):

    draft ─submit→ submitted ─vet→ league ─advance→ region_pre ─advance→ region_final ─approve→ approved
                       └─vet_to_notice→ county_notice ─notice_passed→ league
    submitted | county_notice | league | region_pre | region_final ─not_advance→ not_advanced

Each stage is decided by the holders of `honors.review` at the unit of the stage's level above the nominating
unit (county, league, region); nobody decides on a nomination they submitted; each step tells the next
level's reviewers through the inbox with a due date, which `jinguo notify sweep` reminds and escalates.

Advancement is by rank within quota (`stage_advance`): the nominations waiting at a stage are ranked by their
weighted score at that stage, highest first; a tie goes to the nomination submitted first, then the lower
number. The first `places` advance, the rest are not advanced with their rank stated.
"""

import datetime
import io
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jinguo.core import audit, crypto, notify, ratelimit
from jinguo.core.actors import is_system
from jinguo.core.bounds import number, out_of_range, too_long
from jinguo.core.models import Membership
from jinguo.core.paths import at_level, level_of, parent_path
from jinguo.core.scope import in_scope
from jinguo.core.text import normalize_identifier
from jinguo.core.workflow import Transition, Workflow
from jinguo.honors.models import (
    STAGE_LEVEL,
    ApplicationState,
    Attachment,
    AwardLevel,
    Channel,
    Criterion,
    FamilyMember,
    FamilyStory,
    HolidayDay,
    HolidayYear,
    Honour,
    HonourTitle,
    Kind,
    Nomination,
    NominationState,
    NomineeConsent,
    Notice,
    NoticeState,
    Objection,
    ObjectionState,
    Programme,
    Publicity,
    PublicityChannel,
    Quota,
    Recommendation,
    RecommendationState,
    Relation,
    Score,
    SocialApplication,
)
from jinguo.honors.module import MANAGE, NOMINATE, REVIEW, SCORE
from jinguo.honors.workdays import WorkingDays, notice_end
from jinguo.orgs.models import OrgUnit
from jinguo.people.selectors import require_one_nameable
from jinguo.stats import rollups

S = NominationState
REVIEW_DAYS = 7  # a stage's reviewers have this many days; then reminders and escalation
OBJECTION_LIMIT = 5  # objections per address …
OBJECTION_WINDOW = 3600  # … within this many seconds

TITLES = [  # code, name, kind, requires
    ("hongqishou", "三八红旗手", Kind.INDIVIDUAL, None),
    ("biaobing", "三八红旗手标兵", Kind.INDIVIDUAL, "hongqishou"),
    ("jiti", "三八红旗集体", Kind.COLLECTIVE, None),
    ("zuimei", "最美家庭", Kind.FAMILY, None),
    ("jiangong", "巾帼建功标兵", Kind.INDIVIDUAL, None),
    ("zhiyuan", "巾帼志愿服务典型", Kind.INDIVIDUAL, None),
]
LEVEL_OF_UNIT = {"province": AwardLevel.PROVINCE, "league": AwardLevel.LEAGUE, "county": AwardLevel.COUNTY}


def _user(actor):
    return actor if getattr(actor, "pk", None) else None


def _require(actor, perm: str, path: str, message) -> None:
    if not in_scope(actor, path, perm):
        raise PermissionDenied(str(message))


def _check_texts(model, values: dict) -> None:
    errors = {k: [m] for k, v in values.items() if (m := too_long(model, k, v))}
    if errors:
        raise ValidationError(errors)


def _check_number(model, name: str, value) -> None:
    msg = out_of_range(model, name, value)
    if msg:
        raise ValidationError({name: [msg]})


# --- titles --------------------------------------------------------------------------------------------------


@transaction.atomic
def titles_seed(*, actor) -> int:
    """The six titles of the article (idempotent)."""
    made = 0
    for i, (code, name, kind, requires) in enumerate(TITLES):
        req = HonourTitle.objects.filter(code=requires).first() if requires else None
        _title, created = HonourTitle.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind, "requires": req, "sort": i * 10}
        )
        made += created
    if made:
        audit.record(actor, "honors.titles_seed", detail={"created": made})
    return made


@transaction.atomic
def title_create(*, actor, code: str, name: str, kind: str, requires: HonourTitle | None = None) -> HonourTitle:
    """An administrator of the region adds a title."""
    if not is_system(actor) and not any(level_of(p) == "province" for p in _paths(actor, MANAGE)):
        raise PermissionDenied(_("Only the region adds honour titles."))
    title = HonourTitle(code=normalize_identifier(code).lower(), name=name.strip(), kind=kind, requires=requires)
    title.full_clean()
    title.save()
    audit.record(actor, "honors.title_create", obj=title, detail={"name": title.name})
    return title


def _paths(actor, perm):
    from jinguo.core.scope import scope_paths

    return scope_paths(actor, perm)


# --- programmes and quotas -----------------------------------------------------------------------------------


PROGRAMME_FIELDS = [
    "name",
    "nominate_until",
    "county_until",
    "league_until",
    "review_until",
    "places",
    "notice_days",
    "county_notice",
    "social",
    "min_age",
    "max_age",
    "not_within_years",
]


def _check_programme(p: Programme, criteria: list[tuple[str, int]]) -> list[Criterion]:
    """The rules between a programme's fields, and its criteria as unsaved rows (weights 1–100 each)."""
    errors: dict[str, list[str]] = {}
    if not criteria:
        errors["criteria"] = [_("Name at least one criterion with its weight.")]
    if p.min_age is not None and p.max_age is not None and p.min_age > p.max_age:
        errors["max_age"] = [_("The oldest age is below the youngest.")]
    stages = [
        ("nominate_until", p.nominate_until),
        ("county_until", p.county_until),
        ("league_until", p.league_until),
        ("review_until", p.review_until),
    ]
    last = None
    for field, day in stages:
        if day is None:
            continue
        if last is not None and day < last:
            errors.setdefault(field, []).append(_("The stages close in order: nominations, county, league, region."))
        last = day
    rows, seen = [], set()
    for i, (cname, weight) in enumerate(criteria):
        c = Criterion(programme=p, name=(cname or "").strip(), weight=weight, sort=i)
        try:
            c.full_clean(exclude=["programme"])
        except ValidationError as e:
            errors.setdefault("criteria", []).extend(f"{c.name or i + 1}: {m}" for m in e.messages)
            continue
        if c.name in seen:
            errors.setdefault("criteria", []).append(_("Criterion “%(name)s” is named twice.") % {"name": c.name})
        seen.add(c.name)
        rows.append(c)
    try:
        p.full_clean(exclude=["org", "title", "created_by"])
    except ValidationError as e:
        for field, messages in e.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return rows


@transaction.atomic
def programme_create(
    *,
    actor,
    org,
    title: HonourTitle,
    year: int,
    nominate_until: datetime.date,
    review_until: datetime.date,
    places: int,
    criteria: list[tuple[str, int]],
    name: str = "",
    notice_days: int = 5,
    county_notice: bool = False,
    social: bool = False,
    county_until: datetime.date | None = None,
    league_until: datetime.date | None = None,
    min_age: int | None = None,
    max_age: int | None = None,
    not_within_years: int = 0,
) -> Programme:
    """The awarding unit opens a programme of a title for a year, with its weighted criteria and stage dates."""
    _require(actor, MANAGE, org.path, _("You cannot run honour programmes of this unit."))
    if org.level not in LEVEL_OF_UNIT:
        raise ValidationError({"org": [_("Honours are awarded by the region, a league or a county.")]})
    p = Programme(
        org=org,
        org_path=org.path,
        title=title,
        name=((name or "").strip() or f"{year}年度{title.name}评选"),
        kind=title.kind,
        level=LEVEL_OF_UNIT[org.level],
        year=year,
        nominate_until=nominate_until,
        county_until=county_until,
        league_until=league_until,
        review_until=review_until,
        places=places,
        notice_days=notice_days,
        county_notice=county_notice,
        social=social,
        min_age=min_age,
        max_age=max_age,
        not_within_years=not_within_years,
        created_by=_user(actor),
    )
    rows = _check_programme(p, criteria)
    p.save()
    for c in rows:
        c.programme = p
        c.save()
    audit.record(actor, "honors.programme_create", obj=p, detail={"title": title.name, "year": year, "places": places})
    return p


@transaction.atomic
def programme_update(*, actor, programme: Programme, criteria: list[tuple[str, int]] | None = None, **fields):
    """The owner changes a programme: its dates, places, rules and criteria. Criteria stay as they are once a
    judge has scored; the places never fall below what the units below already hold; the county notice is
    chosen before the first submission."""
    _require(actor, MANAGE, programme.org_path, _("You cannot run honour programmes of this unit."))
    unknown = set(fields) - set(PROGRAMME_FIELDS)
    if unknown:
        raise TypeError(f"programme_update: unknown fields {sorted(unknown)}")
    p = Programme.objects.select_for_update().get(pk=programme.pk)
    before = audit.snapshot(p, PROGRAMME_FIELDS, criteria=[(c.name, c.weight) for c in p.criteria.all()])
    for k, v in fields.items():
        setattr(p, k, v.strip() if isinstance(v, str) else v)
    p.name = p.name or f"{p.year}年度{p.title.name}评选"
    current = [(c.name, c.weight) for c in p.criteria.all()]
    wanted = [((n or "").strip(), w) for n, w in criteria] if criteria is not None else current
    rows = _check_programme(p, wanted)
    errors: dict[str, list[str]] = {}
    if wanted != current and Score.objects.filter(nomination__programme=p).exists():
        errors["criteria"] = [_("Judges have scored this programme: its criteria can no longer change.")]
    given = _children_quota_sum(p, p.org_path)
    if p.places < given:
        errors["places"] = [
            _("%(given)s places are already given to the units below: the programme needs at least as many.")
            % {"given": number(given)}
        ]
    if p.county_notice != before["county_notice"] and p.nominations.exclude(state=S.DRAFT).exists():
        errors["county_notice"] = [_("Nominations are already submitted: the county notice can no longer change.")]
    if errors:
        raise ValidationError(errors)
    p.save()
    if wanted != current:
        p.criteria.all().delete()
        for c in rows:
            c.programme = p
            c.save()
    after = audit.snapshot(p, PROGRAMME_FIELDS, criteria=wanted)
    old, new = audit.diff(before, after)
    if old or new:
        audit.record(actor, "honors.programme_update", obj=p, detail={"before": old, "after": new})
    for k in PROGRAMME_FIELDS:
        setattr(programme, k, getattr(p, k))
    return p


def _children_quota_sum(programme: Programme, parent: str) -> int:
    return (
        Quota.objects.filter(programme=programme, org_path__in=_child_paths(parent)).aggregate(n=Sum("places"))["n"]
        or 0
    )


def _child_paths(parent: str):
    return OrgUnit.objects.filter(parent__path=parent).values("path")


def quota_places(programme: Programme, path: str) -> int:
    """The places of the unit at `path`: the programme's own for its owner, else the quota allocated to it."""
    if path == programme.org_path:
        return programme.places
    q = Quota.objects.filter(programme=programme, org_path=path).values_list("places", flat=True).first()
    return q or 0


def quota_places_exact(programme: Programme, path: str) -> int:
    """The quota allocated to exactly the unit at `path` (0 when none)."""
    return Quota.objects.filter(programme=programme, org_path=path).values_list("places", flat=True).first() or 0


def quota_used(programme: Programme, path: str) -> int:
    """Nominations submitted from the unit's subtree (a draft uses no place)."""
    return Nomination.objects.filter(programme=programme, org_path__startswith=path).exclude(state=S.DRAFT).count()


def quota_status(programme: Programme, path: str) -> dict:
    places, used = quota_places(programme, path), quota_used(programme, path)
    return {"places": places, "used": used, "remaining": max(places - used, 0)}


@transaction.atomic
def quota_allocate(*, actor, programme: Programme, org, places: int) -> Quota:
    """A unit that holds places (the programme's owner first) gives some of them to a child unit; the children's
    quotas together never exceed the parent's places, and the refusal says the numbers."""
    parent = parent_path(org.path)
    if parent is None or not parent.startswith(programme.org_path):
        raise ValidationError({"org": [_("Quotas go to the units below the programme's owner.")]})
    _require(actor, MANAGE, parent, _("A quota is allocated by the unit just above."))
    _check_number(Quota, "places", places)
    parent_places = quota_places(programme, parent)
    others = _children_quota_sum(programme, parent) - quota_places_exact(programme, org.path)
    if others + places > parent_places:
        raise ValidationError(
            {
                "places": [
                    _(
                        "Over quota: %(unit)s holds %(places)s places, %(given)s are already given to other units, "
                        "%(left)s remain; %(asked)s asked."
                    )
                    % {
                        "unit": org.parent.name,
                        "places": number(parent_places),
                        "given": number(others),
                        "left": number(max(parent_places - others, 0)),
                        "asked": number(places),
                    }
                ]
            }
        )
    below = max(_children_quota_sum(programme, org.path), quota_used(programme, org.path))
    if places < below:
        raise ValidationError(
            {
                "places": [
                    _("%(unit)s already gives or uses %(n)s places: its quota cannot be smaller.")
                    % {"unit": org.name, "n": number(below)}
                ]
            }
        )
    quota, _created = Quota.objects.update_or_create(
        programme=programme,
        org=org,
        defaults={"org_path": org.path, "places": places, "allocated_by": _user(actor)},
    )
    audit.record(actor, "honors.quota_allocate", obj=quota, detail={"unit": org.code, "places": places})
    return quota


# --- nominations ---------------------------------------------------------------------------------------------


def _flags(nomination: Nomination) -> list[str]:
    """Why a nomination is flagged: the same ID number nominated for the title this year, or already honoured."""
    out = []
    if nomination.person_id:
        again = Nomination.objects.filter(
            person_id=nomination.person_id,
            programme__title_id=nomination.programme.title_id,
            programme__year=nomination.programme.year,
        ).exclude(state=S.NOT_ADVANCED)
        if nomination.pk:
            again = again.exclude(pk=nomination.pk)
        if again.exists():
            out.append(_("The same ID number is already nominated for this title this year."))
        held = (
            Honour.objects.filter(
                holder_id=nomination.person_id, title_id=nomination.programme.title_id, revoked_at__isnull=True
            )
            .order_by("-year")
            .values_list("year", flat=True)
            .first()
        )
        if held:
            out.append(_("Already holds this title (%(year)s).") % {"year": held})
    return out


@transaction.atomic
def nomination_create(
    *,
    actor,
    programme: Programme,
    org,
    deeds: str,
    summary: str,
    person=None,
    collective_org=None,
    group_name: str = "",
    family_name: str = "",
    members: list[tuple[object, str]] = (),
    nominee_unit: str = "",
    channel: str = Channel.ORGANISATIONAL,
) -> Nomination:
    """A unit nominates (组织推荐): a person of the registry, a collective (an org unit or a named group) or a
    family with its members. Flagged, not refused, when the ID number is already nominated or honoured."""
    _require(actor, NOMINATE, org.path, _("You cannot nominate for this unit."))
    if not org.path.startswith(programme.org_path):
        raise ValidationError({"org": [_("This unit is not below the programme's owner.")]})
    if timezone.localdate() > programme.nominate_until:
        raise ValidationError(_("Nominations closed on %(day)s.") % {"day": programme.nominate_until.isoformat()})
    deeds, summary = (deeds or "").strip(), (summary or "").strip()
    errors = {}
    if not deeds:
        errors["deeds"] = [_("Describe the deeds.")]
    if not summary:
        errors["summary"] = [_("Give a summary of the deeds for the public notice.")]
    if errors:
        raise ValidationError(errors)
    _check_texts(
        Nomination,
        {
            "deeds": deeds,
            "summary": summary,
            "group_name": group_name,
            "family_name": family_name,
            "nominee_unit": nominee_unit,
        },
    )
    n = Nomination(
        programme=programme,
        channel=channel,
        org=org,
        org_path=org.path,
        kind=programme.kind,
        deeds=deeds,
        summary=summary,
        nominee_unit=nominee_unit.strip(),
        created_by=_user(actor),
    )
    family: list[tuple[object, str]] = []
    if programme.kind == Kind.INDIVIDUAL:
        if person is None:
            raise ValidationError({"person": [_("Choose the nominee from the people registry.")]})
        n.person = require_one_nameable(actor, person, field="person")
        n.nominee_unit = n.nominee_unit or n.person.org.name
    elif programme.kind == Kind.COLLECTIVE:
        if collective_org is not None:
            if not in_scope(actor, collective_org.path, NOMINATE):
                raise ValidationError({"collective_org": [_("This unit is not among your units.")]})
            n.collective_org = collective_org
        elif group_name.strip():
            n.group_name = group_name.strip()
        else:
            raise ValidationError({"group_name": [_("A collective is an org unit or a named group.")]})
    else:
        if not family_name.strip() or not members:
            raise ValidationError({"members": [_("Name the family and at least one of its members.")]})
        n.family_name = family_name.strip()
        for ref, relation in members:
            p = require_one_nameable(actor, ref, field="members")
            relation = (relation or "").strip()
            _check_texts(FamilyMember, {"relation": relation})
            family.append((p, relation or _("member")))
        n.person = family[0][0]
    flags = _flags(n)
    n.flagged, n.flag_note = bool(flags), " ".join(flags)[:200]
    n.full_clean()
    n.save()
    for p, relation in family:
        FamilyMember.objects.create(nomination=n, person=p, relation=relation)
    audit.record(actor, "honors.nomination_create", obj=n, detail={"programme": programme.pk, "kind": n.kind})
    return n


def nomination_create_full(
    *,
    actor,
    programme: Programme,
    org,
    deeds: str,
    summary: str,
    attachment=None,
    consent: tuple[str | None, str | None] = (None, None),
    submit: bool = False,
    **nominee,
) -> Nomination:
    """The nomination form's one write: the nomination, its supporting file, the nominee's consent and, when
    asked, its submission, all or nothing."""
    with transaction.atomic():
        n = nomination_create(actor=actor, programme=programme, org=org, deeds=deeds, summary=summary, **nominee)
        if attachment:
            attachment_add(actor=actor, nomination=n, upload=attachment)
        given_by, method = consent
        if given_by and method:
            consent_record(actor=actor, nomination=n, given_by=given_by, method=method)
        if submit:
            nomination_submit(actor=actor, nomination=n)
        return n


def _age(birth: datetime.date, on: datetime.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def eligibility_errors(nomination: Nomination) -> list[str]:
    """The programme's eligibility rules, checked before review."""
    p, out = nomination.programme, []
    person = nomination.person if nomination.kind == Kind.INDIVIDUAL else None
    if person is not None:
        age = _age(person.birth_date, p.nominate_until)
        if p.min_age is not None and age < p.min_age:
            out.append(
                _("The nominee is %(age)s; this programme asks for %(min)s or older.") % {"age": age, "min": p.min_age}
            )
        if p.max_age is not None and age > p.max_age:
            out.append(
                _("The nominee is %(age)s; this programme asks for %(max)s or younger.")
                % {"age": age, "max": p.max_age}
            )
        held = Honour.objects.filter(holder=person, revoked_at__isnull=True)
        if p.not_within_years:
            recent = (
                held.filter(title=p.title, year__gt=p.year - p.not_within_years)
                .order_by("-year")
                .values_list("year", flat=True)
                .first()
            )
            if recent:
                out.append(
                    _("Honoured with %(title)s in %(year)s: not again within %(n)s years.")
                    % {"title": p.title.name, "year": recent, "n": p.not_within_years}
                )
        if p.title.requires_id and not held.filter(title_id=p.title.requires_id).exists():
            out.append(
                _("%(title)s requires already holding %(required)s.")
                % {"title": p.title.name, "required": p.title.requires.name}
            )
    if nomination.kind == Kind.COLLECTIVE and not (nomination.collective_org_id or nomination.group_name):
        out.append(_("A collective is an org unit or a named group."))
    return out


def _check_submit(actor, n: Nomination) -> None:
    _require(actor, NOMINATE, n.org_path, _("You cannot nominate for this unit."))
    errors = eligibility_errors(n)
    if errors:
        raise ValidationError({"__all__": errors})
    # The nearest unit on the way up that holds a quota of this programme must have a place left.
    path = n.org_path
    while path and len(path) > len(n.programme.org_path):
        quota = Quota.objects.filter(programme=n.programme, org_path=path).select_related("org").first()
        if quota is not None:
            used = quota_used(n.programme, path)
            if used >= quota.places:
                raise ValidationError(
                    _("Over quota: %(unit)s has %(places)s places and %(used)s are used; %(left)s remain.")
                    % {
                        "unit": quota.org.name,
                        "places": number(quota.places),
                        "used": number(used),
                        "left": number(max(quota.places - used, 0)),
                    }
                )
            return
        path = parent_path(path) or ""


def stage_path(n: Nomination, state: str | None = None) -> str:
    """The unit that decides a nomination at its stage: the county, league or region above the nominating unit."""
    return at_level(n.org_path, STAGE_LEVEL[state or n.state]) or n.org_path


def stage_reviewers(n: Nomination, state: str | None = None) -> list:
    return notify.holders(stage_path(n, state), REVIEW)


def _may_review(actor, n: Nomination) -> None:
    if is_system(actor):
        return
    if n.state not in STAGE_LEVEL or actor.pk not in {u.pk for u in stage_reviewers(n)}:
        raise PermissionDenied(_("This nomination is decided by the reviewers of the unit at its stage."))


def stage_due(n: Nomination, state: str | None = None) -> datetime.datetime:
    """When the stage's reviewers are due: the end of the programme's date for the stage (county vetting, league
    review, region review) when it is set and still ahead, else REVIEW_DAYS from now."""
    p, state = n.programme, state or n.state
    day = {
        S.SUBMITTED: p.county_until,
        S.COUNTY_NOTICE: p.county_until,
        S.LEAGUE: p.league_until,
        S.REGION_PRE: p.review_until,
        S.REGION_FINAL: p.review_until,
    }.get(state)
    now = timezone.now()
    if day is not None:
        end = timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59)))
        if end > now:
            return end
    return now + datetime.timedelta(days=REVIEW_DAYS)


def _ask_review(actor, n: Nomination, changes) -> None:
    """Tell the reviewers of the stage the nomination has reached, with a due date."""
    notify.resolve(n, kinds=["honors.review_request"])
    if n.state not in STAGE_LEVEL:
        return
    notify.notify(
        kind="honors.review_request",
        title=_("To review: %(name)s, %(programme)s") % {"name": n.nominee_name, "programme": n.programme.name},
        obj=n,
        url=reverse("honors:nomination", args=[n.pk]),
        unit=stage_path(n),
        perm=REVIEW,
        due=stage_due(n),
        exclude=[getattr(actor, "pk", None)],
    )


def _tell_decided(actor, n: Nomination, changes) -> None:
    notify.tell_recorder(
        actor=actor,
        obj=n,
        kind="honors.decided",
        title=_("%(name)s: %(state)s") % {"name": n.nominee_name, "state": n.get_state_display()},
        body=changes.get("decision_reason", ""),
        url=reverse("honors:nomination", args=[n.pk]),
        resolves=["honors.review_request"],
    )


def _submit_guard(actor, n):
    _check_submit(actor, n)


def _vet_guard(notice: bool):
    def guard(actor, n):
        _may_review(actor, n)
        if n.programme.county_notice != notice:
            raise ValidationError(
                _("This programme has a county notice: the county publishes it before the league reviews.")
                if n.programme.county_notice
                else _("This programme has no county notice.")
            )

    return guard


STAGES = [S.SUBMITTED, S.COUNTY_NOTICE, S.LEAGUE, S.REGION_PRE, S.REGION_FINAL]

NOMINATION_FLOW = Workflow(
    model="honors.Nomination",
    transitions=[
        Transition(
            "submit",
            sources=[S.DRAFT],
            target=S.SUBMITTED,
            event="honors.nomination_submit",
            guard=_submit_guard,
            stamp=lambda actor: {"submitted_at": timezone.now(), "score": None},
            notify=_ask_review,
            refusal=gettext_lazy("Only a draft can be submitted."),
        ),
        Transition(
            "vet",
            sources=[S.SUBMITTED],
            target=S.LEAGUE,
            event="honors.nomination_vet",
            guard=_vet_guard(False),
            not_own=True,
            stamp=lambda a: {"score": None},
            notify=_ask_review,
        ),
        Transition(
            "vet_to_notice",
            sources=[S.SUBMITTED],
            target=S.COUNTY_NOTICE,
            event="honors.nomination_vet",
            guard=_vet_guard(True),
            not_own=True,
            notify=_ask_review,
        ),
        Transition(
            "notice_passed",
            sources=[S.COUNTY_NOTICE],
            target=S.LEAGUE,
            event="honors.nomination_notice_passed",
            guard=_may_review,
            not_own=True,
            stamp=lambda a: {"score": None},
            notify=_ask_review,
        ),
        Transition(
            "advance_league",
            sources=[S.LEAGUE],
            target=S.REGION_PRE,
            event="honors.nomination_advance",
            guard=_may_review,
            not_own=True,
            stamp=lambda a: {"score": None},
            notify=_ask_review,
        ),
        Transition(
            "advance_pre",
            sources=[S.REGION_PRE],
            target=S.REGION_FINAL,
            event="honors.nomination_advance",
            guard=_may_review,
            not_own=True,
            stamp=lambda a: {"score": None},
            notify=_ask_review,
        ),
        Transition(
            "approve",
            sources=[S.REGION_FINAL],
            target=S.APPROVED,
            event="honors.nomination_approve",
            guard=_may_review,
            not_own=True,
            notify=_tell_decided,
        ),
        Transition(
            "not_advance",
            sources=STAGES,
            target=S.NOT_ADVANCED,
            event="honors.nomination_not_advance",
            guard=_may_review,
            not_own=True,
            notify=_tell_decided,
        ),
        Transition(
            "objection_upheld",
            sources=STAGES,
            target=S.NOT_ADVANCED,
            event="honors.nomination_objection_upheld",
            guard=lambda actor, n: _require(
                actor, MANAGE, n.org_path, _("Objections are handled by the unit of the notice.")
            ),
            notify=_tell_decided,
        ),
    ],
    stamp_updated="updated_at",
)

NEXT = {  # the transition that moves a nomination on from its stage
    S.LEAGUE: "advance_league",
    S.REGION_PRE: "advance_pre",
    S.REGION_FINAL: "approve",
    S.COUNTY_NOTICE: "notice_passed",
}


def nomination_submit(*, actor, nomination: Nomination) -> Nomination:
    """The unit submits its nomination: eligibility and every quota on the way up are checked first."""
    with transaction.atomic():
        flags = _flags(nomination)
        nomination.flagged, nomination.flag_note = bool(flags), " ".join(flags)[:200]
        return NOMINATION_FLOW.apply(
            actor, nomination, "submit", flagged=nomination.flagged, flag_note=nomination.flag_note
        )


def nomination_advance(*, actor, nomination: Nomination) -> Nomination:
    """The stage's reviewers move one nomination on (the county vets, the league and the region advance, the
    region's final review approves, which enters the honour in the registry)."""
    with transaction.atomic():
        if nomination.state == S.SUBMITTED:
            name = "vet_to_notice" if nomination.programme.county_notice else "vet"
        else:
            name = NEXT.get(nomination.state, "approve")
        NOMINATION_FLOW.apply(actor, nomination, name)
        if nomination.state == S.APPROVED:
            honour_from_nomination(actor=actor, nomination=nomination)
        return nomination


def nomination_not_advance(*, actor, nomination: Nomination, reason: str) -> Nomination:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the nomination does not advance.")]})
    _check_texts(Nomination, {"decision_reason": reason})
    return NOMINATION_FLOW.apply(actor, nomination, "not_advance", detail={"reason": reason}, decision_reason=reason)


@transaction.atomic
def consent_record(*, actor, nomination: Nomination, given_by: str, method: str) -> NomineeConsent:
    """The nominee's consent to appear on public pages, kept as its own record."""
    _require(actor, NOMINATE, nomination.org_path, _("You cannot change nominations of this unit."))
    given_by, method = (given_by or "").strip(), (method or "").strip()
    if not given_by or not method:
        raise ValidationError({"given_by": [_("Say who consented and how.")]})
    _check_texts(NomineeConsent, {"given_by": given_by, "method": method})
    consent, _created = NomineeConsent.objects.update_or_create(
        nomination=nomination, defaults={"given_by": given_by, "method": method, "recorded_by": _user(actor)}
    )
    audit.record(actor, "honors.consent_record", obj=nomination, detail={"method": method})
    return consent


# --- judges' scores and advancement by rank -------------------------------------------------------------------


def own_unit(actor, nomination: Nomination) -> bool:
    """Whether the judge belongs to the nominee's own unit (the nominating unit or the nominee's registry unit)."""
    paths = {nomination.org_path}
    if nomination.person_id:
        paths.add(nomination.person.org_path)
    if nomination.collective_org_id:
        paths.add(nomination.collective_org.path)
    return Membership.objects.filter(user_id=getattr(actor, "pk", None), org__path__in=paths).exists()


@transaction.atomic
def nomination_score(*, actor, nomination: Nomination, values: dict[int, int | None]) -> Decimal | None:
    """A judge of the stage's unit scores each criterion 0–100, or abstains (None). A judge of the nominee's own
    unit is excluded, and nobody scores a nomination they submitted. Returns the stage's weighted score."""
    if nomination.state not in STAGE_LEVEL:
        raise ValidationError(_("This nomination is not waiting for review."))
    if nomination.created_by_id and nomination.created_by_id == getattr(actor, "pk", None):
        raise PermissionDenied(_("Nobody reviews a nomination they submitted."))
    if not is_system(actor):
        if actor.pk not in {u.pk for u in notify.holders(stage_path(nomination), SCORE)}:
            raise PermissionDenied(_("This nomination is scored by the judges of the unit at its stage."))
        if own_unit(actor, nomination):
            raise PermissionDenied(_("A judge of the nominee's own unit does not score the nomination."))
    criteria = {c.pk: c for c in nomination.programme.criteria.all()}
    if set(values) != set(criteria):
        raise ValidationError(_("Score every criterion, or abstain on it."))
    for cid, value in values.items():
        if value is not None:
            _check_number(Score, "value", value)
        Score.objects.update_or_create(
            nomination=nomination,
            stage=nomination.state,
            judge=actor,
            criterion_id=cid,
            defaults={"value": value},
        )
    total = weighted_score(nomination, nomination.state, criteria)
    Nomination.objects.filter(pk=nomination.pk).update(score=total)
    nomination.score = total
    audit.record(
        actor,
        "honors.nomination_score",
        obj=nomination,
        detail={"stage": nomination.state, "abstained": sum(v is None for v in values.values())},
    )
    return total


def weighted_score(nomination: Nomination, stage: str, criteria: dict | None = None) -> Decimal | None:
    """Σ weight × (mean of the judges' scores of the criterion) / Σ weight over criteria someone scored;
    abstentions count for nothing. None while nobody has scored."""
    criteria = criteria or {c.pk: c for c in nomination.programme.criteria.all()}
    by_criterion: dict[int, list[int]] = {}
    for cid, value in Score.objects.filter(nomination=nomination, stage=stage, value__isnull=False).values_list(
        "criterion_id", "value"
    ):
        by_criterion.setdefault(cid, []).append(value)
    if not by_criterion:
        return None
    weight = sum(criteria[c].weight for c in by_criterion)
    total = sum(Decimal(criteria[c].weight) * Decimal(sum(v)) / len(v) for c, v in by_criterion.items())
    return (total / weight).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


TIE_RULE = gettext_lazy(
    "Ranked by the weighted score of the stage (each criterion's mean over the judges who scored it, weighted; "
    "abstentions count for nothing); equal scores go to the nomination submitted first, then the lower number; "
    "an unscored nomination ranks after every scored one. The first places advance."
)


def rank_key(n: Nomination):
    """The tie rule: higher score first; equal scores go to the nomination submitted first, then the lower
    number; an unscored nomination ranks after every scored one."""
    return (n.score is None, -(n.score or 0), n.submitted_at or timezone.now(), n.pk)


def stage_places(programme: Programme, unit_path: str, stage: str) -> int:
    if level_of(unit_path) == "province" or unit_path == programme.org_path:
        return programme.places
    return quota_places(programme, unit_path)


def stage_advance(*, actor, programme: Programme, unit, stage: str) -> dict:
    """Advance the nominations waiting at `stage` in the unit's subtree by rank within the unit's places; the
    rest do not advance, with their rank stated. Each decision goes through the workflow (audited, notified)."""
    with transaction.atomic():
        waiting = sorted(
            Nomination.objects.filter(programme=programme, state=stage, org_path__startswith=unit.path).select_related(
                "programme", "person", "created_by", "collective_org"
            ),
            key=rank_key,
        )
        places = stage_places(programme, unit.path, stage)
        advanced = 0
        for i, n in enumerate(waiting, start=1):
            if i <= places:
                nomination_advance(actor=actor, nomination=n)
                advanced += 1
            else:
                nomination_not_advance(
                    actor=actor,
                    nomination=n,
                    reason=_("Ranked %(rank)s of %(n)s for %(places)s places.")
                    % {"rank": i, "n": len(waiting), "places": places},
                )
        return {"advanced": advanced, "not_advanced": len(waiting) - advanced, "places": places}


# --- the public notice (公示) and its objections ---------------------------------------------------------------


@transaction.atomic
def holiday_year_enter(*, actor, year: int, days: list[tuple[datetime.date, bool, str]]) -> HolidayYear:
    """An administrator of the region enters a year's holidays (workday False) and make-up working days (True);
    entering a year again replaces its days. Audited with the days."""
    if not is_system(actor) and not any(level_of(p) == "province" for p in _paths(actor, MANAGE)):
        raise PermissionDenied(_("Only the region enters the holiday table."))
    _check_number(HolidayYear, "year", year)
    errors, seen = [], set()
    for day, _workday, name in days:
        if day.year != year:
            errors.append(_("%(day)s is not in %(year)s.") % {"day": day.isoformat(), "year": year})
        elif day in seen:
            errors.append(_("%(day)s is given twice.") % {"day": day.isoformat()})
        elif m := too_long(HolidayDay, "name", name or ""):
            errors.append(f"{day.isoformat()}: {m}")
        seen.add(day)
    if not days:
        errors.append(_("Give the year's holidays and make-up working days, one per line."))
    if errors:
        raise ValidationError({"days": errors})
    entry = HolidayYear.objects.filter(year=year).first()
    event = "honors.holiday_year_update" if entry else "honors.holiday_year_enter"
    if entry is None:
        entry = HolidayYear.objects.create(year=year, recorded_by=_user(actor))
    else:
        entry.days.all().delete()
        HolidayYear.objects.filter(pk=entry.pk).update(recorded_by=_user(actor), recorded_at=timezone.now())
    HolidayDay.objects.bulk_create(
        [HolidayDay(year=entry, date=day, workday=workday, name=(name or "").strip()) for day, workday, name in days]
    )
    audit.record(
        actor,
        event,
        obj=entry,
        detail={
            "year": year,
            "holidays": sorted(d.isoformat() for d, w, _n in days if not w),
            "workdays": sorted(d.isoformat() for d, w, _n in days if w),
        },
    )
    return entry


@transaction.atomic
def notice_schedule(*, actor, programme: Programme, org, stage: str, start: datetime.date, nominations=None) -> Notice:
    """The unit publishes its nominees at `stage` for the programme's number of working days from `start`.
    Refused, with the reason, when a year it runs into has no holiday data."""
    _require(actor, MANAGE, org.path, _("You cannot publish notices of this unit."))
    first, last = notice_end(start, programme.notice_days, WorkingDays())
    if nominations is None:
        nominations = Nomination.objects.filter(programme=programme, state=stage, org_path__startswith=org.path)
    nominations = list(nominations)
    if not nominations:
        raise ValidationError(_("No nomination is waiting at this stage for a notice."))
    notice = Notice.objects.create(
        programme=programme,
        org=org,
        org_path=org.path,
        stage=stage,
        start=first,
        end=last,
        working_days=programme.notice_days,
        created_by=_user(actor),
    )
    notice.nominations.set(nominations)
    audit.record(
        actor,
        "honors.notice_schedule",
        obj=notice,
        detail={"start": first.isoformat(), "end": last.isoformat(), "nominees": len(nominations)},
    )
    return notice


def notices_close_ended(*, actor, today: datetime.date | None = None) -> int:
    """Close every open notice whose period has ended (the notice closes by itself); one audit event each."""
    today = today or timezone.localdate()
    closed = 0
    for notice in Notice.objects.filter(state=NoticeState.OPEN, end__lt=today):
        with transaction.atomic():
            if Notice.objects.filter(pk=notice.pk, state=NoticeState.OPEN).update(state=NoticeState.CLOSED):
                audit.record(actor, "honors.notice_close", obj=notice, detail={"end": notice.end.isoformat()})
                closed += 1
    return closed


class RateLimited(Exception):
    pass


def objection_submit(*, notice: Notice, nomination_id, name: str, contact: str, text: str, ip: str) -> Objection:
    """Anyone objects to a nominee of an open notice; their contact details are required. Rate-limited (counted
    outside the write's transaction, so a refused attempt counts too)."""
    if not ratelimit.hit(f"honors-objection:{ip}", limit=OBJECTION_LIMIT, window=OBJECTION_WINDOW):
        raise RateLimited(_("Too many objections from this address: try again later."))
    with transaction.atomic():
        return _objection_write(notice, nomination_id, name, contact, text)


def _objection_write(notice: Notice, nomination_id, name: str, contact: str, text: str) -> Objection:
    today = timezone.localdate()
    if notice.state != NoticeState.OPEN or not (notice.start <= today <= notice.end):
        raise ValidationError(_("This notice is not open for objections."))
    nomination = notice.nominations.filter(pk=nomination_id, consent__isnull=False).first()
    if nomination is None:
        raise ValidationError({"nomination": [_("Choose a nominee of this notice.")]})
    name, contact, text = (name or "").strip(), normalize_identifier(contact), (text or "").strip()
    errors = {}
    for field, value, msg in (
        ("name", name, _("Give your name.")),
        ("contact", contact, _("Give a phone number or e-mail address so that we can reach you.")),
        ("text", text, _("Say what the objection is.")),
    ):
        if not value:
            errors[field] = [msg]
        elif m := too_long(Objection, "contact_shown" if field == "contact" else field, value):
            errors[field] = [m]
    if errors:
        raise ValidationError(errors)
    obj = Objection.objects.create(
        notice=notice,
        nomination=nomination,
        name=name,
        contact_enc=crypto.encrypt(contact),
        contact_shown=Objection.mask_contact(contact),
        text=text,
    )
    audit.record(None, "honors.objection_submit", obj=obj, org_path=notice.org_path, detail={"notice": notice.pk})
    return obj


def _may_handle(actor, objection: Objection) -> None:
    _require(actor, MANAGE, objection.notice.org_path, _("Objections are handled by the unit of the notice."))


def _tell_assignee(actor, objection: Objection, changes) -> None:
    if objection.assignee_id:
        notify.notify(
            kind="honors.objection",
            title=_("Objection to investigate: %(name)s") % {"name": objection.nomination.nominee_name},
            obj=objection,
            url=reverse("honors:objection", args=[objection.pk]),
            recipients=[objection.assignee],
            due=timezone.now() + datetime.timedelta(days=REVIEW_DAYS),
        )


OS = ObjectionState
OBJECTION_FLOW = Workflow(
    model="honors.Objection",
    owner_field="assignee",
    transitions=[
        Transition(
            "assign",
            sources=[OS.RECEIVED, OS.ASSIGNED],
            target=OS.ASSIGNED,
            event="honors.objection_assign",
            guard=_may_handle,
            notify=_tell_assignee,
        ),
        Transition(
            "investigate",
            sources=[OS.ASSIGNED],
            target=OS.INVESTIGATING,
            event="honors.objection_investigate",
            guard=_may_handle,
        ),
        Transition(
            "conclude",
            sources=[OS.INVESTIGATING],
            target=OS.CONCLUDED,
            event="honors.objection_conclude",
            guard=_may_handle,
            notify=lambda actor, o, ch: notify.resolve(o),
        ),
    ],
)


def objection_reveal_contact(*, actor, objection: Objection) -> str:
    """The objector's contact in full, for the unit of the notice with the reveal permission; audited either way
    (the refusal in its own transaction, so raising does not roll it back)."""
    from jinguo.core.roles import Perm

    _may_handle(actor, objection)
    if not in_scope(actor, objection.notice.org_path, Perm.REVEAL):
        audit.record(actor, "honors.objection_reveal", obj=objection, outcome="denied")
        raise PermissionDenied(_("You may not see personal data in full."))
    with transaction.atomic():
        audit.record(actor, "honors.objection_reveal", obj=objection, org_path=objection.notice.org_path)
        return crypto.decrypt(objection.contact_enc)


def objection_assign(*, actor, objection: Objection, assignee) -> Objection:
    if not in_scope(assignee, objection.notice.org_path, MANAGE):
        raise ValidationError({"assignee": [_("Assign it to someone who handles the notices of this unit.")]})
    return OBJECTION_FLOW.apply(actor, objection, "assign", detail={"assignee": assignee.pk}, assignee=assignee)


def objection_investigate(*, actor, objection: Objection) -> Objection:
    return OBJECTION_FLOW.apply(actor, objection, "investigate")


def objection_conclude(*, actor, objection: Objection, outcome: str, upheld: bool) -> Objection:
    """The investigation's outcome is kept; an upheld objection stops the nominee (not advanced)."""
    outcome = (outcome or "").strip()
    if not outcome:
        raise ValidationError({"outcome": [_("Record the outcome of the investigation.")]})
    _check_texts(Objection, {"outcome": outcome})
    with transaction.atomic():
        OBJECTION_FLOW.apply(actor, objection, "conclude", detail={"upheld": upheld}, outcome=outcome, upheld=upheld)
        n = objection.nomination
        if upheld and n.state in STAGE_LEVEL:
            NOMINATION_FLOW.apply(
                actor,
                n,
                "objection_upheld",
                detail={"objection": objection.pk},
                decision_reason=_("An objection to the public notice was upheld."),
            )
        return objection


# --- the honour registry -------------------------------------------------------------------------------------


def certificate_number(year: int, title: HonourTitle, serial: str) -> str:
    return f"{year}-{title.code[:8].upper()}-{serial}"


def honour_from_nomination(*, actor, nomination: Nomination) -> Honour:
    """An approved nomination enters the registry (inside the approval's transaction)."""
    p = nomination.programme
    h = Honour(
        org=nomination.org,
        org_path=nomination.org_path,
        title=p.title,
        level=p.level,
        year=p.year,
        awarded_on=timezone.localdate(),
        holder=nomination.person if nomination.kind == Kind.INDIVIDUAL else None,
        holder_name=nomination.nominee_name[:60],
        certificate_no=certificate_number(p.year, p.title, f"N{nomination.pk:07d}"),
        nomination=nomination,
        story=nomination.deeds,
        public=hasattr(nomination, "consent"),
    )
    h.full_clean(validate_unique=False)
    h.save()
    rollups.changed(after=h)
    audit.record(actor, "honors.honour_award", obj=h, detail={"certificate": h.certificate_no})
    return h


@transaction.atomic
def honour_revoke(*, actor, honour: Honour, reason: str) -> Honour:
    """Revoke an honour with the reason; it leaves the counts and the public roll."""
    _require(actor, MANAGE, honour.org_path, _("You cannot change honours of this unit."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the honour is revoked.")]})
    _check_texts(Honour, {"revoke_reason": reason})
    now = timezone.now()
    if not Honour.objects.filter(pk=honour.pk, revoked_at__isnull=True).update(revoked_at=now, revoke_reason=reason):
        raise ValidationError(_("This honour is already revoked."))
    before = Honour.objects.select_related("title").get(pk=honour.pk)
    before.revoked_at, before.revoke_reason = None, ""
    honour.revoked_at, honour.revoke_reason = now, reason
    rollups.changed(before=before, after=honour)
    audit.record(actor, "honors.honour_revoke", obj=honour, detail={"reason": reason})
    return honour


@transaction.atomic
def honours_bulk_create(*, actor, honours: list[Honour], batch: int = 2000) -> int:
    """Registry rows of past years (an import or the demo): validated, written in batches, the roll-ups updated,
    and one audit event per batch."""
    if not is_system(actor):
        for h in honours:
            _require(actor, MANAGE, h.org_path, _("You cannot change honours of this unit."))
    for i in range(0, len(honours), batch):
        chunk = honours[i : i + batch]
        for h in chunk:
            h.full_clean(exclude=["org", "title", "holder", "nomination"], validate_unique=False)
        Honour.objects.bulk_create(chunk, batch_size=batch)
        rollups.changed_many("honors.Honour", afters=chunk)
        audit.record(actor, "honors.honour_bulk_create", detail={"rows": len(chunk), "from": i})
    return len(honours)


def certificate_docx(honour: Honour) -> bytes:
    """The honour's certificate as a .docx."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    heading = doc.add_heading(_("Certificate of honour"), level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, size in (
        (honour.holder_name, 26),
        (_("is awarded the title of %(title)s (%(year)s).") % {"title": honour.title.name, "year": honour.year}, 16),
        (_("Awarded at %(level)s level.") % {"level": honour.get_level_display()}, 12),
        (_("Certificate number: %(no)s") % {"no": honour.certificate_no}, 10),
    ):
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.add_run(text).font.size = Pt(size)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- attachments ---------------------------------------------------------------------------------------------

ATTACHMENTS_MAX = 10  # files per nomination


@transaction.atomic
def attachment_add(*, actor, nomination: Nomination, upload) -> Attachment:
    """A file supporting the deeds, checked by its content (PDF, Word, JPEG, PNG) and size; only while the
    nomination is a draft or waits at its county."""
    from jinguo.core.files import check_attachment

    _require(actor, NOMINATE, nomination.org_path, _("You cannot change nominations of this unit."))
    if nomination.state not in (S.DRAFT, S.SUBMITTED):
        raise ValidationError(_("Files are added before the county has vetted the nomination."))
    if nomination.attachments.count() >= ATTACHMENTS_MAX:
        raise ValidationError({"file": [_("A nomination has at most %(n)s files.") % {"n": ATTACHMENTS_MAX}]})
    try:
        kind = check_attachment(upload)
    except ValidationError as e:
        raise ValidationError({"file": e.messages})
    name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1][:100] or kind.lower()
    a = Attachment(nomination=nomination, file=upload, name=name, size=upload.size, uploaded_by=_user(actor))
    a.save()
    audit.record(actor, "honors.attachment_add", obj=nomination, detail={"kind": kind, "size": upload.size})
    return a


@transaction.atomic
def attachment_remove(*, actor, attachment: Attachment) -> None:
    from jinguo.core.files import remove_file_on_commit

    n = attachment.nomination
    _require(actor, NOMINATE, n.org_path, _("You cannot change nominations of this unit."))
    if n.state not in (S.DRAFT, S.SUBMITTED):
        raise ValidationError(_("Files are removed before the county has vetted the nomination."))
    remove_file_on_commit(attachment.file)
    attachment.delete()
    audit.record(actor, "honors.attachment_remove", obj=n, detail={"name": attachment.name})


# --- social nomination (社会化申报) ----------------------------------------------------------------------------

CODE_PURPOSE = "honors-apply"
APPLY_LIMIT = 5  # applications per address …
APPLY_WINDOW = 3600  # … per hour


def application_send_code(*, phone: str, ip: str) -> str:
    """Send the check code of the public form to the applicant's phone (core.phonecheck, rate-limited)."""
    from jinguo.core import phonecheck

    try:
        return phonecheck.send_code(
            phone,
            purpose=CODE_PURPOSE,
            ip=ip,
            text=_("Beijiang Jinguo: your check code for a nomination is {code}, valid for 10 minutes."),
        )
    except phonecheck.TooManyCodes as e:
        raise RateLimited(str(e))


def application_submit(
    *,
    programme: Programme,
    org,
    relation: str,
    applicant_name: str,
    applicant_phone: str,
    code: str,
    nominee_name: str,
    nominee_id_number: str,
    nominee_ethnicity: str,
    nominee_phone: str = "",
    nominee_unit: str,
    deeds: str,
    summary: str,
    consent: bool,
    ip: str,
) -> SocialApplication:
    """Anyone nominates themself or someone they know for a programme that takes social nominations, through
    the public form: the consent box ticked, the phone proved by its check code, rate-limited. The application
    lands at the county chosen, whose cadres vet it. The rate limit and the code's tries are counted outside the
    write's transaction (the cache may be the database's), so a refused attempt still counts."""
    from jinguo.core import crypto, phonecheck
    from jinguo.people.idcard import parse_id_number
    from jinguo.people.models import ETHNICITIES
    from jinguo.people.services import id_hash, phone_hash

    if not ratelimit.hit(f"honors-apply:{ip}", limit=APPLY_LIMIT, window=APPLY_WINDOW):
        raise RateLimited(_("Too many applications from this address: try again later."))
    today = timezone.localdate()
    if not programme.social or today > programme.nominate_until:
        raise ValidationError({"programme": [_("This programme does not take social nominations now.")]})
    if org is None or org.level != "county" or not org.path.startswith(programme.org_path):
        raise ValidationError({"org": [_("Choose the banner or county where the nominee lives or works.")]})
    errors: dict[str, list[str]] = {}
    texts = {
        "applicant_name": (applicant_name or "").strip(),
        "nominee_name": (nominee_name or "").strip(),
        "nominee_unit": (nominee_unit or "").strip(),
        "deeds": (deeds or "").strip(),
        "summary": (summary or "").strip(),
    }
    required = {
        "applicant_name": _("Give your name."),
        "nominee_name": _("Give the nominee's name."),
        "nominee_unit": _("Give the nominee's unit or village."),
        "deeds": _("Describe the deeds."),
        "summary": _("Give a summary of the deeds for the public notice."),
    }
    for field, value in texts.items():
        if not value:
            errors[field] = [required[field]]
        elif m := too_long(SocialApplication, field, value):
            errors[field] = [m]
    if relation not in Relation.values:
        errors["relation"] = [_("Say whom you nominate: yourself or someone you know.")]
    if nominee_ethnicity not in ETHNICITIES:
        errors["nominee_ethnicity"] = [_("Choose the ethnic group.")]
    try:
        number, birth, gender = parse_id_number(nominee_id_number)
    except ValidationError as e:
        errors["nominee_id_number"] = e.messages
        number = birth = gender = None
    other_phone = ""
    if relation == Relation.PEER and (nominee_phone or "").strip():
        try:
            other_phone = phonecheck.normalize_phone(nominee_phone)
        except ValidationError as e:
            errors["nominee_phone"] = e.messages
    if not consent:
        errors["consent"] = [_("Tick the box to agree that your data and the nominee's are used for the vetting.")]
    if errors:
        raise ValidationError(errors)
    phone = phonecheck.verify(applicant_phone, code, purpose=CODE_PURPOSE)
    nominee_phone_value = phone if relation == Relation.SELF else other_phone
    with transaction.atomic():
        app = SocialApplication(
            programme=programme,
            org=org,
            org_path=org.path,
            relation=relation,
            applicant_name=texts["applicant_name"],
            applicant_phone_enc=crypto.encrypt(phone),
            applicant_phone_hash=phone_hash(phone),
            applicant_phone_masked=crypto.mask_phone(phone),
            nominee_name=texts["nominee_name"],
            nominee_gender=gender,
            nominee_ethnicity=nominee_ethnicity,
            nominee_birth_date=birth,
            nominee_id_enc=crypto.encrypt(number),
            nominee_id_hash=id_hash(number),
            nominee_id_masked=crypto.mask_id_number(number),
            nominee_phone_enc=crypto.encrypt(nominee_phone_value),
            nominee_phone_masked=crypto.mask_phone(nominee_phone_value),
            nominee_unit=texts["nominee_unit"],
            deeds=texts["deeds"],
            summary=texts["summary"],
            consent=True,
        )
        app.full_clean()
        app.save()
        audit.record(None, "honors.application_submit", obj=app, org_path=org.path, detail={"programme": programme.pk})
        notify.notify(
            kind="honors.application",
            title=_("A social nomination to vet: %(name)s") % {"name": app.nominee_name},
            obj=app,
            url=reverse("honors:application", args=[app.pk]),
            unit=org.path,
            perm=NOMINATE,
            due=timezone.now() + datetime.timedelta(days=REVIEW_DAYS),
        )
        return app


def _may_vet_application(actor, app: SocialApplication) -> None:
    _require(actor, NOMINATE, app.org_path, _("Social nominations are vetted by the county they were sent to."))
    if app.state != ApplicationState.RECEIVED:
        raise ValidationError(_("This application is already decided."))


@transaction.atomic
def application_accept(*, actor, application: SocialApplication, org=None) -> Nomination:
    """The county takes a social application up: the nominee enters the people registry (or is found there by
    her ID number among the people the cadre may name) and a draft nomination of the county (or the unit below
    it given as `org`) is made, channel social. A self-nomination's ticked box is her consent."""
    from jinguo.core import crypto
    from jinguo.people.selectors import people_nameable_by_hash
    from jinguo.people.services import already_registered, person_create

    _may_vet_application(actor, application)
    app = SocialApplication.objects.select_for_update().get(pk=application.pk)
    if app.state != ApplicationState.RECEIVED:
        raise ValidationError(_("This application is already decided."))
    org = org or app.org
    if not org.path.startswith(app.org_path):
        raise ValidationError({"org": [_("The nominating unit is the county or a unit below it.")]})
    found = people_nameable_by_hash(actor, [app.nominee_id_hash]).get(app.nominee_id_hash)
    if found is None:
        from jinguo.people.models import Person

        if Person.objects.filter(id_number_hash=app.nominee_id_hash).exists():
            raise ValidationError({"nominee": [already_registered()]})
        found = person_create(
            actor=actor,
            org=org,
            name=app.nominee_name,
            gender=app.nominee_gender,
            ethnicity=app.nominee_ethnicity,
            birth_date=app.nominee_birth_date,
            id_number=crypto.decrypt(app.nominee_id_enc),
            phone=crypto.decrypt(app.nominee_phone_enc),
        )
    n = nomination_create(
        actor=actor,
        programme=app.programme,
        org=org,
        person=found.pk,
        deeds=app.deeds,
        summary=app.summary,
        nominee_unit=app.nominee_unit,
        channel=Channel.SOCIAL,
    )
    if app.relation == Relation.SELF:
        consent_record(actor=actor, nomination=n, given_by=app.nominee_name, method=_("public form, box ticked"))
    SocialApplication.objects.filter(pk=app.pk).update(
        state=ApplicationState.ACCEPTED, decided_by=_user(actor), nomination=n
    )
    application.state, application.nomination = ApplicationState.ACCEPTED, n
    notify.resolve(app)
    audit.record(actor, "honors.application_accept", obj=app, detail={"nomination": n.pk})
    return n


@transaction.atomic
def application_reject(*, actor, application: SocialApplication, reason: str) -> SocialApplication:
    _may_vet_application(actor, application)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the application is not taken up.")]})
    _check_texts(SocialApplication, {"decision_reason": reason})
    if not SocialApplication.objects.filter(pk=application.pk, state=ApplicationState.RECEIVED).update(
        state=ApplicationState.REJECTED, decided_by=_user(actor), decision_reason=reason
    ):
        raise ValidationError(_("This application is already decided."))
    application.state, application.decision_reason = ApplicationState.REJECTED, reason
    notify.resolve(application)
    audit.record(actor, "honors.application_reject", obj=application, detail={"reason": reason})
    return application


# --- publicise (宣) -------------------------------------------------------------------------------------------


@transaction.atomic
def publicity_add(
    *,
    actor,
    honour: Honour,
    channel: str,
    date: datetime.date,
    title: str,
    outlet: str = "",
    url: str = "",
    lecture_id: int | None = None,
) -> Publicity:
    """Where an honoree's story went (见报, 上网, 上屏, a post, a lecture she gave)."""
    from jinguo.outreach.selectors import lectures_given_by

    _require(actor, MANAGE, honour.org_path, _("You cannot change honours of this unit."))
    title, outlet, url = (title or "").strip(), (outlet or "").strip(), (url or "").strip()
    errors: dict[str, list[str]] = {}
    if channel not in PublicityChannel.values:
        errors["channel"] = [_("Choose where it was published.")]
    if not title:
        errors["title"] = [_("Give the title of the piece.")]
    if date > timezone.localdate():
        errors["date"] = [_("Publicity is recorded once it has appeared.")]
    lecture = None
    if channel == PublicityChannel.LECTURE:
        lecture = (
            lectures_given_by(actor, honour.holder_id).filter(pk=lecture_id).first()
            if honour.holder_id and lecture_id
            else None
        )
        if lecture is None:
            errors["lecture"] = [_("Choose a lecture she gave, among the lectures of your units.")]
    if errors:
        raise ValidationError(errors)
    p = Publicity(
        honour=honour,
        org=honour.org,
        org_path=honour.org_path,
        channel=channel,
        date=date,
        title=title,
        outlet=outlet,
        url=url,
        lecture=lecture,
        created_by=_user(actor),
    )
    p.full_clean(exclude=["org", "honour", "lecture", "created_by"])
    p.save()
    audit.record(actor, "honors.publicity_add", obj=honour, detail={"channel": channel, "date": date.isoformat()})
    return p


@transaction.atomic
def story_add(
    *, actor, honour: Honour, title: str, text: str, photo=None, consent_given_by: str = "", consent_method: str = ""
) -> FamilyStory:
    """A family story (家风故事) with an optional photo (checked by content); it appears in public only with the
    family's consent, recorded with who gave it and how."""
    from jinguo.core.files import check_photo

    _require(actor, MANAGE, honour.org_path, _("You cannot change honours of this unit."))
    s = FamilyStory(
        honour=honour,
        org=honour.org,
        org_path=honour.org_path,
        title=(title or "").strip(),
        text=(text or "").strip(),
        consent_given_by=(consent_given_by or "").strip(),
        consent_method=(consent_method or "").strip(),
        created_by=_user(actor),
    )
    errors: dict[str, list[str]] = {}
    if not s.title:
        errors["title"] = [_("Give the story a title.")]
    if not s.text:
        errors["text"] = [_("Write the story.")]
    if bool(s.consent_given_by) != bool(s.consent_method):
        errors["consent_given_by"] = [_("Say who consented and how.")]
    if photo:
        try:
            check_photo(photo)
        except ValidationError as e:
            errors["photo"] = e.messages
        s.photo = photo
    if errors:
        raise ValidationError(errors)
    s.full_clean(exclude=["org", "honour", "created_by", "photo"])
    s.save()
    audit.record(actor, "honors.story_add", obj=honour, detail={"story": s.pk, "consent": s.consented})
    return s


@transaction.atomic
def story_consent(*, actor, story: FamilyStory, given_by: str, method: str) -> FamilyStory:
    _require(actor, MANAGE, story.org_path, _("You cannot change honours of this unit."))
    given_by, method = (given_by or "").strip(), (method or "").strip()
    if not given_by or not method:
        raise ValidationError({"consent_given_by": [_("Say who consented and how.")]})
    _check_texts(FamilyStory, {"consent_given_by": given_by, "consent_method": method})
    FamilyStory.objects.filter(pk=story.pk).update(consent_given_by=given_by, consent_method=method)
    story.consent_given_by, story.consent_method = given_by, method
    audit.record(actor, "honors.story_consent", obj=story.honour, detail={"story": story.pk, "method": method})
    return story


# --- recommend upward (推) ------------------------------------------------------------------------------------


def _region_manager(actor, message) -> None:
    if not is_system(actor) and not any(level_of(p) == "province" for p in _paths(actor, MANAGE)):
        raise PermissionDenied(str(message))


@transaction.atomic
def recommend(
    *, actor, honour: Honour, title: HonourTitle, year: int, reason: str, position: str = ""
) -> Recommendation:
    """The region recommends an honoree of its registry for a national title (推)."""
    _region_manager(actor, _("The region recommends honorees to the national level."))
    _require(actor, MANAGE, honour.org_path, _("You cannot change honours of this unit."))
    if honour.revoked_at is not None:
        raise ValidationError(_("A revoked honour is not recommended."))
    r = Recommendation(
        honour=honour,
        org=honour.org,
        org_path=honour.org_path,
        title=title,
        year=year,
        reason=(reason or "").strip(),
        position=(position or "").strip(),
        created_by=_user(actor),
    )
    if not r.reason:
        raise ValidationError({"reason": [_("Give the main deeds for the national form.")]})
    r.full_clean(exclude=["org", "honour", "title", "created_by", "national_honour"], validate_unique=False)
    if Recommendation.objects.filter(honour=honour, title=title, year=year).exists():
        raise ValidationError(_("This honoree is already recommended for this title this year."))
    r.save()
    audit.record(actor, "honors.recommend", obj=r, detail={"honour": honour.pk, "title": title.name, "year": year})
    return r


@transaction.atomic
def recommendation_outcome(
    *, actor, recommendation: Recommendation, accepted: bool, note: str = "", certificate_no: str = ""
) -> Recommendation:
    """Record what the level above decided; an honour it gives enters the registry at national level."""
    _region_manager(actor, _("The region records the outcome of its recommendations."))
    note, certificate_no = (note or "").strip(), normalize_identifier(certificate_no)
    _check_texts(Recommendation, {"outcome_note": note})
    if certificate_no:
        _check_texts(Honour, {"certificate_no": certificate_no})
    target = RecommendationState.ACCEPTED if accepted else RecommendationState.NOT_ACCEPTED
    if not Recommendation.objects.filter(pk=recommendation.pk, state=RecommendationState.RECOMMENDED).update(
        state=target, outcome_note=note, decided_at=timezone.now()
    ):
        raise ValidationError(_("The outcome of this recommendation is already recorded."))
    r = Recommendation.objects.select_related("honour", "title").get(pk=recommendation.pk)
    if accepted:
        base = r.honour
        h = Honour(
            org=base.org,
            org_path=base.org_path,
            title=r.title,
            level=AwardLevel.NATIONAL,
            year=r.year,
            awarded_on=timezone.localdate(),
            holder=base.holder,
            holder_name=base.holder_name,
            certificate_no=certificate_no or certificate_number(r.year, r.title, f"R{r.pk:07d}"),
            story=base.story,
            public=base.public,
        )
        h.full_clean(exclude=["org", "title", "holder", "nomination"], validate_unique=False)
        if Honour.objects.filter(certificate_no=h.certificate_no).exists():
            raise ValidationError({"certificate_no": [_("This certificate number is already in the registry.")]})
        h.save()
        rollups.changed(after=h)
        Recommendation.objects.filter(pk=r.pk).update(national_honour=h)
        r.national_honour = h
        audit.record(actor, "honors.honour_award", obj=h, detail={"certificate": h.certificate_no})
    audit.record(actor, "honors.recommendation_outcome", obj=r, detail={"accepted": accepted, "note": note})
    recommendation.state, recommendation.outcome_note = r.state, r.outcome_note
    return r
