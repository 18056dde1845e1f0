from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from jinguo.core import modules
from jinguo.core import notify as services
from jinguo.core.models import NoticeMode as Mode
from jinguo.core.models import NoticePreference as Preference
from jinguo.core.views import paginate
from jinguo.notifications import selectors as sel


@login_required
def inbox(request):
    show = request.GET.get("show", "unread")
    kind = request.GET.get("kind", "")[:60]
    kinds = modules.notice_kinds()
    page = paginate(request, sel.inbox(request.user, unread=show == "unread", kind=kind if kind in kinds else ""))
    context = {"page": page, "show": show, "kind": kind, "kinds": kinds}
    return render(request, "notifications/inbox.html#results" if request.htmx else "notifications/inbox.html", context)


def _local(request, url: str) -> bool:
    """A path of this site, never another host ("//evil.example" included)."""
    return (
        bool(url) and url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()})
    )


@login_required
def open_notification(request, pk):
    """Mark it read and follow its link (a path of this site only)."""
    n = sel.get_notification_for_user(request.user, pk)
    services.mark_read(user=request.user, pk=n.pk)
    return redirect(n.url if _local(request, n.url) else "notifications:inbox")


@login_required
@require_POST
def read(request, pk):
    n = sel.get_notification_for_user(request.user, pk)
    services.mark_read(user=request.user, pk=n.pk)
    nxt = request.POST.get("next", "")
    return redirect(nxt if _local(request, nxt) else "notifications:inbox")


@login_required
@require_POST
def read_all(request):
    services.mark_all_read(user=request.user)
    return redirect("notifications:inbox")


@login_required
def preferences(request):
    kinds = modules.notice_kinds()
    if request.method == "POST":
        for code in kinds:
            mode = request.POST.get(code)
            if mode in Mode.values:
                services.preference_set(user=request.user, kind=code, mode=mode)
        return redirect("notifications:preferences")
    current = dict(Preference.objects.filter(user=request.user).values_list("kind", "mode"))
    rows = [(code, k, current.get(code, Mode.IMMEDIATE)) for code, k in kinds.items()]
    return render(request, "notifications/preferences.html", {"rows": rows, "modes": Mode.choices})
