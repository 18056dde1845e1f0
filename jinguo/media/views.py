"""Pages of the media module: thin views — access, form, service, render."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jinguo.core.files import image_response
from jinguo.core.formviews import act, form_error_messages, form_page, refusal_messages
from jinguo.core.lists import export_view, page_view, paginate
from jinguo.core.periods import month_period, parse_period
from jinguo.core.roles import Perm
from jinguo.core.scope import has_perm, in_scope, require
from jinguo.media import selectors as sel
from jinguo.media import services
from jinguo.media.forms import (
    AccountForm,
    CommentatorForm,
    GuidanceForm,
    ImageForm,
    MetricsImportForm,
    PostForm,
    PushForm,
    ReviewForm,
    TaskDoneForm,
    WordForm,
)
from jinguo.media.inputs import resolve_platform, resolve_platforms, resolve_theme
from jinguo.media.lists import ACCOUNTS, COMMENTATORS, POSTS, TASKS
from jinguo.media.models import TIER_OF_STATE, PostState, TaskState
from jinguo.media.module import MANAGE, POST
from jinguo.orgs.models import Level
from jinguo.orgs.selectors import org_ancestors, org_children, unit_asked

accounts = page_view(ACCOUNTS)
accounts_export = export_view(ACCOUNTS)
posts = page_view(POSTS)
posts_export = export_view(POSTS)
tasks = page_view(TASKS)
tasks_export = export_view(TASKS)
commentators = page_view(COMMENTATORS)
commentators_export = export_view(COMMENTATORS)


def _month(request):
    text = request.GET.get("period", "").strip()
    today = timezone.localdate()
    if text:
        try:
            return parse_period(text)
        except ValidationError as e:
            refusal_messages(request, e)
    first = today.replace(day=1) - datetime.timedelta(days=1)
    return month_period(first.year, first.month)


# --- the matrix dashboard -----------------------------------------------------------------------------------


@login_required
def dashboard(request):
    """The matrix under the user's unit (or ?code=): own and member accounts by level and platform, accounts per
    unit below on the map, cross-posting completion and the month's leading accounts."""
    from jinguo.orgs.geo import has_map, shape_for, shape_names

    require(request.user, Perm.READ)
    org = unit_asked(request)
    if org is None:
        return render(request, "media/dashboard.html", {"org": None})
    period = _month(request)
    data = sel.matrix(request.user, org)
    labels = dict(Level.choices)
    for row in data["levels"]:
        row["label"] = labels.get(row["level"], row["level"])
    kids = {k.path: k for k in org_children(request.user, org)}
    names = shape_names(org.code) if has_map(org.code) else ()
    points = []
    for path, n in data["children"].items():
        unit = kids.get(path)
        shape = shape_for(unit.name, names) if unit and names else None
        if shape:
            points.append({"name": shape, "value": n, "code": unit.code})
    chart = {
        "map": {"code": org.code if names else None, "data": points, "metric": _("Accounts")},
        "ranking": [
            {"name": kids[p].name, "code": kids[p].code, "value": n} for p, n in data["children"].items() if p in kids
        ],
    }
    return render(
        request,
        "media/dashboard.html",
        {
            "org": org,
            "ancestors": org_ancestors(org),
            "m": data,
            "chart": chart,
            "period": period,
            "completion": sel.completion_by_unit(request.user, org, period),
            "leaders": sel.ranking(request.user, period.start, period.end, under=org, limit=10),
        },
    )


# --- accounts -----------------------------------------------------------------------------------------------


@login_required
def account_detail(request, pk):
    a = sel.get_account_for_user(request.user, pk)
    return render(
        request,
        "media/account.html",
        {
            "a": a,
            "periods": sel.account_periods(a, timezone.localdate()),
            "can_manage": in_scope(request.user, a.org_path, MANAGE),
        },
    )


def _account_form(request, account=None):
    initial = {"org_code": request.GET.get("org", ""), "verification": "none", "followers": 0, "active": True}
    if account is not None:
        initial = {
            "org_code": account.org.code,
            "name": account.name,
            "platform": account.platform_id,
            "platform_uid": account.platform_uid,
            "operator": account.operator,
            "brand": account.brand,
            "own": account.own,
            "followers": account.followers,
            "verification": account.verification,
            "last_post_on": account.last_post_on,
            "active": account.active,
        }
    form = AccountForm(
        request.POST or None, initial=initial, user=request.user, platforms=sel.platforms(active_only=account is None)
    )
    if account is not None:
        for f in ("org_code", "platform", "platform_uid"):
            form.fields[f].disabled = True
    return form


@login_required
def account_new(request):
    require(request.user, MANAGE)
    return form_page(
        request,
        _account_form(request),
        lambda d: services.account_create(
            actor=request.user,
            org=d["org"],
            name=d["name"],
            platform=resolve_platform(d["platform"]),
            platform_uid=d["platform_uid"],
            operator=d["operator"],
            brand=d["brand"],
            own=d["own"],
            followers=d["followers"],
            verification=d["verification"],
            last_post_on=d["last_post_on"],
        ),
        title=_("Register an account"),
        back=reverse("media:accounts"),
        done=_("The account is now in the register."),
        to=lambda a: reverse("media:account", args=[a.pk]),
    )


@login_required
def account_edit(request, pk):
    a = sel.get_account_for_user(request.user, pk)
    if not in_scope(request.user, a.org_path, MANAGE):
        raise PermissionDenied
    fields = ("name", "operator", "brand", "own", "followers", "verification", "last_post_on", "active")
    return form_page(
        request,
        _account_form(request, a),
        lambda d: services.account_update(actor=request.user, account=a, **{k: d[k] for k in fields}),
        title=a.name,
        back=reverse("media:account", args=[a.pk]),
        done=_("Changes saved."),
        to=reverse("media:account", args=[a.pk]),
    )


# --- posts --------------------------------------------------------------------------------------------------


def _post_form(request, post=None):
    from jinguo.planning.selectors import theme_choices

    initial = {"org_code": request.GET.get("org", "")}
    org = None
    if post is not None:
        org = post.org
        initial = {
            "org_code": post.org.code,
            "title": post.title,
            "body": post.body,
            "theme": post.theme_id or "",
            "targets": [str(a.pk) for a in post.targets.all()],
            "scheduled_at": timezone.localtime(post.scheduled_at).strftime("%Y-%m-%dT%H:%M")
            if post.scheduled_at
            else "",
        }
    themes = theme_choices(request.user).order_by("-year", "pk")[:200]
    accounts = sel.account_choices(request.user, org)[:500]
    form = PostForm(request.POST or None, initial=initial, user=request.user, themes=themes, accounts=accounts)
    if post is not None:
        form.fields["org_code"].disabled = True
    return form


def _post_fields(request, d: dict) -> dict:
    return {
        "title": d["title"],
        "body": d["body"],
        "theme": resolve_theme(request.user, d.get("theme")),
        "targets": d.get("targets") or [],
        "scheduled_at": d.get("scheduled_at"),
    }


@login_required
def post_new(request):
    require(request.user, POST)
    return form_page(
        request,
        _post_form(request),
        lambda d: services.post_create(actor=request.user, org=d["org"], **_post_fields(request, d)),
        title=_("New post"),
        back=reverse("media:posts"),
        done=_("The draft is saved."),
        to=lambda post: reverse("media:post", args=[post.pk]),
    )


@login_required
def post_edit(request, pk):
    post = sel.get_post_for_user(request.user, pk)
    if not in_scope(request.user, post.org_path, POST):
        raise PermissionDenied
    return form_page(
        request,
        _post_form(request, post),
        lambda d: services.post_update(actor=request.user, post=post, **_post_fields(request, d)),
        title=post.title,
        back=reverse("media:post", args=[post.pk]),
        done=_("Changes saved."),
        to=reverse("media:post", args=[post.pk]),
    )


@login_required
def post_detail(request, pk):
    from jinguo.core.history import history

    post = sel.get_post_for_user(request.user, pk)
    tier = TIER_OF_STATE.get(post.state)
    reviewers = {u.pk for u in services.tier_reviewers(post, tier)} if tier else set()
    pushes = [(p, sel.push_completion(p)) for p in post.pushes.select_related("org").order_by("-pk")]
    can_post = in_scope(request.user, post.org_path, POST)
    return render(
        request,
        "media/post.html",
        {
            "post": post,
            "targets": post.targets.select_related("platform", "org"),
            "images": post.images.all(),
            "reviews": post.reviews.select_related("reviewer"),
            "publications": sel.post_publications(post),
            "pushes": pushes,
            "tier": services.TIER_LABELS.get(tier) if tier else "",
            "may_review": request.user.pk in reviewers and post.created_by_id != request.user.pk,
            "can_post": can_post,
            "editable": can_post and post.state in (PostState.DRAFT, PostState.RETURNED),
            "review_form": ReviewForm(auto_id="review_%s"),
            "image_form": ImageForm(),
            "push_form": PushForm(
                initial={"org_code": post.org.code, "due_on": timezone.localdate() + datetime.timedelta(days=3)},
                platforms=sel.platforms(),
            )
            if post.state == PostState.PUBLISHED and has_perm(request.user, MANAGE)
            else None,
            "history": history(post, request.user),
            "comment_url": reverse("core:comment", args=["media.post", post.pk]),
        },
    )


@login_required
@require_POST
def post_submit(request, pk):
    post = sel.get_post_for_user(request.user, pk)
    return act(
        request,
        lambda: services.post_submit(actor=request.user, post=post),
        done=_("The post is sent to the first review."),
        to=reverse("media:post", args=[post.pk]),
    )


@login_required
@require_POST
def post_review(request, pk):
    post = sel.get_post_for_user(request.user, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        form_error_messages(request, form)
        return redirect("media:post", pk=post.pk)
    d = form.cleaned_data
    return act(
        request,
        lambda: services.post_review(actor=request.user, post=post, decision=d["decision"], comment=d["comment"]),
        done=_("The decision is recorded."),
        to=reverse("media:post", args=[post.pk]),
    )


@login_required
@require_POST
def post_publish(request, pk):
    post = sel.get_post_for_user(request.user, pk)
    urls = {k.removeprefix("url_"): v for k, v in request.POST.items() if k.startswith("url_") and v.strip()}
    return act(
        request,
        lambda: services.post_publish(
            actor=request.user, post=post, urls={int(k): v for k, v in urls.items() if k.isdigit()}
        ),
        done=_("The post is published."),
        to=reverse("media:post", args=[post.pk]),
    )


@login_required
@require_POST
def post_image_add(request, pk):
    post = sel.get_post_for_user(request.user, pk)
    form = ImageForm(request.POST, request.FILES)
    if not form.is_valid():
        form_error_messages(request, form)
        return redirect("media:post", pk=post.pk)
    d = form.cleaned_data
    return act(
        request,
        lambda: services.post_image_add(actor=request.user, post=post, upload=d["image"], caption=d["caption"]),
        done=_("The image is added."),
        to=reverse("media:post", args=[post.pk]),
    )


@login_required
def post_image(request, pk, image_pk):
    post = sel.get_post_for_user(request.user, pk)
    img = post.images.filter(pk=image_pk).first()
    if img is None:
        raise Http404
    return image_response(img.image)


@login_required
@require_POST
def post_push(request, pk):
    post = sel.get_post_for_user(request.user, pk)
    form = PushForm(request.POST, user=request.user, platforms=sel.platforms())
    if not form.is_valid():
        form_error_messages(request, form)
        return redirect("media:post", pk=post.pk)
    d = form.cleaned_data
    return act(
        request,
        lambda: services.push_create(
            actor=request.user,
            post=post,
            org=d["org"],
            due_on=d["due_on"],
            levels=d["levels"],
            platforms=resolve_platforms(d["platforms"]),
            brand=d["brand"],
            note=d["note"],
        ),
        done=lambda push: _("%(n)s accounts were given the task.") % {"n": push.tasks.count()},
        to=reverse("media:post", args=[post.pk]),
    )


# --- tasks --------------------------------------------------------------------------------------------------


@login_required
def task_detail(request, pk):
    task = sel.get_task_for_user(request.user, pk)
    return form_page(
        request,
        TaskDoneForm(request.POST or None),
        lambda d: services.task_complete(actor=request.user, task=task, url=d["url"]),
        done=_("The task is done."),
        to=reverse("media:task", args=[task.pk]),
        template="media/task.html",
        extra=lambda: {
            "task": task,
            "can_do": task.state == TaskState.OPEN and in_scope(request.user, task.org_path, POST),
        },
    )


# --- rankings and metrics -----------------------------------------------------------------------------------


@login_required
def rankings(request):
    require(request.user, Perm.READ)
    period = _month(request)
    platform = None
    if request.GET.get("platform"):
        try:
            platform = resolve_platform(request.GET["platform"], active=False)
        except ValidationError as e:
            refusal_messages(request, e)
    level = request.GET.get("level", "")
    level = level if level in dict(Level.choices) else ""
    brand = request.GET.get("brand", "").strip()[:30]
    rows = sel.ranking(
        request.user, period.start, period.end, platform=platform, brand=brand, level=level, attach=False
    )
    page = paginate(request, rows)
    page.object_list = sel.attach_accounts(list(page.object_list))
    return render(
        request,
        "media/rankings.html",
        {
            "page": page,
            "period": period,
            "platforms": sel.platforms(active_only=False),
            "brands": sel.brands(request.user),
            "levels": Level.choices,
            "f": {"platform": platform.pk if platform else "", "brand": brand, "level": level, "period": period.code},
            "top_posts": sel.top_posts(request.user, period.start, period.end),
        },
    )


@login_required
def metrics_import(request):
    from jinguo.core.xlsx import RowError
    from jinguo.media.importers import import_metrics

    require(request.user, MANAGE)
    form = MetricsImportForm(request.POST or None, request.FILES or None, platforms=sel.platforms())
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            platform = resolve_platform(form.cleaned_data["platform"])
            if not upload.name.lower().endswith((".xlsx", ".csv")) or upload.size > 50 * 1024 * 1024:
                raise ValidationError(_("Only .xlsx or .csv files up to 50 MB can be imported."))
            result = import_metrics(request.user, platform, upload)
        except ValidationError as e:
            result = type(
                "R", (), {"ok": False, "written": 0, "total": 0, "errors": [RowError(0, "", m) for m in e.messages]}
            )()
        if result.ok:
            messages.success(request, _("%(n)s daily rows imported.") % {"n": result.written})
    return render(request, "media/metrics_import.html", {"form": form, "result": result, "platforms": sel.platforms()})


# --- the word list ------------------------------------------------------------------------------------------


@login_required
def words(request):
    require(request.user, Perm.READ)
    if request.method == "POST":
        require(request.user, MANAGE)
    return form_page(
        request,
        WordForm(request.POST or None, user=request.user),
        lambda d: services.word_add(actor=request.user, org=d["org"], word=d["word"], note=d["note"]),
        done=_("The word is added."),
        to=reverse("media:words"),
        template="media/words.html",
        extra=lambda: {"words": sel.word_list(request.user)[:1000], "can_manage": has_perm(request.user, MANAGE)},
    )


@login_required
@require_POST
def word_remove(request, pk):
    from jinguo.core.scope import get_for_user
    from jinguo.media.models import SensitiveWord

    w = get_for_user(SensitiveWord.objects.all(), request.user, pk)
    return act(
        request,
        lambda: services.word_remove(actor=request.user, word=w),
        done=_("The word is removed."),
        to=reverse("media:words"),
    )


# --- commentators and guidance ------------------------------------------------------------------------------


@login_required
def commentator_new(request):
    from jinguo.core.bounds import record_id

    require(request.user, MANAGE)

    def add(d):
        person = record_id(d["person"])
        if person is None:
            raise ValidationError({"person": [_("Choose from the list.")]})
        return services.commentator_add(actor=request.user, org=d["org"], person=person, role=d["role"])

    return form_page(
        request,
        CommentatorForm(request.POST or None, user=request.user, initial={"role": "commentator"}),
        add,
        title=_("Add to the team"),
        back=reverse("media:commentators"),
        done=_("Added to the team."),
        to=reverse("media:commentators"),
    )


@login_required
def guidance_index(request):
    require(request.user, Perm.READ)
    form = GuidanceForm(
        request.POST or None,
        user=request.user,
        initial={"kind": "share", "due_on": timezone.localdate() + datetime.timedelta(days=2)},
    )
    if request.method == "POST":
        require(request.user, MANAGE)
    return form_page(
        request,
        form,
        lambda d: services.guidance_create(
            actor=request.user,
            org=d["org"],
            title=d["title"],
            kind=d["kind"],
            target_url=d["target_url"],
            due_on=d["due_on"],
        ),
        done=None,  # the new task's page is the answer
        to=lambda t: reverse("media:guidance", args=[t.pk]),
        template="media/guidance_list.html",
        extra=lambda: {"tasks": sel.guidance_list(request.user)[:100], "can_manage": has_perm(request.user, MANAGE)},
    )


@login_required
def guidance_detail(request, pk):
    task = sel.get_guidance_for_user(request.user, pk)
    if request.method == "POST":
        c = sel.get_commentator_for_user(request.user, request.POST.get("commentator"))
        return act(
            request,
            lambda: services.guidance_done(
                actor=request.user, task=task, commentator=c, url=request.POST.get("url", "")
            ),
            done=_("Recorded."),
            to=reverse("media:guidance", args=[task.pk]),
        )
    return render(request, "media/guidance.html", {"task": task, "progress": sel.guidance_progress(request.user, task)})


# --- the monthly matrix report ------------------------------------------------------------------------------


@login_required
def report(request):
    """The month's matrix report: printable page, .xlsx or .docx (downloads are audited)."""
    from jinguo.core import audit
    from jinguo.core.xlsx import xlsx_response
    from jinguo.media.reports import report_data, report_docx, report_xlsx

    require(request.user, Perm.READ)
    org = unit_asked(request)
    if org is None:
        raise Http404
    period = _month(request)
    data = report_data(request.user, org, period)
    fmt = request.GET.get("format", "")
    name = f"{org.name}-{period.code}-新媒体矩阵月报"
    if fmt in ("xlsx", "docx"):
        require(request.user, Perm.EXPORT)
        audit.record(request.user, "export.media_report", obj=org, detail={"period": period.code, "format": fmt})
        if fmt == "xlsx":
            return xlsx_response(report_xlsx(data), f"{name}.xlsx")
        from urllib.parse import quote

        response = HttpResponse(
            report_docx(data), content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.docx"
        return response
    return render(request, "media/report.html", {"d": data, "org": org, "period": period})


# --- platforms (the region) ---------------------------------------------------------------------------------


@login_required
def platforms(request):
    require(request.user, Perm.READ)
    return render(
        request,
        "media/platforms.html",
        {"platforms": sel.platforms(active_only=False), "can_manage": services.may_keep_platforms(request.user)},
    )


@login_required
def platform_edit(request, pk=None):
    from jinguo.media.forms import PlatformForm

    if not services.may_keep_platforms(request.user):
        raise PermissionDenied
    platform = sel.platforms(active_only=False).filter(pk=pk).first() if pk else None
    if pk and platform is None:
        raise Http404
    initial = {
        "adapter": "record",
        "active": True,
        "columns": "\n".join(f"{k}={v}" for k, v in services.GENERIC_COLUMNS.items()),
    }
    if platform is not None:
        initial = {
            "code": platform.code,
            "name": platform.name,
            "domains": platform.domains,
            "adapter": platform.adapter,
            "columns": "\n".join(f"{k}={v}" for k, v in platform.columns.items()),
            "active": platform.active,
        }
    form = PlatformForm(request.POST or None, initial=initial)
    if platform is not None:
        form.fields["code"].disabled = True
    fields = ("code", "name", "domains", "adapter", "columns", "active")
    return form_page(
        request,
        form,
        lambda d: services.platform_save(actor=request.user, platform=platform, **{k: d[k] for k in fields}),
        title=platform.name if platform else _("New platform"),
        back=reverse("media:platforms"),
        done=_("Changes saved."),
        to=reverse("media:platforms"),
    )
