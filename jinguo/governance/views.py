"""Pages of village micro-governance: the overview of a unit's villages with the five lines side by side, each
line's list, and a record's page with its workflow's buttons."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jinguo.core.formviews import act, form_page, period_param
from jinguo.core.history import history
from jinguo.core.lists import list_export, list_page
from jinguo.core.periods import current_period
from jinguo.core.roles import Perm
from jinguo.core.scope import in_scope, require
from jinguo.governance import selectors as sel
from jinguo.governance import services
from jinguo.governance.forms import OutcomeForm, record_form
from jinguo.governance.lines import BY_KEY, LINES
from jinguo.governance.lists import SPECS
from jinguo.governance.models import MicroOrg
from jinguo.orgs.selectors import default_unit_code, org_ancestors, unit_asked
from jinguo.people.selectors import people_of_units

ACTIONS = {  # line → {action: (service, message)}
    "agreements": {
        "complete": (
            lambda actor, r, outcome: services.agreement_complete(actor=actor, agreement=r, outcome=outcome),
            _("The agreement is done."),
        ),
        "reopen": (lambda actor, r, outcome: services.agreement_reopen(actor=actor, agreement=r), _("Opened again.")),
    },
    "supervision": {
        "close": (
            lambda actor, r, outcome: services.supervision_close(actor=actor, item=r, outcome=outcome),
            _("The item is closed."),
        ),
        "reopen": (lambda actor, r, outcome: services.supervision_reopen(actor=actor, item=r), _("Opened again.")),
    },
}


def _line(key):
    line = BY_KEY.get(key)
    if line is None:
        raise Http404
    return line


def _period(request):
    text = request.GET.get("period", "").strip()
    period = period_param(request, text, "year")
    if not period.stored:
        messages.error(request, _("Choose a year, a quarter or a month."))
        period = current_period("year")
    return period


@login_required
def overview(request):
    """The villages of a county (or town) with the five lines side by side for a period; above a county, its
    counties with the villages each line reached."""
    require(request.user, Perm.READ)
    org = unit_asked(request)
    if org is None:
        return render(request, "governance/overview.html", {"org": None})
    period = _period(request)
    data = sel.overview(org, period) if org.level != "village" else None
    today = timezone.localdate()
    return render(
        request,
        "governance/overview.html",
        {
            "org": org,
            "ancestors": org_ancestors(org),
            "data": data,
            "lines": LINES,
            "period": period,
            "periods": [str(today.year), str(today.year - 1), f"{today.year}Q{(today.month - 1) // 3 + 1}"],
            "can_write": in_scope(request.user, org.path, Perm.WRITE),
        },
    )


def list_view(key):
    spec = SPECS[key]

    @login_required
    def view(request):
        return list_page(request, spec)

    view.__name__ = f"{key}_page"
    return view


def export_view(key):
    spec = SPECS[key]

    @login_required
    def view(request):
        return list_export(request, spec)

    view.__name__ = f"{key}_export"
    return view


def _choices(request, line, org=None):
    people = people_of_units(request.user) if line.model is MicroOrg else []
    micro_orgs = list(sel.micro_org_choices(request.user)[:200]) if "micro_org" in line.extra else []
    return {"people": people, "micro_orgs": micro_orgs}


@login_required
def record_new(request, key):
    line = _line(key)
    require(request.user, Perm.WRITE)
    if request.method == "POST":
        form = record_form(line, user=request.user, data=request.POST, **_choices(request, line))
    else:
        initial = {
            "org_code": request.GET.get("org") or default_unit_code(request.user),
            "date": timezone.localdate().isoformat(),
        }
        form = record_form(line, user=request.user, initial=initial, **_choices(request, line))
    return form_page(
        request,
        form,
        lambda d: services.record_create(
            key,
            actor=request.user,
            org=d["org"],
            **({"members": d["members"]} if line.model is MicroOrg else {}),
            **form.service_data(),
        ),
        title=_("New: %(line)s") % {"line": line.name},
        back=reverse(f"governance:{key}"),
        done=_("Recorded."),
        to=lambda record: reverse("governance:record", args=[key, record.pk]),
        denied_field="org_code",
    )


@login_required
def record_detail(request, key, pk):
    line = _line(key)
    record = sel.get_record_for_user(request.user, line, pk)
    can_write = in_scope(request.user, record.org_path, Perm.WRITE)
    actions = []
    if can_write and key in ACTIONS:
        flow = services.AGREEMENT_FLOW if key == "agreements" else services.SUPERVISION_FLOW
        actions = [a for a in ACTIONS[key] if flow.allowed(record, a)]
    members = list(record.members.select_related("org").order_by("name")) if line.model is MicroOrg else []
    return render(
        request,
        "governance/record_detail.html",
        {
            "line": line,
            "record": record,
            "members": members,
            "can_write": can_write,
            "actions": actions,
            "outcome_form": OutcomeForm(),
            "history": history(record, request.user),
            "comment_url": reverse("core:comment", args=[line.label, record.pk])
            if line.label in ("governance.agreement", "governance.supervisionitem")
            else None,
        },
    )


@login_required
def record_edit(request, key, pk):
    line = _line(key)
    record = sel.get_record_for_user(request.user, line, pk, write=True)
    initial = {
        "org_code": record.org.code,
        "date": record.date.isoformat(),
        "title": record.title,
        "participants": record.participants,
        "outcome": record.outcome,
    }
    for f in line.extra:
        value = getattr(record, f"{f}_id", None) if f in ("leader", "micro_org") else getattr(record, f)
        initial[f] = "" if value is None else value
    if line.model is MicroOrg:
        initial["members"] = [str(i) for i in record.members.values_list("pk", flat=True)]
    choices = _choices(request, line)
    if line.model is MicroOrg:
        current = list(record.members.select_related("org"))
        choices["people"] = list({p.pk: p for p in [*current, *choices["people"]]}.values())
    form = record_form(line, user=request.user, data=request.POST or None, initial=initial, **choices)
    form.fields["org_code"].disabled = True
    return form_page(
        request,
        form,
        lambda d: services.village_record_update(
            actor=request.user,
            record=record,
            **({"members": d["members"]} if line.model is MicroOrg else {}),
            **form.service_data(),
        ),
        title=record.title,
        back=reverse("governance:record", args=[key, record.pk]),
        done=_("Changes saved."),
        to=reverse("governance:record", args=[key, record.pk]),
        denied_field="org_code",
    )


@login_required
@require_POST
def record_remove(request, key, pk):
    line = _line(key)
    record = sel.get_record_for_user(request.user, line, pk, write=True)
    services.village_record_delete(actor=request.user, record=record)
    messages.success(request, _("The record was removed."))
    return redirect(f"governance:{key}")


@login_required
@require_POST
def record_act(request, key, pk, action):
    """A workflow step from the record's page: an agreement done or reopened, an item closed or reopened."""
    line = _line(key)
    if action not in ACTIONS.get(key, {}):
        raise Http404
    record = sel.get_record_for_user(request.user, line, pk)
    step, done = ACTIONS[key][action]
    return act(
        request,
        lambda: step(request.user, record, request.POST.get("outcome", "")),
        done=done,
        to=reverse("governance:record", args=[key, record.pk]),
    )
