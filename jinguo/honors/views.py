"""Pages of the honours module: programmes, nominations and their decisions, objections, the registry."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jinguo.core import audit
from jinguo.core.lists import export_view, page_view
from jinguo.honors import selectors as sel
from jinguo.honors import services
from jinguo.honors.lists import HONOURS, NOMINATIONS

nominations = page_view(NOMINATIONS)
honours = page_view(HONOURS)
honours_export = export_view(HONOURS)


@login_required
def programmes(request):
    rows = [(p, services.quota_status(p, p.org_path)) for p in sel.programme_list(request.user)[:100]]
    return render(request, "honors/programmes.html", {"rows": rows})


@login_required
def nomination(request, pk):
    n = sel.get_nomination_for_user(request.user, pk)
    return render(request, "honors/nomination.html", {"n": n, "scores": n.scores.select_related("criterion")})


@login_required
@require_POST
def nomination_decide(request, pk):
    n = sel.get_nomination_for_user(request.user, pk)
    try:
        if request.POST.get("decision") == "advance":
            services.nomination_advance(actor=request.user, nomination=n)
        else:
            services.nomination_not_advance(actor=request.user, nomination=n, reason=request.POST.get("reason", ""))
        messages.success(request, _("The decision is recorded."))
    except (ValidationError, PermissionDenied) as e:
        messages.error(request, "；".join(getattr(e, "messages", None) or [str(e)]))
    return redirect("honors:nomination", pk=n.pk)


@login_required
def objection(request, pk):
    o = sel.get_objection_for_user(request.user, pk)
    return render(request, "honors/objection.html", {"o": o})


@login_required
def certificate(request, pk):
    h = sel.get_honour_for_user(request.user, pk)
    audit.record(request.user, "honors.certificate", obj=h)
    response = HttpResponse(
        services.certificate_docx(h),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="certificate-{h.certificate_no}.docx"'
    return response


@login_required
@require_POST
def honour_revoke(request, pk):
    h = sel.get_honour_for_user(request.user, pk)
    try:
        services.honour_revoke(actor=request.user, honour=h, reason=request.POST.get("reason", ""))
        messages.success(request, _("The honour is revoked."))
    except (ValidationError, PermissionDenied) as e:
        messages.error(request, "；".join(getattr(e, "messages", None) or [str(e)]))
    return redirect("honors:honours")
