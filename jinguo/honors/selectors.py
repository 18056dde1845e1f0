"""Reads of the honours module, scoped to the acting user; the public reads show consented nominees only."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone

from jinguo.core.notify import holders
from jinguo.core.paths import level_of
from jinguo.core.planner import scoped_broad
from jinguo.core.scope import get_for_user, in_scope, scope_paths, scoped, scoped_with_lineage
from jinguo.honors.models import (
    STAGE_LEVEL,
    ApplicationState,
    FamilyStory,
    HolidayYear,
    Honour,
    HonourTitle,
    Nomination,
    NominationState,
    Notice,
    NoticeState,
    Objection,
    Programme,
    Publicity,
    Quota,
    Recommendation,
    SocialApplication,
)
from jinguo.honors.module import MANAGE, NOMINATE, REVIEW
from jinguo.orgs.models import OrgUnit

S = NominationState


def programme_list(user) -> QuerySet[Programme]:
    """Programmes of the user's units and of the units above them (a county sees the region's programme)."""
    return scoped_with_lineage(Programme.objects.select_related("title", "org"), user).order_by("-year", "pk")


def get_programme_for_user(user, pk) -> Programme:
    return get_for_user(Programme.objects.select_related("title", "org"), user, pk, lineage=True)


def open_programmes(user) -> QuerySet[Programme]:
    """Programmes still taking nominations, of the user's units and the units above them."""
    return programme_list(user).filter(nominate_until__gte=timezone.localdate())


def may_manage(user, programme: Programme) -> bool:
    return in_scope(user, programme.org_path, MANAGE)


def titles() -> QuerySet[HonourTitle]:
    return HonourTitle.objects.filter(active=True).select_related("requires")


def nomination_list(user) -> QuerySet[Nomination]:
    return scoped(
        Nomination.objects.select_related("programme__title", "org", "person", "collective_org"), user
    ).order_by("-pk")


def get_nomination_for_user(user, pk) -> Nomination:
    return get_for_user(
        Nomination.objects.select_related("programme__title", "org", "person__org", "collective_org", "created_by"),
        user,
        pk,
    )


def get_objection_for_user(user, pk) -> Objection:
    return get_for_user(
        Objection.objects.select_related("notice__programme", "notice__org", "nomination", "assignee"),
        user,
        pk,
        field="notice__org_path",
    )


def objection_list(user) -> QuerySet[Objection]:
    return scoped(
        Objection.objects.select_related("notice__programme", "nomination__person", "assignee"),
        user,
        field="notice__org_path",
    ).order_by("-pk")


def honour_list(user) -> QuerySet[Honour]:
    # A region's scope is the whole table: SQLite reads it in the list's order instead (core.planner).
    return scoped_broad(Honour.objects.select_related("title", "org"), user, up_to=2).order_by("-year", "-pk")


def get_honour_for_user(user, pk) -> Honour:
    return get_for_user(Honour.objects.select_related("title", "org", "holder"), user, pk)


# --- quotas --------------------------------------------------------------------------------------------------


def quota_rows(programme: Programme, unit: OrgUnit) -> list[dict]:
    """The units just below `unit` with the places each holds, uses and has left, in three queries."""
    children = list(OrgUnit.objects.filter(parent=unit).order_by("code"))
    if not children:
        return []
    depth = len(children[0].path)
    places = dict(Quota.objects.filter(programme=programme, org__in=children).values_list("org_path", "places"))
    used = dict(
        Nomination.objects.filter(programme=programme, org_path__startswith=unit.path)
        .exclude(state=S.DRAFT)
        .annotate(unit=Substr("org_path", 1, depth))
        .values("unit")
        .annotate(n=Count("pk"))
        .values_list("unit", "n")
    )
    return [
        {
            "org": c,
            "places": places.get(c.path),
            "used": used.get(c.path, 0),
            "remaining": max((places.get(c.path) or 0) - used.get(c.path, 0), 0),
        }
        for c in children
    ]


# --- review: the stage worklists -------------------------------------------------------------------------------

STAGES_AT = {
    "county": [S.SUBMITTED, S.COUNTY_NOTICE],
    "league": [S.LEAGUE],
    "province": [S.REGION_PRE, S.REGION_FINAL],
}


def _stage_q(user, perm: str) -> Q | None:
    """Nominations waiting at a stage decided at a unit where the user holds `perm`."""
    q = None
    for path in scope_paths(user, perm):
        states = STAGES_AT.get(level_of(path))
        if states:
            part = Q(org_path__startswith=path, state__in=states)
            q = part if q is None else q | part
    return q


def review_worklist(user, *, perm: str = REVIEW) -> QuerySet[Nomination]:
    """The nominations waiting for a decision (or a score, with perm=SCORE) of the user's units' stage."""
    q = _stage_q(user, perm)
    qs = Nomination.objects.select_related("programme__title", "org", "person", "collective_org")
    if q is None:
        return qs.none()
    return qs.filter(q).exclude(created_by=user).order_by("programme_id", "state", "org_path", "pk")


def stage_ranking(programme: Programme, unit: OrgUnit, stage: str) -> list[Nomination]:
    """The nominations waiting at `stage` in the unit's subtree, ranked by the tie rule (services.rank_key)."""
    from jinguo.honors.services import rank_key

    return sorted(
        Nomination.objects.filter(programme=programme, state=stage, org_path__startswith=unit.path).select_related(
            "person", "collective_org", "org"
        ),
        key=rank_key,
    )


def may_decide_stage(user, unit: OrgUnit, stage: str) -> bool:
    """Whether the user reviews `stage` at `unit` (a holder of the review action at exactly that unit)."""
    return STAGE_LEVEL.get(stage) == unit.level and user.pk in {m.pk for m in holders(unit.path, REVIEW)}


# --- notices ---------------------------------------------------------------------------------------------------


def notice_list(user) -> QuerySet[Notice]:
    return scoped(Notice.objects.select_related("programme__title", "org"), user).annotate(
        nominees=Count("nominations", distinct=True), objection_count=Count("objections", distinct=True)
    )


def get_notice_for_user(user, pk) -> Notice:
    return get_for_user(Notice.objects.select_related("programme__title", "org"), user, pk)


def holiday_years() -> QuerySet[HolidayYear]:
    return HolidayYear.objects.annotate(n=Count("days")).order_by("-year")


# --- social applications -----------------------------------------------------------------------------------


def application_list(user) -> QuerySet[SocialApplication]:
    return scoped(SocialApplication.objects.select_related("programme", "org"), user, NOMINATE).order_by("state", "-pk")


def get_application_for_user(user, pk) -> SocialApplication:
    return get_for_user(
        SocialApplication.objects.select_related("programme__title", "org", "nomination"), user, pk, perm=NOMINATE
    )


def applications_waiting(user) -> QuerySet[SocialApplication]:
    return application_list(user).filter(state=ApplicationState.RECEIVED)


def social_programmes() -> QuerySet[Programme]:
    """Programmes that take social nominations through the public form now."""
    return (
        Programme.objects.filter(social=True, nominate_until__gte=timezone.localdate())
        .select_related("title", "org")
        .order_by("-year", "pk")
    )


def counties_under(path: str) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(path__startswith=path, level="county").select_related("parent").order_by("code")


# --- publicity (宣) and recommendations (推) -------------------------------------------------------------------


def publicity_of(honour: Honour) -> QuerySet[Publicity]:
    return honour.publicity.select_related("lecture").order_by("-date", "-pk")


def stories_of(honour: Honour) -> QuerySet[FamilyStory]:
    return honour.stories.order_by("-pk")


def publicity_gaps(user, *, months: int, under_path: str | None = None) -> QuerySet[Honour]:
    """Honours held (not revoked) of the user's units with no publicity dated in the last `months` months,
    with the date of their latest publicity if any."""
    since = timezone.localdate() - datetime.timedelta(days=round(months * 30.44))
    recent = Publicity.objects.filter(honour=OuterRef("pk"), date__gte=since)
    qs = honour_list(user).filter(revoked_at__isnull=True).filter(~Exists(recent))
    if under_path:
        qs = qs.filter(org_path__startswith=under_path)
    return qs


def recommendation_list(user) -> QuerySet[Recommendation]:
    return scoped(
        Recommendation.objects.select_related("honour__holder", "honour__title", "title", "org"), user
    ).order_by("-year", "pk")


def get_recommendation_for_user(user, pk) -> Recommendation:
    return get_for_user(Recommendation.objects.select_related("honour__holder", "title", "org"), user, pk)


# --- public: no login ---------------------------------------------------------------------------------------


def public_notices(today=None) -> QuerySet[Notice]:
    """Open notices whose period covers today."""
    today = today or timezone.localdate()
    return Notice.objects.filter(state=NoticeState.OPEN, start__lte=today, end__gte=today).select_related(
        "programme__title", "org"
    )


def public_nominees(notice: Notice) -> QuerySet[Nomination]:
    """The nominees of a notice that consented to appear in public."""
    return (
        notice.nominations.filter(consent__isnull=False)
        .select_related("person", "collective_org", "org")
        .order_by("org_path", "pk")
    )


def public_honours() -> QuerySet[Honour]:
    """The public honour roll: honours held (not revoked) whose holder consented."""
    return (
        Honour.objects.filter(public=True, revoked_at__isnull=True)
        .select_related("title", "org")
        .order_by("-year", "org_path", "pk")
    )


def public_stories(honour_ids) -> dict[int, list[FamilyStory]]:
    """The consented family stories of these honours, by honour."""
    out: dict[int, list[FamilyStory]] = {}
    for s in (
        FamilyStory.objects.filter(honour_id__in=list(honour_ids))
        .exclude(consent_given_by="")
        .exclude(consent_method="")
    ):
        out.setdefault(s.honour_id, []).append(s)
    return out


def get_public_story(pk) -> FamilyStory | None:
    return (
        FamilyStory.objects.filter(pk=pk, honour__public=True, honour__revoked_at__isnull=True)
        .exclude(consent_given_by="")
        .exclude(consent_method="")
        .first()
    )


def leagues() -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(level="league").order_by("code")
