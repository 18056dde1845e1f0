import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jinguo.contest import selectors as sel
from jinguo.contest import services
from jinguo.contest.forms import ContestForm, EntryForm
from jinguo.contest.models import RoundJudge, RoundState
from jinguo.core.forms import apply_errors
from jinguo.core.models import User
from jinguo.core.roles import Perm
from jinguo.core.scope import has_perm, require
from jinguo.orgs.selectors import get_org_for_user, org_roots
from jinguo.people.selectors import people_nameable, person_list

_LINE = re.compile(r"^(.+?)[\s,，]+(\d+)(?:[\s,，]+(\d+))?$")


@login_required
def contest_index(request):
    require(request.user, Perm.READ)
    return render(
        request,
        "contest/list.html",
        {
            "contests": sel.contest_list(request.user),
            "judging": sel.judge_rounds(request.user),
            "can_write": has_perm(request.user, Perm.WRITE),
        },
    )


@login_required
def contest_new(request):
    require(request.user, Perm.WRITE)
    roots = org_roots(request.user)
    form = ContestForm(
        request.POST or None,
        initial={
            "org_code": roots[0].code if len(roots) == 1 else "",
            "year": timezone.localdate().year,
            "criteria": "内容 40 100\n表达 30 100\n形象 15 100\n效果 15 100",
            "rounds": "初赛\n决赛",
        },
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        criteria = []
        for line in d["criteria"].splitlines():
            line = line.strip()
            if not line:
                continue
            m = _LINE.match(line)
            if m is None:
                form.add_error("criteria", _("“%(line)s”: write a name, a weight and full marks.") % {"line": line})
                break
            criteria.append((m[1], m[2], m[3] or 100))
        if not form.errors:
            try:
                org = get_org_for_user(request.user, d["org_code"].strip())
            except Http404:
                form.add_error("org_code", _("There is no unit with that code among your units."))
            else:
                try:
                    c = services.contest_create(
                        actor=request.user,
                        org=org,
                        title=d["title"],
                        year=d["year"],
                        description=d["description"],
                        criteria=criteria,
                        rounds=d["rounds"].splitlines(),
                    )
                except ValidationError as e:
                    apply_errors(form, e)
                else:
                    messages.success(request, _("The contest is set up."))
                    return redirect("contest:detail", pk=c.pk)
    return render(request, "contest/form.html", {"form": form, "title": _("New lecture contest")})


@login_required
def contest_detail(request, pk):
    c = sel.get_contest_for_user(request.user, pk)
    rounds = list(c.rounds.all())
    return render(
        request,
        "contest/detail.html",
        {
            "contest": c,
            "criteria": list(c.criteria.all()),
            "rounds": rounds,
            "organiser": sel.is_organiser(request.user, c),
            "tie_rule": sel.TIE_RULE,
        },
    )


@login_required
def round_detail(request, pk):
    rnd = sel.get_round_for_user(request.user, pk)
    organiser = sel.is_organiser(request.user, rnd.contest)
    ranking = sel.round_ranking(rnd) if organiser and rnd.state != RoundState.DRAFT else []
    return render(
        request,
        "contest/round.html",
        {
            "round": rnd,
            "contest": rnd.contest,
            "entries": list(sel.round_entries(request.user, rnd)),
            "judges": list(rnd.judges.select_related("user")),
            "organiser": organiser,
            "ranking": ranking,
            "can_enter": rnd.state == RoundState.DRAFT and has_perm(request.user, Perm.WRITE),
            "is_judge": RoundJudge.objects.filter(round=rnd, user=request.user).exists(),
            "tie_rule": sel.TIE_RULE,
        },
    )


@login_required
@require_POST
def round_action(request, pk, action):
    rnd = sel.get_round_for_user(request.user, pk, write=True)
    try:
        if action == "open":
            services.round_open(actor=request.user, round=rnd)
        elif action == "close":
            services.round_close(actor=request.user, round=rnd)
        elif action == "publish":
            services.round_publish(actor=request.user, round=rnd)
        elif action == "advance":
            n = services.round_advance(actor=request.user, round=rnd, top=int(request.POST.get("top") or 0))
            messages.success(request, _("%(n)s entries advanced to the next round.") % {"n": n})
        elif action == "judge":
            user = User.objects.filter(username=request.POST.get("username", "").strip()).first()
            services.judge_add(actor=request.user, round=rnd, user=user)
        elif action == "unjudge":
            j = (
                RoundJudge.objects.filter(round=rnd, pk=request.POST.get("judge") or 0)
                .select_related("user", "round__contest")
                .first()
            )
            if j is None:
                raise Http404
            services.judge_remove(actor=request.user, judge=j)
        else:
            raise Http404
    except (ValidationError, ValueError) as e:
        for msg in getattr(e, "messages", [str(e)]):
            messages.error(request, msg)
    else:
        if action != "advance":
            messages.success(request, _("Done."))
    return redirect("contest:round", pk=rnd.pk)


@login_required
def entry_new(request, pk):
    rnd = sel.get_round_for_user(request.user, pk)
    require(request.user, Perm.WRITE)
    q = request.GET.get("q", "").strip()
    people = list(person_list(request.user, q=q).select_related("org")[:50]) if q else []
    if request.method == "POST":
        # Only a person the user may name comes back into the form: an id of anyone else names nobody.
        for posted in people_nameable(request.user, [request.POST.get("lecturer")]).values():
            if posted not in people:
                people.append(posted)
    roots = org_roots(request.user)
    form = EntryForm(
        request.POST or None,
        request.FILES or None,
        people=people,
        initial={"org_code": roots[0].code if len(roots) == 1 else ""},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            org = get_org_for_user(request.user, d["org_code"].strip())
        except Http404:
            form.add_error("org_code", _("There is no unit with that code among your units."))
        else:
            try:
                services.entry_submit(
                    actor=request.user,
                    round=rnd,
                    org=org,
                    lecturer=d["lecturer"],
                    title=d["title"],
                    video=d.get("video"),
                    video_url=d.get("video_url") or "",
                )
            except ValidationError as e:
                apply_errors(form, e)
            else:
                messages.success(request, _("The entry is in."))
                return redirect("contest:round", pk=rnd.pk)
    return render(request, "contest/entry_form.html", {"form": form, "round": rnd, "q": q})


@login_required
def entry_video(request, pk):
    e = sel.get_entry_for_user(request.user, pk)
    if not e.video:
        raise Http404
    return FileResponse(e.video.open("rb"), content_type="video/mp4")


@login_required
def judge_round(request, pk):
    rnd = sel.get_round_for_judge(request.user, pk)
    if request.method == "POST":
        entry = next(
            (i.entry for i in sel.judge_worklist(request.user, rnd) if str(i.entry.pk) == request.POST.get("entry")),
            None,
        )
        if entry is None:
            raise Http404
        values = {k[1:]: v for k, v in request.POST.items() if k.startswith("c") and k[1:].isdigit()}
        try:
            services.score_submit(actor=request.user, entry=entry, values=values)
        except ValidationError as e:
            for msg in e.messages:
                messages.error(request, msg)
        else:
            messages.success(request, _("Scores saved for %(title)s.") % {"title": entry.title})
        return redirect("contest:judge", pk=rnd.pk)
    return render(
        request,
        "contest/judge.html",
        {"round": rnd, "items": sel.judge_worklist(request.user, rnd), "criteria": list(rnd.contest.criteria.all())},
    )


def public_index(request):
    return render(request, "contest/public_index.html", {"contests": sel.public_contests()})


def public_results(request, pk):
    c = sel.get_public_contest(pk)
    return render(
        request, "contest/public.html", {"contest": c, "rounds": sel.published_rounds(c), "tie_rule": sel.TIE_RULE}
    )
