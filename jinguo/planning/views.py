import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jinguo.core.forms import apply_errors
from jinguo.core.lists import export_view, page_view
from jinguo.core.periods import month_period, parse_period
from jinguo.core.roles import Perm
from jinguo.core.scope import has_perm, in_scope, require
from jinguo.orgs.selectors import get_org_for_user, org_roots
from jinguo.planning import selectors as sel
from jinguo.planning import services
from jinguo.planning.forms import SeriesForm, ThemeForm
from jinguo.planning.lists import THEMES
from jinguo.planning.models import ThemeKind


def _month(request):
    text = request.GET.get("month", "").strip()
    if text:
        try:
            p = parse_period(text)
            if p.kind == "month":
                return p
        except ValidationError:
            pass
        messages.error(request, _("Write the month as 2026-07."))
    today = timezone.localdate()
    return month_period(today.year, today.month)


@login_required
def month_view(request):
    """年度为主线、季度有主题、月度分主次: what is in force in one month."""
    require(request.user, Perm.READ)
    period = _month(request)
    prev = period.start - datetime.timedelta(days=1)
    nxt = period.end + datetime.timedelta(days=1)
    themes = sel.themes_for_month(request.user, period)
    return render(
        request,
        "planning/month.html",
        {
            "period": period,
            "prev": f"{prev.year}-{prev.month:02d}",
            "next": f"{nxt.year}-{nxt.month:02d}",
            "annual": themes[ThemeKind.ANNUAL],
            "quarterly": themes[ThemeKind.QUARTER],
            "monthly": themes[ThemeKind.MONTH],
            "can_write": has_perm(request.user, Perm.WRITE),
        },
    )


theme_index = page_view(THEMES, lambda request: {"series": list(sel.series_list(request.user))})
theme_export = export_view(THEMES)


@login_required
def theme_new(request):
    require(request.user, Perm.WRITE)
    today = timezone.localdate()
    year = request.POST.get("year") or request.GET.get("year") or str(today.year)
    year_int = int(year) if str(year).isdigit() else today.year
    parents = list(sel.theme_choices(request.user, year=year_int).exclude(kind=ThemeKind.MONTH))
    series = list(sel.series_list(request.user))
    roots = org_roots(request.user)
    initial = {
        "year": year_int,
        "org_code": roots[0].code if len(roots) == 1 else "",
        "kind": request.GET.get("kind", ThemeKind.MONTH),
        "parent": request.GET.get("parent", ""),
        "is_primary": True,
    }
    form = ThemeForm(request.POST or None, parents=parents, series=series, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            org = get_org_for_user(request.user, d["org_code"].strip())
        except Http404:
            form.add_error("org_code", _("There is no unit with that code among your units."))
        else:
            try:
                parent = sel.get_theme_for_user(request.user, d["parent"]) if d.get("parent") else None
                s = sel.get_series_for_user(request.user, d["series"]) if d.get("series") else None
                theme = services.theme_create(
                    actor=request.user,
                    org=org,
                    kind=d["kind"],
                    year=d["year"],
                    quarter=d.get("quarter") or None,
                    month=d.get("month") or None,
                    title=d["title"],
                    parent=parent,
                    series=s,
                    description=d["description"],
                    is_primary=d["is_primary"],
                )
            except ValidationError as e:
                apply_errors(form, e)
            else:
                messages.success(request, _("The theme is in the calendar."))
                return redirect("planning:theme", pk=theme.pk)
    return render(request, "planning/form.html", {"form": form, "theme": None})


@login_required
def theme_detail(request, pk):
    theme = sel.get_theme_for_user(request.user, pk)
    children = list(sel.theme_list(request.user).filter(parent=theme))
    return render(
        request,
        "planning/detail.html",
        {"theme": theme, "children": children, "can_write": in_scope(request.user, theme.org_path, Perm.WRITE)},
    )


@login_required
def theme_edit(request, pk):
    theme = sel.get_theme_for_user(request.user, pk, write=True)
    series = list(sel.series_list(request.user))
    initial = {
        "org_code": theme.org.code,
        "kind": theme.kind,
        "year": theme.year,
        "quarter": theme.quarter or "",
        "month": theme.month or "",
        "parent": str(theme.parent_id or ""),
        "title": theme.title,
        "is_primary": theme.is_primary,
        "series": str(theme.series_id or ""),
        "description": theme.description,
    }
    parents = [theme.parent] if theme.parent else []
    form = ThemeForm(request.POST or None, parents=parents, series=series, initial=initial)
    for name in ("org_code", "kind", "year", "quarter", "month", "parent"):
        form.fields[name].disabled = True
        form.fields[name].required = False
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            s = sel.get_series_for_user(request.user, d["series"]) if d.get("series") else None
            services.theme_update(
                actor=request.user,
                theme=theme,
                title=d["title"],
                description=d["description"],
                series=s,
                is_primary=d["is_primary"],
            )
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("planning:theme", pk=theme.pk)
    return render(request, "planning/form.html", {"form": form, "theme": theme})


@login_required
@require_POST
def theme_remove(request, pk):
    theme = sel.get_theme_for_user(request.user, pk, write=True)
    try:
        services.theme_delete(actor=request.user, theme=theme)
    except ValidationError as e:
        for msg in e.messages:
            messages.error(request, msg)
        return redirect("planning:theme", pk=theme.pk)
    messages.success(request, _("The theme was removed."))
    return redirect("planning:list")


@login_required
def series_new(request):
    require(request.user, Perm.WRITE)
    roots = org_roots(request.user)
    form = SeriesForm(request.POST or None, initial={"org_code": roots[0].code if len(roots) == 1 else ""})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            org = get_org_for_user(request.user, d["org_code"].strip())
        except Http404:
            form.add_error("org_code", _("There is no unit with that code among your units."))
        else:
            try:
                services.series_create(actor=request.user, org=org, name=d["name"], description=d["description"])
            except ValidationError as e:
                apply_errors(form, e)
            else:
                messages.success(request, _("The series is set up."))
                return redirect("planning:list")
    return render(request, "planning/series_form.html", {"form": form})
