"""Pages of the opinion module: mentions, stories, sources, rules, alerts, incidents, briefs and the sentiment model."""

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

from jinguo.core import audit
from jinguo.core.formviews import act
from jinguo.core.lists import export_view, page_view
from jinguo.core.scope import has_perm, in_scope, require, scope_paths
from jinguo.opinion import briefs, services
from jinguo.opinion import selectors as sel
from jinguo.opinion.lists import ALERTS, INCIDENTS, MENTIONS
from jinguo.opinion.models import Frequency, Level, Sentiment, SentimentModel, SourceKind
from jinguo.opinion.module import MONITOR, RESPOND
from jinguo.orgs.selectors import get_org_for_user, resolve_org

mentions = page_view(MENTIONS)
mentions_export = export_view(MENTIONS)
alerts = page_view(ALERTS)
alerts_export = export_view(ALERTS)
incidents = page_view(INCIDENTS)


def _refused(request, e) -> None:
    """A refusal as messages, the opinion module's way (not core.formviews.refusal_messages): these pages post no
    form to show a field's error on, so each field's message names the field, and a refusal of the whole is one
    message."""
    if isinstance(e, ValidationError) and hasattr(e, "error_dict"):
        for field, msgs in e.message_dict.items():
            for m in msgs:
                messages.error(request, m if field == "__all__" else f"{field}: {m}")
    else:
        messages.error(request, "；".join(getattr(e, "messages", None) or [str(e) or _("Not allowed.")]))


@login_required
def mention(request, pk):
    m = sel.get_mention_for_user(request.user, pk)
    if request.method == "POST":
        return act(
            request,
            lambda: services.mention_label(actor=request.user, mention=m, label=request.POST.get("label", "")),
            done=_("The label is saved; it trains the next model."),
            to=reverse("opinion:mention", args=[m.pk]),
            refused=_refused,
        )
    story = sel.story_mentions(m.story, request.user) if m.story_id else []
    return render(
        request,
        "opinion/mention.html",
        {"m": m, "story": story, "labels": Sentiment.choices, "may_label": in_scope(request.user, m.org_path, MONITOR)},
    )


@login_required
def sources(request):
    require(request.user, MONITOR)
    if request.method == "POST":
        try:
            org = resolve_org(request.user, request.POST.get("org_code", ""), perm=MONITOR)
            services.source_create(
                actor=request.user,
                org=org,
                name=request.POST.get("name", ""),
                kind=request.POST.get("kind", SourceKind.API),
                url=request.POST.get("url", ""),
            )
            messages.success(request, _("The source is added."))
            return redirect("opinion:sources")
        except (ValidationError, PermissionDenied) as e:
            _refused(request, e)
    return render(
        request, "opinion/sources.html", {"sources": sel.source_list(request.user)[:200], "kinds": SourceKind.choices}
    )


@login_required
@require_POST
def source_poll(request, pk):
    source = sel.get_source_for_user(request.user, pk, write=True)
    return act(
        request,
        lambda: services.source_poll(actor=request.user, source=source),
        done=lambda result: _("Polled: %(status)s, %(n)s new.") % {"status": result["status"], "n": result["created"]},
        to=reverse("opinion:sources"),
        refused=_refused,
    )


RULE_TEXT = ("name", "all_terms", "any_terms", "not_terms", "near_terms", "level")
RULE_NUMBERS = ("within", "min_reach", "min_spread")


@login_required
def rules(request):
    require(request.user, MONITOR)
    if request.method == "POST":
        try:
            org = resolve_org(request.user, request.POST.get("org_code", ""), perm=MONITOR)
            values = {k: request.POST.get(k, "") for k in RULE_TEXT}
            for k in RULE_NUMBERS:
                raw = request.POST.get(k, "").strip() or "0"
                if not raw.isdigit() or len(raw) > 10:
                    raise ValidationError({k: [_("A whole number.")]})
                values[k] = int(raw)
            values["within"] = values["within"] or 20
            values["negative_only"] = bool(request.POST.get("negative_only"))
            services.rule_save(actor=request.user, org=org, **values)
            messages.success(request, _("The rule is saved."))
            return redirect("opinion:rules")
        except (ValidationError, PermissionDenied) as e:
            _refused(request, e)
    return render(request, "opinion/rules.html", {"rules": sel.rule_list(request.user)[:200], "levels": Level.choices})


@login_required
def alert(request, pk):
    a = sel.get_alert_for_user(request.user, pk)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "acknowledge":
                services.alert_acknowledge(actor=request.user, alert=a, note=request.POST.get("note", ""))
                messages.success(request, _("The alert is acknowledged."))
            elif action == "close":
                services.alert_close(actor=request.user, alert=a, note=request.POST.get("note", ""))
                messages.success(request, _("The alert is closed."))
            elif action == "incident":
                incident = services.incident_open(actor=request.user, alert=a, title=request.POST.get("title", ""))
                return redirect("opinion:incident", pk=incident.pk)
            else:
                raise ValidationError(_("Unknown action."))
        except (ValidationError, PermissionDenied) as e:
            _refused(request, e)
        return redirect("opinion:alert", pk=a.pk)
    incident = getattr(a, "incident", None) if hasattr(a, "incident") else None
    return render(
        request,
        "opinion/alert.html",
        {
            "a": a,
            "incident": incident,
            "escalations": sel.alert_escalations(a),
            "story": sel.story_mentions(a.story, request.user, limit=20),
            "may_respond": in_scope(request.user, a.org_path, RESPOND),
        },
    )


STEP_OF_STATE = {"judging": "report", "reported": "respond", "responding": "resolve", "resolved": "review"}


@login_required
def incident(request, pk):
    i = sel.get_incident_for_user(request.user, pk)
    if request.method == "POST":
        return act(
            request,
            lambda: services.incident_step(
                actor=request.user,
                incident=i,
                step=request.POST.get("step", ""),
                text=request.POST.get("text", ""),
                review=request.POST.get("review", ""),
            ),
            done=_("The step is recorded."),
            to=reverse("opinion:incident", args=[i.pk]),
            refused=_refused,
        )
    story = i.alert.story
    terms = [t for t in (story.title[:10],) if t]
    posts = sel.media_posts(request.user, terms, story.first_seen, timezone.now())
    from jinguo.core.history import history

    return render(
        request,
        "opinion/incident.html",
        {
            "i": i,
            "step": STEP_OF_STATE.get(i.state),
            "posts": posts,
            "history": history(i, request.user),
            "overdue": i.state != "reviewed" and timezone.now() > i.step_due_at,
            "may_respond": in_scope(request.user, i.org_path, RESPOND),
        },
    )


def _brief_args(request):
    code = request.GET.get("under", "")
    if code:
        org = get_org_for_user(request.user, code)
    else:
        paths = scope_paths(request.user)
        if not paths:
            raise Http404
        from jinguo.orgs.models import OrgUnit

        org = OrgUnit.objects.get(path=paths[0]) if paths[0] else OrgUnit.objects.order_by("path").first()
    period = request.GET.get("period", Frequency.DAILY)
    if period not in Frequency.values:
        period = Frequency.DAILY
    try:
        day = datetime.date.fromisoformat(request.GET.get("day", "")[:10])
    except ValueError:
        day = timezone.localdate()
    return org, period, day


@login_required
def brief(request):
    require(request.user, "read")
    org, period, day = _brief_args(request)
    if request.method == "POST":
        return act(
            request,
            lambda: services.brief_subscribe(
                actor=request.user, org=org, frequency=period, on=request.POST.get("on") == "1"
            ),
            done=_("Your subscription is saved."),
            to=f"{request.path}?under={org.code}&period={period}",
            refused=_refused,
        )
    data = briefs.build(request.user, org, period, day)
    return render(request, "opinion/brief.html", {**data, "may_export": has_perm(request.user, "export")})


@login_required
def brief_docx(request):
    require(request.user, "export")
    org, period, day = _brief_args(request)
    data = briefs.build(request.user, org, period, day)
    audit.record(request.user, "opinion.brief_export", org_path=org.path, detail={"period": period, "day": str(day)})
    response = HttpResponse(
        briefs.docx(data), content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="brief-{org.code}-{period}-{day:%Y%m%d}.docx"'
    return response


@login_required
def model(request):
    require(request.user, MONITOR)
    if request.method == "POST":
        return act(
            request,
            lambda: services.sentiment_train(actor=request.user),
            done=lambda row: _("A new model is trained: %(acc)s on the held-out set.") % {"acc": f"{row.accuracy:.1%}"},
            to=reverse("opinion:model"),
            refused=_refused,
        )
    from jinguo.core.scope import scoped
    from jinguo.opinion.models import Mention

    labelled = scoped(Mention.objects.exclude(label=""), request.user).count()
    return render(request, "opinion/model.html", {"models": SentimentModel.objects.all()[:10], "labelled": labelled})
