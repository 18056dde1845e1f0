"""Public pages (no login): the volunteer projects on show (what each does, where, how to join) and the sign-up
form, rate-limited, asking for consent, landing in the team's inbox. Named cases never appear here."""

from django.core.exceptions import ValidationError
from django.shortcuts import render

from jinguo.core.context import client_ip
from jinguo.core.forms import apply_errors
from jinguo.core.lists import paginate
from jinguo.volunteer import selectors as sel
from jinguo.volunteer import services
from jinguo.volunteer.forms import ApplicationForm


def projects(request):
    return render(request, "volunteer/public_projects.html", {"page": paginate(request, sel.public_projects(), 20)})


def project(request, pk):
    p = sel.public_project(pk)
    form = ApplicationForm(request.POST or None)
    done, status = False, 200
    if request.method == "POST" and form.is_valid():
        try:
            services.application_submit(project=p, ip=client_ip(request), **form.cleaned_data)
            done = True
        except services.RateLimited as e:
            form.add_error(None, str(e))
            status = 429
        except ValidationError as e:
            apply_errors(form, e)
            status = 400
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "volunteer/public_project.html",
        {"p": p, "form": form, "done": done, "beneficiaries": p.beneficiaries.all()},
        status=status,
    )
