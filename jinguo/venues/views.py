"""Pages of publicity venues: the list, a venue with its photos, inspections and what other modules held there, the
map of points, the coverage of villages with a 妇女之家 in use, and the list of kinds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jinguo.core import modules
from jinguo.core.files import image_response, upload_photos
from jinguo.core.formviews import act, form_error_messages, form_page
from jinguo.core.history import history
from jinguo.core.lists import export_view, page_view
from jinguo.core.paths import at_level
from jinguo.core.roles import Perm
from jinguo.core.scope import in_scope, require
from jinguo.orgs.geo import has_map
from jinguo.orgs.selectors import default_unit_code, org_ancestors, org_roots, unit_asked
from jinguo.venues import selectors as sel
from jinguo.venues import services
from jinguo.venues.forms import FixForm, InspectionForm, KindForm, VenueForm
from jinguo.venues.lists import INSPECTIONS, VENUES
from jinguo.venues.models import VenueKind

venues = page_view(VENUES)
venue_export = export_view(VENUES)
inspections = page_view(INSPECTIONS)
inspection_export = export_view(INSPECTIONS)


def _map_code_for(path: str) -> str | None:
    """The map a unit's venues are drawn on: its league's (counties outlined), or the region's for the region."""
    league = at_level(path, "league")
    if league and has_map(f"{league}00"):
        return f"{league}00"
    region = f"{path[:2]}0000"
    return region if has_map(region) else None


@login_required
def venue_new(request):
    require(request.user, Perm.WRITE)
    initial = {"org_code": request.GET.get("org") or default_unit_code(request.user), "status": "in_use"}
    form = VenueForm(request.POST or None, initial=initial, user=request.user)

    def map_code():
        roots = org_roots(request.user)
        return {"map_code": _map_code_for(roots[0].path) if roots else None}

    return form_page(
        request,
        form,
        lambda d: services.venue_create(actor=request.user, org=d["org"], **form.service_data()),
        title=_("New venue"),
        back=reverse("venues:venues"),
        done=_("The venue is added."),
        to=lambda venue: reverse("venues:venue", args=[venue.pk]),
        template="venues/venue_form.html",
        extra=map_code,
        denied_field="org_code",
    )


@login_required
def venue_edit(request, pk):
    venue = sel.get_venue_for_user(request.user, pk, write=True)
    initial = {
        "org_code": venue.org.code,
        "kind": str(venue.kind_id),
        "manager": str(venue.manager_id or ""),
        **{
            f: getattr(venue, f)
            for f in ("name", "address", "lng", "lat", "area", "opening_hours", "status", "opened_on", "description")
        },
    }
    form = VenueForm(request.POST or None, initial=initial, user=request.user, current_manager=venue.manager)
    form.fields["org_code"].disabled = True
    return form_page(
        request,
        form,
        lambda d: services.venue_update(actor=request.user, venue=venue, **form.service_data()),
        title=venue.name,
        back=reverse("venues:venue", args=[venue.pk]),
        done=_("Changes saved."),
        to=reverse("venues:venue", args=[venue.pk]),
        template="venues/venue_form.html",
        extra={"map_code": _map_code_for(venue.org_path)},
    )


@login_required
def venue_detail(request, pk):
    venue = sel.get_venue_for_user(request.user, pk)
    user = request.user
    can_write = in_scope(user, venue.org_path, Perm.WRITE)
    may_inspect = services.may_inspect(user, venue.org_path)
    year = timezone.localdate().year
    inspections = sel.venue_inspections(venue)
    context = {
        "venue": venue,
        "photos": list(venue.photos.all()),
        "inspections": inspections,
        "can_write": can_write,
        "can_inspect": may_inspect and not any(i.year == year for i in inspections),
        "may_inspect": may_inspect,
        "fix_form": FixForm(initial={"fixed_on": timezone.localdate()}),
        "panels": modules.panels("venues.venue", request, venue),
        "map_code": _map_code_for(venue.org_path) if venue.located else None,
        "point": sel.map_points(user, venue.org) if venue.located else [],
        "history": history(venue, user),
        "comment_url": reverse("core:comment", args=["venues.venue", venue.pk]),
    }
    context["point"] = [p for p in context["point"] if p["id"] == venue.pk]
    return render(request, "venues/venue_detail.html", context)


@login_required
@require_POST
def venue_remove(request, pk):
    venue = sel.get_venue_for_user(request.user, pk, write=True)
    return act(
        request,
        lambda: services.venue_delete(actor=request.user, venue=venue),
        done=_("The venue was removed."),
        to=reverse("venues:venues"),
        refused_to=reverse("venues:venue", args=[venue.pk]),
    )


@login_required
@require_POST
def venue_photos(request, pk):
    venue = sel.get_venue_for_user(request.user, pk, write=True)
    upload_photos(request, lambda files: services.venue_add_photos(actor=request.user, venue=venue, files=files))
    return redirect("venues:venue", pk=venue.pk)


@login_required
def venue_photo(request, pk, photo_pk):
    venue = sel.get_venue_for_user(request.user, pk)
    return image_response(sel.get_photo_for_user(request.user, venue, photo_pk).image)


@login_required
@require_POST
def venue_photo_delete(request, pk, photo_pk):
    venue = sel.get_venue_for_user(request.user, pk, write=True)
    services.venue_photo_delete(actor=request.user, photo=sel.get_photo_for_user(request.user, venue, photo_pk))
    messages.success(request, _("The photo was removed."))
    return redirect("venues:venue", pk=venue.pk)


# --- inspections ---------------------------------------------------------------------------------------------


@login_required
def inspection_new(request, pk):
    venue = sel.get_venue_for_user(request.user, pk)
    if not services.may_inspect(request.user, venue.org_path):
        raise PermissionDenied
    form = InspectionForm(request.POST or None, initial={"date": timezone.localdate(), "status_found": venue.status})
    return form_page(
        request,
        form,
        lambda d: services.inspection_record(
            actor=request.user,
            venue=venue,
            date=d["date"],
            score=d["score"],
            status_found=d["status_found"],
            checks=d["checks"],
            summary=d["summary"],
            problems=form.problem_rows(),
        ),
        title=_("Inspection of %(venue)s") % {"venue": venue.name},
        back=reverse("venues:venue", args=[venue.pk]),
        done=_("The inspection is recorded."),
        to=reverse("venues:venue", args=[venue.pk]),
    )


@login_required
@require_POST
def inspection_remove(request, pk):
    inspection = sel.get_inspection_for_user(request.user, pk)
    return act(
        request,
        lambda: services.inspection_delete(actor=request.user, inspection=inspection),
        done=_("The inspection was removed."),
        to=reverse("venues:venue", args=[inspection.venue_id]),
    )


@login_required
@require_POST
def problem_fix(request, pk):
    problem = sel.get_problem_for_user(request.user, pk)
    form = FixForm(request.POST)
    if not form.is_valid():
        form_error_messages(request, form)
        return redirect("venues:venue", pk=problem.inspection.venue_id)
    d = form.cleaned_data
    return act(
        request,
        lambda: services.problem_fix(actor=request.user, problem=problem, fixed_on=d["fixed_on"], note=d["fix_note"]),
        done=_("The problem is marked fixed."),
        to=reverse("venues:venue", args=[problem.inspection.venue_id]),
    )


# --- map and coverage ----------------------------------------------------------------------------------------


def _unit(request):
    require(request.user, Perm.READ)
    return unit_asked(request)


@login_required
def venue_map(request):
    """The venues below a unit as points over the map of the region (leagues outlined) or of a league (counties
    outlined); a point opens the venue's page."""
    org = _unit(request)
    if org is None:
        return render(request, "venues/map.html", {"org": None})
    map_code = org.code if org.level in ("province", "league") and has_map(org.code) else _map_code_for(org.path)
    points = sel.map_points(request.user, org)
    for p in points:
        p["url"] = reverse("venues:venue", args=[p["id"]])
    data = {"map": map_code, "points": points, "kinds": sorted({p["kind"] for p in points})}
    return render(
        request,
        "venues/map.html",
        {"org": org, "ancestors": org_ancestors(org), "data": data, "count": len(points)},
    )


@login_required
def coverage(request):
    """Villages (and towns, counties …) below a unit with a 妇女之家 found in use by the year's inspection, with the
    villages that have none."""
    org = _unit(request)
    if org is None:
        return render(request, "venues/coverage.html", {"org": None})
    text = request.GET.get("year", "").strip()
    year = int(text) if text.isascii() and text.isdigit() and 2000 <= int(text) <= 2100 else timezone.localdate().year
    result = sel.homes_coverage(org, year)
    level = request.GET.get("level", "village")
    levels = [lv.level for lv in result.levels]
    if level not in levels:
        level = levels[-1] if levels else ""
    gaps = Paginator(sel.homes_gaps(org, year, level), 50).get_page(request.GET.get("page")) if level else None
    return render(
        request,
        "venues/coverage.html",
        {
            "org": org,
            "ancestors": org_ancestors(org),
            "year": year,
            "result": result,
            "level": level,
            "gaps": gaps,
            "years": list(range(timezone.localdate().year, timezone.localdate().year - 4, -1)),
        },
    )


# --- kinds ---------------------------------------------------------------------------------------------------


@login_required
def kinds(request):
    may = services.can_manage_kinds(request.user)
    if request.method == "POST" and not may:
        raise PermissionDenied
    return form_page(
        request,
        KindForm(request.POST or None, initial={"sort": 100, "active": True}),
        lambda d: services.kind_create(actor=request.user, name=d["name"], sort=d["sort"]),
        done=_("The kind is added."),
        to=reverse("venues:kinds"),
        template="venues/kinds.html",
        extra={"kinds": VenueKind.objects.order_by("sort", "pk"), "can_manage": may},
    )


@login_required
def kind_edit(request, pk):
    if not services.can_manage_kinds(request.user):
        raise PermissionDenied
    kind = VenueKind.objects.filter(pk=pk).first()
    if kind is None:
        from django.http import Http404

        raise Http404
    return form_page(
        request,
        KindForm(request.POST or None, initial={"name": kind.name, "sort": kind.sort, "active": kind.active}),
        lambda d: services.kind_update(actor=request.user, kind=kind, **d),
        title=kind.name,
        back=reverse("venues:kinds"),
        done=_("Changes saved."),
        to=reverse("venues:kinds"),
    )
