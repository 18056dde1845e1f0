"""The public check-in pages (no login): an attendee opens the QR link or types the 6-digit code."""

import datetime
import hmac

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from jinguo.core import ratelimit
from jinguo.core.context import client_ip
from jinguo.core.forms import apply_errors
from jinguo.core.text import normalize_identifier
from jinguo.outreach import services
from jinguo.outreach.forms import CheckInForm
from jinguo.outreach.selectors import checkin_count, lecture_for_checkin, lectures_by_code

CODE_LOOKUPS = 20  # codes typed per address …
CODE_WINDOW = 600  # … in this many seconds


def checkin_start(request):
    error = ""
    code = normalize_identifier(request.POST.get("code"))  # a phone's input method may type ０-９
    if request.method == "POST":
        if not ratelimit.hit(f"checkin-code:{client_ip(request)}", limit=CODE_LOOKUPS, window=CODE_WINDOW):
            error = _("Too many attempts from this phone: wait a few minutes and try again.")
        elif not (len(code) == 6 and code.isascii() and code.isdigit()):
            error = _("The check-in code has 6 digits.")
        else:
            today = timezone.localdate()
            found = lectures_by_code(code, [today, today - datetime.timedelta(days=1)])
            if len(found) == 1:
                return redirect("checkin:lecture", pk=found[0].pk, code=code)
            error = _("No lecture open for check-in has this code. Ask the organiser, or scan the QR code.")
    return render(request, "outreach/checkin_start.html", {"error": error, "code": code}, status=400 if error else 200)


def checkin_lecture(request, pk, code):
    lecture = lecture_for_checkin(pk)
    if lecture is None or not hmac.compare_digest(str(code).encode(), lecture.checkin_code.encode()):
        raise Http404
    form = CheckInForm(request.POST or None)
    done = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            done = services.checkin_register(lecture=lecture, code=code, ip=client_ip(request), **form.cleaned_data)
        except services.RateLimited as e:
            form.add_error(None, str(e))
            status = 429
        except ValidationError as e:
            apply_errors(form, e)
            status = 400
    context = {
        "lecture": lecture,
        "form": form,
        "done": done,
        "checked_in": checkin_count(lecture),
        "open": services.checkin_open(lecture),
    }
    return render(request, "outreach/checkin.html", context, status=status)
