"""Reads of the honours module, scoped to the acting user; the public reads show consented nominees only."""

from django.db.models import QuerySet
from django.utils import timezone

from jinguo.core.scope import get_for_user, scoped, scoped_with_lineage
from jinguo.honors.models import Honour, Nomination, Notice, NoticeState, Objection, Programme


def programme_list(user) -> QuerySet[Programme]:
    """Programmes of the user's units and of the units above them (a county sees the region's programme)."""
    return scoped_with_lineage(Programme.objects.select_related("title", "org"), user).order_by("-year", "pk")


def get_programme_for_user(user, pk) -> Programme:
    return get_for_user(Programme.objects.select_related("title", "org"), user, pk, lineage=True)


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
    return get_for_user(Objection.objects.select_related("notice", "nomination"), user, pk, field="notice__org_path")


def honour_list(user) -> QuerySet[Honour]:
    return scoped(Honour.objects.select_related("title", "org"), user).order_by("-year", "-pk")


def get_honour_for_user(user, pk) -> Honour:
    return get_for_user(Honour.objects.select_related("title", "org"), user, pk)


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
