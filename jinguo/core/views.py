from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jinguo.core import audit, modules, xlsx
from jinguo.core.auditlog import AUDIT
from jinguo.core.lists import CappedPaginator, export_view, page_view, paginate  # noqa: F401 (paginate: re-exported)
from jinguo.core.models import ExportJob, ImportJob
from jinguo.core.roles import Perm
from jinguo.core.scope import require
from jinguo.core.services import (
    otp_device_for,
    otp_verify,
    user_set_password,
)
from jinguo.core.tasks import run_import_job, run_job, sweep_if_stale


@login_required
def home(request):
    """The user's roles, after the cards each module puts on the home page (its manifest's `home`)."""
    cards = [card for m in modules.modules() if m.home and (card := modules.resolve(m.home)(request))]
    memberships = list(request.user.memberships.select_related("org").order_by("org__path"))
    return render(request, "core/home.html", {"cards": cards, "memberships": memberships})


# --- imports -------------------------------------------------------------------------------------


def _importer(request, kind: str) -> xlsx.Importer:
    cls = xlsx.REGISTRY.get(kind)
    if cls is None:
        raise Http404
    require(request.user, cls.permission)
    return cls(request.user)


@login_required
def import_template(request, kind):
    importer = _importer(request, kind)
    return xlsx.xlsx_response(xlsx.template_workbook(importer), f"{importer.title}-模板.xlsx")


@login_required
def import_upload(request, kind):
    importer = _importer(request, kind)
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose an .xlsx file to import."))
        elif not upload.name.lower().endswith(tuple(importer.formats)) or upload.size > 50 * 1024 * 1024:
            if tuple(importer.formats) == (".xlsx",):
                messages.error(request, _("Only .xlsx files up to 50 MB can be imported."))
            else:
                messages.error(
                    request,
                    _("Only %(formats)s files up to 50 MB can be imported.") % {"formats": "、".join(importer.formats)},
                )
        else:
            try:
                rows = xlsx.count_rows(upload, text=importer.reads_text())
            except ValidationError as e:
                messages.error(request, "；".join(e.messages))
            else:
                job = ImportJob.objects.create(
                    kind=kind,
                    user=request.user,
                    file=upload,
                    filename=upload.name[:200],
                    total=rows * 2,
                    confirm_unusual=bool(request.POST.get("confirm_unusual")),
                )
                if rows > settings.IMPORT_BACKGROUND_ROWS:
                    run_import_job.enqueue(job.pk)
                else:
                    run_job(job)
                return redirect("core:import_job", pk=job.pk)
    jobs = ImportJob.objects.filter(user=request.user, kind=kind)[:10]
    return render(request, "core/import_upload.html", {"importer": importer, "kind": kind, "jobs": jobs})


def _job_for_user(request, pk) -> ImportJob:
    return get_object_or_404(ImportJob, pk=pk, user=request.user)


@login_required
def import_job(request, pk):
    # A job whose worker died is shown failed (and the page stops polling) rather than running for ever.
    job = sweep_if_stale(_job_for_user(request, pk))
    template = "core/import_job.html#status" if request.htmx else "core/import_job.html"
    return render(request, template, {"job": job, "errors": job.errors[:200]})


@login_required
def import_job_errors(request, pk):
    job = _job_for_user(request, pk)
    return xlsx.xlsx_response(xlsx.error_workbook(job.errors), f"导入错误-{job.filename}")


# --- exports run by the task worker ----------------------------------------------------------------


@login_required
def export_job(request, pk):
    job = get_object_or_404(ExportJob, pk=pk, user=request.user)
    template = "core/export_job.html#status" if request.htmx else "core/export_job.html"
    return render(request, template, {"job": job})


@login_required
def export_job_file(request, pk):
    job = get_object_or_404(ExportJob, pk=pk, user=request.user, state=ExportJob.State.DONE)
    return xlsx.file_response(job.file.open("rb"), job.filename)


# --- audit ------------------------------------------------------------------------------------------


audit_list = page_view(AUDIT)
audit_export = export_view(AUDIT)


@login_required
def audit_verify(request):
    require(request.user, Perm.AUDIT_READ)
    result = audit.verify()
    return render(request, "core/audit_verify.html", {"result": result})


# --- password and second factor --------------------------------------------------------------------


@login_required
def password_change(request):
    from django.contrib.auth import update_session_auth_hash

    errors: dict = {}
    if request.method == "POST":
        new1, new2 = request.POST.get("new_password1", ""), request.POST.get("new_password2", "")
        if new1 != new2:
            errors["new_password2"] = [_("The two new passwords differ.")]
        else:
            try:
                user_set_password(
                    actor=request.user,
                    user=request.user,
                    old_password=request.POST.get("old_password", ""),
                    new_password=new1,
                )
            except ValidationError as e:
                errors = e.message_dict if hasattr(e, "error_dict") else {"new_password1": e.messages}
            else:
                update_session_auth_hash(request, request.user)
                messages.success(request, _("Your password is changed."))
                return redirect("home")
    from django.contrib.auth.password_validation import password_validators_help_texts

    return render(
        request,
        "core/password_change.html",
        {"errors": errors, "expired": request.GET.get("expired"), "help": password_validators_help_texts()},
    )


def _manual_key(key: bytes) -> str:
    """The TOTP key as authenticator apps take it typed in: Base32 (RFC 4648, as in the QR code's otpauth URI),
    in groups of four for reading off the screen; the apps ignore the spaces."""
    import base64

    text = base64.b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@login_required
def otp(request):
    """Set up (first time: QR code) or enter the TOTP code that admins and reviewers need on every page."""
    import qrcode
    import qrcode.image.svg
    from django.utils.http import url_has_allowed_host_and_scheme
    from django.utils.safestring import mark_safe
    from django_otp import login as otp_login

    device = otp_device_for(request.user)
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    error = ""
    if request.method == "POST":
        if otp_verify(user=request.user, device=device, token=request.POST.get("token", "").strip()):
            otp_login(request, device)
            return redirect(next_url)
        error = _("The code is wrong or has expired. Enter the current 6-digit code.")
    qr_svg = ""
    if not device.confirmed:
        img = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
        qr_svg = mark_safe(img.to_string(encoding="unicode"))  # noqa: S308 (generated by qrcode, no user input)
    return render(
        request,
        "core/otp.html",
        {
            "device": device,
            "qr_svg": qr_svg,
            "error": error,
            "next": next_url,
            "secret": _manual_key(device.bin_key) if not device.confirmed else "",
        },
    )


# --- comments on a record's page -------------------------------------------------------------------


@login_required
@require_POST
def comment_post(request, object_type, object_id):
    """Add a comment to a record the user may read, then go back to its page."""
    from django.utils.http import url_has_allowed_host_and_scheme

    from jinguo.core.history import comment_add, get_commentable_for_user

    obj = get_commentable_for_user(request.user, object_type, object_id)
    try:
        comment_add(actor=request.user, obj=obj, text=request.POST.get("text", ""))
    except ValidationError as e:
        messages.error(request, "；".join(e.messages))
    else:
        messages.success(request, _("Comment added."))
    back = request.POST.get("next", "")
    ok = back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    return redirect(back if ok else "home")
