"""Public pages (no login, the slim public layout): open notices with their nominees (name, unit, title and deeds
summary only — never an ID number, phone or address), the objection form, the honour roll with the family
stories the families consented to, and the social nomination form (社会化申报)."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render

from jinguo.core.actors import SYSTEM
from jinguo.core.context import client_ip
from jinguo.core.files import image_response
from jinguo.core.lists import paginate
from jinguo.honors import selectors as sel
from jinguo.honors import services
from jinguo.honors.forms import ApplyForm


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
    if title.isdigit() and len(title) <= 9:
        qs = qs.filter(title_id=int(title))
    if year.isdigit() and len(year) == 4:
        qs = qs.filter(year=int(year))
    if league.isdigit() and len(league) <= 12:
        qs = qs.filter(org_path__startswith=league[:4])
    page = paginate(request, qs, size=20)
    stories = sel.public_stories([h.pk for h in page])
    context = {
        "page": page,
        "rows": [(h, stories.get(h.pk, [])) for h in page],
        "titles": sel.titles(),
        "leagues": sel.leagues(),
        "title": title,
        "year": year,
        "league": league,
    }
    return render(request, "honors/public_roll.html", context)


def story_photo(request, pk):
    story = sel.get_public_story(pk)
    if story is None:
        raise Http404
    return image_response(story.photo)


def apply(request):
    """The social nomination form: send the check code, then the application (rate-limited, consent ticked)."""
    programmes = list(sel.social_programmes())
    counties = {}
    for p in programmes:
        for c in sel.counties_under(p.org_path):
            counties[c.code] = c
    form = ApplyForm(request.POST or None, programmes=programmes, counties=counties.values())
    status, sent, done = 200, False, None
    if request.method == "POST" and programmes:
        action = request.POST.get("action")
        if action == "send_code":
            # What was typed stays in the form (unbound: only a refused number is marked, not the fields still to fill).
            form = ApplyForm(initial=request.POST.dict(), programmes=programmes, counties=counties.values())
            form.cleaned_data = {}  # an unbound form takes an error on one field
            try:
                services.application_send_code(phone=request.POST.get("applicant_phone", ""), ip=client_ip(request))
                sent = True
            except services.RateLimited as e:
                form.add_error(None, str(e))
                status = 429
            except ValidationError as e:
                form.add_error("applicant_phone", e.messages)
                status = 400
        elif form.is_valid():
            d = form.cleaned_data
            programme = next((p for p in programmes if str(p.pk) == d["programme"]), None)
            org = counties.get(d["org"])
            try:
                done = services.application_submit(
                    programme=programme,
                    org=org,
                    relation=d["relation"],
                    applicant_name=d["applicant_name"],
                    applicant_phone=d["applicant_phone"],
                    code=d.get("code") or "",
                    nominee_name=d["nominee_name"],
                    nominee_id_number=d["nominee_id_number"],
                    nominee_ethnicity=d["nominee_ethnicity"],
                    nominee_phone=d.get("nominee_phone") or "",
                    nominee_unit=d["nominee_unit"],
                    deeds=d["deeds"],
                    summary=d["summary"],
                    consent=d.get("consent", False),
                    ip=client_ip(request),
                )
            except services.RateLimited as e:
                form.add_error(None, str(e))
                status = 429
            except ValidationError as e:
                from jinguo.core.forms import apply_errors

                apply_errors(form, e)
                status = 400
        else:
            status = 400
    return render(
        request,
        "honors/public_apply.html",
        {"form": form, "programmes": programmes, "sent": sent, "done": done},
        status=status,
    )
