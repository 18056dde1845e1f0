"""Pages of publication distribution: progress and rankings, publications and their targets, subscriptions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jinguo.core import audit
from jinguo.core.formviews import act, form_error_messages, form_page
from jinguo.core.lists import export_view, page_view
from jinguo.core.roles import Perm
from jinguo.core.scope import in_scope, require
from jinguo.core.xlsx import xlsx_response
from jinguo.orgs.selectors import default_unit_code, get_org_for_user, org_ancestors, org_roots, unit_asked
from jinguo.publications import selectors as sel
from jinguo.publications import services
from jinguo.publications.forms import NationalForm, PublicationForm, SubscriptionForm
from jinguo.publications.lists import SUBSCRIPTIONS

subscriptions = page_view(SUBSCRIPTIONS)
subscription_export = export_view(SUBSCRIPTIONS)


def _unit_and_year(request):
    """The unit asked for (default: the user's own) and the year (default: this year)."""
    require(request.user, Perm.READ)
    org = unit_asked(request)
    text = request.GET.get("year", "").strip()
    year = int(text) if text.isascii() and text.isdigit() and 2000 <= int(text) <= 2100 else timezone.localdate().year
    return org, year


@login_required
def progress(request):
    """A unit's distribution for a year: its target, what it gave below, copies and progress per publication, and
    the units below ranked by level."""
    org, year = _unit_and_year(request)
    if org is None:
        return render(request, "publications/progress.html", {"org": None})
    publication = None
    if request.GET.get("publication", "").isdigit():
        publication = sel.publication_list(request.user).filter(pk=request.GET["publication"], year=year).first()
    context = {
        "org": org,
        "year": year,
        "years": sorted({year, timezone.localdate().year, *sel.years(request.user)}, reverse=True),
        "ancestors": org_ancestors(org),
        "publication": publication,
        "summary": sel.summary(org, year, publication),
        "rows": sel.publication_progress(request.user, org, year),
        "rankings": [(lvl, sel.ranking(org, year, lvl, publication)) for lvl in sel.rank_levels(org)],
        "can_write": in_scope(request.user, org.path, Perm.WRITE),
        "can_export": in_scope(request.user, org.path, Perm.EXPORT),
    }
    return render(request, "publications/progress.html", context)


@login_required
def report(request):
    """The year-end report of a unit as .xlsx (audited)."""
    org, year = _unit_and_year(request)
    if org is None:
        raise PermissionDenied
    require(request.user, Perm.EXPORT, org.path)
    from jinguo.publications.reports import year_report

    audit.record(request.user, "export.publications_report", obj=org, detail={"year": year})
    return xlsx_response(year_report(request.user, org, year), f"{org.name}-{year}-宣传发行.xlsx")


# --- publications and targets ----------------------------------------------------------------------------------


@login_required
def publication_index(request):
    pubs = list(sel.publication_list(request.user)[:200])
    return render(
        request,
        "publications/publication_list.html",
        {
            "publications": pubs,
            "can_manage": any(sel.may_manage(request.user, r.path) for r in org_roots(request.user)),
        },
    )


@login_required
def publication_new(request):
    initial = {"org_code": default_unit_code(request.user), "year": timezone.localdate().year, "active": True}
    return form_page(
        request,
        PublicationForm(request.POST or None, initial=initial, user=request.user),
        lambda d: services.publication_create(
            actor=request.user,
            org=d["org"],
            title=d["title"],
            kind=d["kind"],
            unit_price=d["unit_price"],
            year=d["year"],
            active=d["active"],
        ),
        title=_("New publication"),
        back=reverse("publications:publications"),
        done=_("The publication is added."),
        to=lambda pub: reverse("publications:publication", args=[pub.pk]),
    )


@login_required
def publication_edit(request, pk):
    pub = sel.get_publication_for_user(request.user, pk)
    if not sel.may_manage(request.user, pub.org_path):
        raise PermissionDenied
    initial = {
        "org_code": pub.org.code,
        "title": pub.title,
        "kind": pub.kind,
        "unit_price": pub.unit_price,
        "year": pub.year,
        "active": pub.active,
    }
    form = PublicationForm(request.POST or None, initial=initial, user=request.user)
    form.fields["org_code"].disabled = form.fields["year"].disabled = True
    return form_page(
        request,
        form,
        lambda d: services.publication_update(
            actor=request.user,
            publication=pub,
            title=d["title"],
            kind=d["kind"],
            unit_price=d["unit_price"],
            active=d["active"],
        ),
        title=str(pub),
        back=reverse("publications:publication", args=[pub.pk]),
        done=_("Changes saved."),
        to=reverse("publications:publication", args=[pub.pk]),
    )


@login_required
def publication_detail(request, pk):
    """A publication: its national position, and the targets of a unit's children, which that unit sets here."""
    pub = sel.get_publication_for_user(request.user, pk)
    code = request.GET.get("code", "").strip()
    if code:
        under = get_org_for_user(request.user, code)
        if not under.path.startswith(pub.org_path):
            under = pub.org
    else:
        roots = [r for r in org_roots(request.user) if r.path.startswith(pub.org_path)]
        under = roots[0] if roots else pub.org
    if request.method == "POST":
        _set_targets(request, pub, under)
        return redirect(f"{reverse('publications:publication', args=[pub.pk])}?code={under.code}")
    national = NationalForm(initial={"national_rank": pub.national_rank, "national_note": pub.national_note})
    return render(
        request,
        "publications/publication_detail.html",
        {
            "pub": pub,
            "under": under,
            "ancestors": [a for a in org_ancestors(under) if a.path.startswith(pub.org_path)],
            "own": sel.summary(under, pub.year, pub),
            "children": sel.targets_of_children(pub, under),
            "can_set_own": under.path == pub.org_path and sel.may_manage(request.user, under.path),
            "can_set": sel.may_manage(request.user, under.path) and under.level in ("province", "league"),
            "can_manage": sel.may_manage(request.user, pub.org_path),
            "national": national if pub.org.level == "province" else None,
        },
    )


def _set_targets(request, pub, under) -> None:
    """The targets typed on the publication's page: the owner's own and those of the units just below."""
    from jinguo.orgs.models import OrgUnit

    units = {o.code: o for o in OrgUnit.objects.filter(parent=under)}
    units[under.code] = under
    targets, bad = [], []
    for key, value in request.POST.items():
        if not key.startswith("t_") or key[2:] not in units:
            continue
        text = value.strip().replace(",", "")
        if text == "":
            targets.append((units[key[2:]], None))
        elif text.isascii() and text.isdigit():
            targets.append((units[key[2:]], int(text)))
        else:
            bad.append(units[key[2:]].name)
    if bad:
        messages.error(request, _("Give whole numbers of copies: %(units)s.") % {"units": "、".join(bad)})
        return
    try:
        n = services.targets_set(actor=request.user, publication=pub, targets=targets)
    except PermissionDenied as e:
        messages.error(request, str(e) or _("You may not do this here."))
    except ValidationError as e:
        messages.error(request, "；".join(f"{k}: {'；'.join(v)}" for k, v in e.message_dict.items()))
    else:
        messages.success(request, _("%(n)s targets set.") % {"n": n})


@login_required
@require_POST
def publication_national(request, pk):
    pub = sel.get_publication_for_user(request.user, pk)
    form = NationalForm(request.POST)
    if not form.is_valid():
        form_error_messages(request, form)
        return redirect("publications:publication", pk=pub.pk)
    return act(
        request,
        lambda: services.publication_set_national(
            actor=request.user,
            publication=pub,
            rank=form.cleaned_data["national_rank"],
            note=form.cleaned_data["national_note"],
        ),
        done=_("The national position is recorded."),
        to=reverse("publications:publication", args=[pub.pk]),
    )


# --- subscriptions ---------------------------------------------------------------------------------------------


def _subscription_data(d) -> dict:
    return {k: d[k] for k in ("org", "publication", "copies", "amount", "payer", "date")}


@login_required
def subscription_new(request):
    require(request.user, Perm.WRITE)
    if request.method == "POST":
        form = SubscriptionForm(request.POST, user=request.user)
    else:
        initial = {
            "org_code": request.GET.get("org") or default_unit_code(request.user),
            "date": timezone.localdate().isoformat(),
            "publication": request.GET.get("publication", ""),
        }
        form = SubscriptionForm(initial=initial, user=request.user)
    return form_page(
        request,
        form,
        lambda d: services.subscription_create(actor=request.user, **_subscription_data(d)),
        title=_("Record a subscription"),
        back=reverse("publications:subscriptions"),
        done=_("The subscription is recorded."),
        to=lambda sub: reverse("publications:subscription", args=[sub.pk]),
    )


@login_required
def subscription_detail(request, pk):
    sub = sel.get_subscription_for_user(request.user, pk)
    from jinguo.core.history import history

    return render(
        request,
        "publications/subscription_detail.html",
        {
            "sub": sub,
            "can_write": in_scope(request.user, sub.org_path, Perm.WRITE),
            "history": history(sub, request.user),
        },
    )


@login_required
def subscription_edit(request, pk):
    sub = sel.get_subscription_for_user(request.user, pk, write=True)
    initial = {
        "org_code": sub.org.code,
        "publication": str(sub.publication_id),
        "copies": sub.copies,
        "amount": sub.amount,
        "payer": sub.payer,
        "date": sub.date.isoformat(),
    }
    return form_page(
        request,
        SubscriptionForm(request.POST or None, initial=initial, user=request.user),
        lambda d: services.subscription_update(actor=request.user, subscription=sub, **_subscription_data(d)),
        title=str(sub),
        back=reverse("publications:subscription", args=[sub.pk]),
        done=_("Changes saved."),
        to=reverse("publications:subscription", args=[sub.pk]),
    )


@login_required
@require_POST
def subscription_remove(request, pk):
    sub = sel.get_subscription_for_user(request.user, pk, write=True)
    services.subscription_delete(actor=request.user, subscription=sub)
    messages.success(request, _("The subscription was removed."))
    return redirect("publications:subscriptions")
