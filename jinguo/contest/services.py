"""Writes of the lecture contest: set-up, entries, judging, publication — scope-checked and audited."""

from decimal import Decimal, InvalidOperation
from urllib.parse import urlparse

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jinguo.contest.models import Contest, Criterion, Entry, Round, RoundJudge, RoundState, Score
from jinguo.contest.selectors import judge_conflicts, judge_paths, round_ranking
from jinguo.core import audit, notify
from jinguo.core.bounds import bounds, too_long
from jinguo.core.scope import require_write
from jinguo.core.workflow import Transition, Workflow
from jinguo.orgs.models import OrgUnit
from jinguo.people.selectors import require_one_nameable

VIDEO_TYPES = (".mp4", ".mov", ".m4v", ".webm")


def _organiser(actor, contest: Contest) -> None:
    require_write(actor, contest.org_path, _("Only the organising unit runs the contest."))


def _clean_criteria(criteria) -> list[tuple[str, int, int]]:
    out = []
    for item in criteria:
        name, weight, max_score = (list(item) + [100])[:3]
        name = (name or "").strip()
        try:
            weight, max_score = int(weight), int(max_score)
        except (TypeError, ValueError):
            raise ValidationError({"criteria": [_("Weights and full marks are whole numbers.")]})
        if not name or len(name) > 40:
            raise ValidationError({"criteria": [_("Each criterion needs a name of at most 40 characters.")]})
        w, m = bounds(Criterion, "weight"), bounds(Criterion, "max_score")
        if not w.min_value <= weight <= w.max_value or not m.min_value <= max_score <= m.max_value:
            raise ValidationError(
                {
                    "criteria": [
                        _("A weight is %(wmin)s–%(wmax)s and full marks %(mmin)s–%(mmax)s.")
                        % {"wmin": w.min_value, "wmax": w.max_value, "mmin": m.min_value, "mmax": m.max_value}
                    ]
                }
            )
        out.append((name, weight, max_score))
    if not out:
        raise ValidationError({"criteria": [_("Give at least one scoring criterion.")]})
    if len({n for n, _w, _m in out}) != len(out):
        raise ValidationError({"criteria": [_("Two criteria have the same name.")]})
    total = sum(w for _n, w, _m in out)
    if total != 100:
        raise ValidationError(
            {"criteria": [_("The weights add up to %(total)s; they must add up to 100.") % {"total": total}]}
        )
    return out


@transaction.atomic
def contest_create(
    *, actor, org: OrgUnit, title: str, year, criteria, description: str = "", rounds=("初赛", "决赛")
) -> Contest:
    require_write(actor, org.path, _("You cannot organise a contest for %(org)s.") % {"org": org.name})
    title = (title or "").strip()
    errors = {}
    if not title or len(title) > 100:
        errors["title"] = [_("The title is required and at most 100 characters.")]
    years = bounds(Contest, "year")
    try:
        year = int(year)
        if not years.min_value <= year <= years.max_value:
            raise ValueError
    except (TypeError, ValueError):
        errors["year"] = [_("The year is a number such as 2026.")]
    description = (description or "").strip()
    msg = too_long(Contest, "description", description)
    if msg:
        errors["description"] = [msg]
    try:
        crit = _clean_criteria(criteria)
    except ValidationError as e:
        errors.update(e.message_dict)
    names = [(r or "").strip() for r in rounds if (r or "").strip()]
    most = bounds(Round, "order").max_value
    if not names:
        errors["rounds"] = [_("Give at least one round.")]
    elif len(names) > most:
        errors["rounds"] = [_("A contest has at most %(n)s rounds.") % {"n": most}]
    else:
        overlong = [msg for msg in (too_long(Round, "name", n) for n in names) if msg]
        if overlong:
            errors["rounds"] = overlong[:1]
    if errors:
        raise ValidationError(errors)
    c = Contest.objects.create(
        org=org,
        org_path=org.path,
        title=title,
        year=year,
        description=description,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    Criterion.objects.bulk_create(
        [Criterion(contest=c, name=n, weight=w, max_score=m, order=i) for i, (n, w, m) in enumerate(crit, start=1)]
    )
    Round.objects.bulk_create([Round(contest=c, name=n, order=i) for i, n in enumerate(names, start=1)])
    audit.record(actor, "contest.create", obj=c, detail={"title": title, "criteria": crit, "rounds": names})
    return c


@transaction.atomic
def judge_add(*, actor, round: Round, user) -> RoundJudge:
    _organiser(actor, round.contest)
    if round.state == RoundState.PUBLISHED:
        raise ValidationError(_("The round's results are published."))
    if user is None or not user.is_active:
        raise ValidationError({"username": [_("There is no active user with this name.")]})
    if RoundJudge.objects.filter(round=round, user=user).exists():
        raise ValidationError({"username": [_("%(user)s already judges this round.") % {"user": user}]})
    j = RoundJudge.objects.create(round=round, user=user)
    audit.record(actor, "contest.judge_add", obj=round.contest, detail={"round": round.pk, "judge": user.username})
    return j


@transaction.atomic
def judge_remove(*, actor, judge: RoundJudge) -> None:
    _organiser(actor, judge.round.contest)
    if judge.round.state != RoundState.DRAFT:
        raise ValidationError(_("Judges change only before judging opens."))
    detail = {"round": judge.round_id, "judge": judge.user.username}
    contest = judge.round.contest
    judge.delete()
    audit.record(actor, "contest.judge_remove", obj=contest, detail=detail)


def _check_video(video, video_url: str) -> str:
    video_url = (video_url or "").strip()
    if not video and not video_url:
        raise ValidationError({"video": [_("Give the video file or a link to it.")]})
    if video_url:
        msg = too_long(Entry, "video_url", video_url)
        if msg:
            raise ValidationError({"video_url": [msg]})
        parts = urlparse(video_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValidationError({"video_url": [_("The link must start with http:// or https://.")]})
    if video:
        if not video.name.lower().endswith(VIDEO_TYPES):
            raise ValidationError({"video": [_("The video must be an MP4, MOV, M4V or WebM file.")]})
        limit = getattr(settings, "CONTEST_VIDEO_MAX_BYTES", 500 * 1024 * 1024)
        if video.size > limit:
            raise ValidationError({"video": [_("The video is larger than %(mb)s MB.") % {"mb": limit // 1048576}]})
    return video_url


@transaction.atomic
def entry_submit(*, actor, round: Round, org: OrgUnit, lecturer, title: str, video=None, video_url: str = "") -> Entry:
    """A unit enters one of its lecturers in a round that is still taking entries."""
    require_write(actor, org.path, _("You cannot enter lecturers for %(org)s.") % {"org": org.name})
    contest = round.contest
    if not org.path.startswith(contest.org_path):
        raise ValidationError({"org_code": [_("%(org)s is not within the contest's units.") % {"org": org.name}]})
    if round.state != RoundState.DRAFT:
        raise ValidationError(_("The round no longer takes entries."))
    person = require_one_nameable(actor, lecturer, field="lecturer")
    title = (title or "").strip()
    if not title or len(title) > 100:
        raise ValidationError({"title": [_("The title is required and at most 100 characters.")]})
    video_url = _check_video(video, video_url)
    if Entry.objects.filter(round=round, lecturer=person).exists():
        raise ValidationError({"lecturer": [_("%(name)s is already entered in this round.") % {"name": person.name}]})
    e = Entry(
        round=round,
        org=org,
        org_path=org.path,
        lecturer=person,
        title=title,
        video_url=video_url,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    if video:
        e.video = video
    e.save()
    audit.record(actor, "contest.entry", obj=e, detail={"round": round.pk, "lecturer": person.pk, "title": title})
    return e


def _may_open(actor, round: Round) -> None:
    _organiser(actor, round.contest)
    if round.state == RoundState.DRAFT:
        if not round.judges.exists():
            raise ValidationError(_("Add judges before judging opens."))
        if not round.entries.exists():
            raise ValidationError(_("The round has no entries yet."))


def _may_publish(actor, round: Round) -> None:
    _organiser(actor, round.contest)
    if round.state != RoundState.CLOSED:
        return
    unscored = [r.entry.title for r in round_ranking(round) if r.final is None]
    if unscored:
        raise ValidationError(
            _("These entries have no complete score from an eligible judge: %(titles)s.")
            % {"titles": "、".join(unscored)}
        )


def _tell_the_judges(actor, round: Round, changes) -> None:
    notify.notify(
        kind="contest.round_open",
        title=_("Judging is open: %(round)s") % {"round": str(round)},
        obj=round,
        url=reverse("contest:judge", args=[round.pk]),
        recipients=[j.user for j in round.judges.select_related("user")],
        exclude=[getattr(actor, "pk", None)],
    )


# A round's life, declared once: taking entries → judging → closed → published.
ROUND_FLOW = Workflow(
    model="contest.Round",
    transitions=[
        Transition(
            "open",
            sources=[RoundState.DRAFT],
            target=RoundState.OPEN,
            event="contest.round_open",
            guard=_may_open,
            notify=_tell_the_judges,
            refusal=gettext_lazy("Only a round taking entries can open for judging."),
        ),
        Transition(
            "close",
            sources=[RoundState.OPEN],
            target=RoundState.CLOSED,
            event="contest.round_close",
            guard=lambda actor, r: _organiser(actor, r.contest),
        ),
        Transition(
            "publish",
            sources=[RoundState.CLOSED],
            target=RoundState.PUBLISHED,
            event="contest.round_publish",
            guard=_may_publish,
            refusal=gettext_lazy("Close judging before publishing the results."),
            stamp=lambda actor: {"published_at": timezone.now()},
        ),
    ],
)


def round_open(*, actor, round: Round) -> Round:
    return ROUND_FLOW.apply(actor, round, "open", detail={"contest": round.contest_id})


def round_close(*, actor, round: Round) -> Round:
    return ROUND_FLOW.apply(actor, round, "close", detail={"contest": round.contest_id})


def round_publish(*, actor, round: Round) -> Round:
    return ROUND_FLOW.apply(actor, round, "publish", detail={"contest": round.contest_id})


@transaction.atomic
def round_advance(*, actor, round: Round, top: int) -> int:
    """Enter the top `top` entries of a closed or published round into the next round."""
    _organiser(actor, round.contest)
    if round.state not in (RoundState.CLOSED, RoundState.PUBLISHED):
        raise ValidationError(_("Close judging before advancing entries."))
    nxt = Round.objects.filter(contest=round.contest, order__gt=round.order).order_by("order").first()
    if nxt is None or nxt.state != RoundState.DRAFT:
        raise ValidationError(_("There is no next round taking entries."))
    ranked = [r for r in round_ranking(round) if r.final is not None and r.rank <= int(top)]
    have = set(nxt.entries.values_list("lecturer_id", flat=True))
    new = [
        Entry(
            round=nxt,
            org_id=r.entry.org_id,
            org_path=r.entry.org_path,
            lecturer_id=r.entry.lecturer_id,
            title=r.entry.title,
            video=r.entry.video.name if r.entry.video else "",
            video_url=r.entry.video_url,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        for r in ranked
        if r.entry.lecturer_id not in have
    ]
    Entry.objects.bulk_create(new)
    audit.record(
        actor, "contest.advance", obj=round.contest, detail={"from": round.pk, "to": nxt.pk, "entries": len(new)}
    )
    return len(new)


@transaction.atomic
def score_submit(*, actor, entry: Entry, values: dict) -> list[Score]:
    """A judge scores one entry on every criterion; they may revise it while judging is open."""
    round = entry.round
    if not RoundJudge.objects.filter(round=round, user=actor).exists():
        raise PermissionDenied(_("You are not a judge of this round."))
    if judge_conflicts(judge_paths(actor), entry.org_path):
        raise PermissionDenied(_("Judges do not score entries from their own unit."))
    if Round.objects.filter(pk=round.pk).values_list("state", flat=True).first() != RoundState.OPEN:
        raise ValidationError(_("Judging of this round is not open."))
    criteria = list(round.contest.criteria.all())
    errors = {}
    clean: dict[int, Decimal] = {}
    given = {str(k): v for k, v in values.items()}
    for c in criteria:
        raw = given.get(str(c.pk))
        try:
            v = Decimal(str(raw).strip()).quantize(Decimal("0.01"))
            if not Decimal(0) <= v <= Decimal(c.max_score):
                raise InvalidOperation
        except (InvalidOperation, ValueError, TypeError):
            errors[f"c{c.pk}"] = [_("%(name)s: a score from 0 to %(max)s.") % {"name": c.name, "max": c.max_score}]
            continue
        clean[c.pk] = v
    if errors:
        raise ValidationError(errors)
    out = []
    for c in criteria:
        s, _created = Score.objects.update_or_create(
            entry=entry,
            judge=actor,
            criterion=c,
            defaults={"value": clean[c.pk], "org_id": entry.org_id, "org_path": entry.org_path},
        )
        out.append(s)
    audit.record(actor, "contest.score", obj=entry, detail={str(k): str(v) for k, v in clean.items()})
    return out
