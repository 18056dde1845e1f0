"""Public pages (no login): open notices with their nominees (name, unit, title, deeds summary only — never an
ID number, phone or address), the objection form, and the honour roll."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render

from jinguo.core.actors import SYSTEM
from jinguo.core.context import client_ip
from jinguo.core.lists import paginate
from jinguo.honors import selectors as sel
from jinguo.honors import services
from jinguo.honors.models import HonourTitle


def notices(request):
    services.notices_close_ended(actor=SYSTEM)
    return render(request, "honors/public_notices.html", {"notices": sel.public_notices()})


def notice(request, pk):
    services.notices_close_ended(actor=SYSTEM)
    found = sel.public_notices().filter(pk=pk).first()
    if found is None:
        raise Http404
    errors, done, status = {}, False, 200
    if request.method == "POST":
        try:
            services.objection_submit(
                notice=found,
                nomination_id=request.POST.get("nomination"),
                name=request.POST.get("name", ""),
                contact=request.POST.get("contact", ""),
                text=request.POST.get("text", ""),
                ip=client_ip(request),
            )
            done = True
        except services.RateLimited as e:
            errors, status = {"__all__": [str(e)]}, 429
        except ValidationError as e:
            errors = e.message_dict if hasattr(e, "error_dict") else {"__all__": e.messages}
            status = 400
    context = {
        "notice": found,
        "nominees": sel.public_nominees(found),
        "errors": errors,
        "done": done,
        "form": request.POST if errors else {},
    }
    return render(request, "honors/public_notice.html", context, status=status)


def roll(request):
    qs = sel.public_honours()
    title, year, league = request.GET.get("title", ""), request.GET.get("year", ""), request.GET.get("league", "")
    if title.isdigit():
        qs = qs.filter(title_id=int(title))
    if year.isdigit() and len(year) == 4:
        qs = qs.filter(year=int(year))
    if league.isdigit() and len(league) <= 12:
        qs = qs.filter(org_path__startswith=league[:4])
    context = {
        "page": paginate(request, qs),
        "titles": HonourTitle.objects.filter(active=True),
        "title": title,
        "year": year,
        "league": league,
    }
    return render(request, "honors/public_roll.html", context)
