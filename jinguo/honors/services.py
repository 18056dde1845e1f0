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

from jinguo.core import audit, notify, ratelimit
from jinguo.core.actors import is_system
from jinguo.core.bounds import number, out_of_range, too_long
from jinguo.core.models import Membership
from jinguo.core.paths import at_level, level_of, parent_path
from jinguo.core.scope import in_scope
from jinguo.core.text import normalize_identifier
from jinguo.core.workflow import Transition, Workflow
from jinguo.honors.models import (
    STAGE_LEVEL,
    AwardLevel,
    Criterion,
    FamilyMember,
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
    Quota,
    Score,
)
from jinguo.honors.module import MANAGE, NOMINATE, REVIEW, SCORE
from jinguo.honors.workdays import WorkingDays, notice_end
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
    _require(actor, MANAGE, "15" if not is_system(actor) else "", _("Only the region adds honour titles."))
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
    min_age: int | None = None,
    max_age: int | None = None,
    not_within_years: int = 0,
) -> Programme:
    """The awarding unit opens a programme of a title for a year, with its weighted criteria."""
    _require(actor, MANAGE, org.path, _("You cannot run honour programmes of this unit."))
    if org.level not in LEVEL_OF_UNIT:
        raise ValidationError({"org": [_("Honours are awarded by the region, a league or a county.")]})
    if not criteria:
        raise ValidationError({"criteria": [_("Name at least one criterion with its weight.")]})
    if min_age is not None and max_age is not None and min_age > max_age:
        raise ValidationError({"max_age": [_("The oldest age is below the youngest.")]})
    if review_until < nominate_until:
        raise ValidationError({"review_until": [_("The review closes after the nominations close.")]})
    p = Programme(
        org=org,
        org_path=org.path,
        title=title,
        name=(name or f"{year}年度{title.name}评选").strip(),
        kind=title.kind,
        level=LEVEL_OF_UNIT[org.level],
        year=year,
        nominate_until=nominate_until,
        review_until=review_until,
        places=places,
        notice_days=notice_days,
        county_notice=county_notice,
        min_age=min_age,
        max_age=max_age,
        not_within_years=not_within_years,
        created_by=_user(actor),
    )
    p.full_clean()
    p.save()
    seen = set()
    for i, (cname, weight) in enumerate(criteria):
        c = Criterion(programme=p, name=cname.strip(), weight=weight, sort=i)
        c.full_clean(exclude=["programme"])
        if c.name in seen:
            raise ValidationError({"criteria": [_("Criterion “%(name)s” is named twice.") % {"name": c.name}]})
        seen.add(c.name)
        c.save()
    audit.record(actor, "honors.programme_create", obj=p, detail={"title": title.name, "year": year, "places": places})
    return p


def quota_places(programme: Programme, path: str) -> int:
    """The places of the unit at `path`: the programme's own for its owner, else the quota allocated to it."""
    if path == programme.org_path:
        return programme.places
    q = Quota.objects.filter(programme=programme, org_path=path).values_list("places", flat=True).first()
    return q or 0


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
    others = (
        Quota.objects.filter(programme=programme, org_path__startswith=parent, org_path__regex=rf"^{parent}\d+$")
        .exclude(org_path=org.path)
        .filter(org_path__in=[c.path for c in org.parent.children.all()])
        .aggregate(n=Sum("places"))["n"]
        or 0
    )
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
        due=timezone.now() + datetime.timedelta(days=REVIEW_DAYS),
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
    """An administrator of the region enters a year's holidays (workday False) and make-up working days (True)."""
    if not is_system(actor) and not any(level_of(p) == "province" for p in _paths(actor, MANAGE)):
        raise PermissionDenied(_("Only the region enters the holiday table."))
    entry = HolidayYear(year=year, recorded_by=_user(actor))
    entry.full_clean()
    entry.save()
    for day, workday, name in days:
        if day.year != year:
            raise ValidationError({"days": [_("%(day)s is not in %(year)s.") % {"day": day.isoformat(), "year": year}]})
        HolidayDay.objects.create(year=entry, date=day, workday=workday, name=(name or "")[:30])
    audit.record(actor, "honors.holiday_year_enter", obj=entry, detail={"year": year, "days": len(days)})
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


@transaction.atomic
def objection_submit(*, notice: Notice, nomination_id, name: str, contact: str, text: str, ip: str) -> Objection:
    """Anyone objects to a nominee of an open notice; their contact details are required. Rate-limited."""
    if not ratelimit.hit(f"honors-objection:{ip}", limit=OBJECTION_LIMIT, window=OBJECTION_WINDOW):
        raise RateLimited(_("Too many objections from this address: try again later."))
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
        elif m := too_long(Objection, field, value):
            errors[field] = [m]
    if errors:
        raise ValidationError(errors)
    obj = Objection.objects.create(notice=notice, nomination=nomination, name=name, contact=contact, text=text)
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
