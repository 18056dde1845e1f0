from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jinguo.core.files import image_response
from jinguo.core.forms import add_check_errors, apply_errors
from jinguo.core.lists import export_view, page_view
from jinguo.core.roles import Perm
from jinguo.core.scope import has_perm, in_scope, require
from jinguo.people.forms import PersonForm
from jinguo.people.lists import PEOPLE
from jinguo.people.selectors import get_person_for_user, person_list
from jinguo.people.services import person_create, person_delete, person_reveal, person_update
from jinguo.people.validation import clean_person


def home_cards(request) -> str:
    """The home page's card of the registry: how many people are registered in the user's units."""
    if not has_perm(request.user, Perm.READ):
        return ""
    return render_to_string("people/home_cards.html", {"people": person_list(request.user).count()}, request=request)


person_index = page_view(PEOPLE)
person_export = export_view(PEOPLE)


@login_required
def person_detail(request, pk):
    person = get_person_for_user(request.user, pk)
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "can_write": in_scope(request.user, person.org_path, Perm.WRITE),
            "can_reveal": in_scope(request.user, person.org_path, Perm.REVEAL),
        },
    )


@login_required
@require_POST
def person_reveal_view(request, pk, field):
    person = get_person_for_user(request.user, pk)
    if field not in ("id_number", "phone"):
        raise Http404
    value = person_reveal(actor=request.user, person=person, field=field)
    return HttpResponse(format_html('<span class="masked" data-testid="revealed-{}">{}</span>', field, value))


def _save(request, form, person=None):
    """Run the service with the form's data; map its errors back onto the form. Returns the person."""
    d = form.cleaned_data
    org = d["org"]
    fields = {k: d[k] for k in ("name", "gender", "ethnicity", "birth_date")}
    try:
        if person is None:
            return person_create(
                actor=request.user, org=org, id_number=d["id_number"], phone=d["phone"], photo=d.get("photo"), **fields
            )
        extra = {}
        if d["id_number"]:
            extra["id_number"] = d["id_number"]
        if d["phone"]:
            extra["phone"] = d["phone"]
        return person_update(actor=request.user, person=person, org=org, photo=d.get("photo"), **fields, **extra)
    except ValidationError as e:
        apply_errors(form, e)
        return None


def _check_person(d: dict) -> None:
    clean_person(**{k: d.get(k) or "" for k in ("name", "gender", "ethnicity", "birth_date", "id_number", "phone")})


@login_required
def person_new(request):
    require(request.user, Perm.WRITE)
    if request.method == "POST":
        form = PersonForm(request.POST, request.FILES, creating=True, user=request.user)
        if form.is_valid() and (person := _save(request, form)) is not None:
            messages.success(request, _("%(name)s is registered.") % {"name": person.name})
            return redirect("people:detail", pk=person.pk)
        if not form.is_valid():
            add_check_errors(form, _check_person)  # the registry's checks too: every error in one round
    else:
        form = PersonForm(creating=True, initial={"org_code": request.GET.get("org", "")})
    return render(request, "people/form.html", {"form": form, "person": None})


@login_required
def person_edit(request, pk):
    person = get_person_for_user(request.user, pk, write=True)
    if request.method == "POST":
        form = PersonForm(request.POST, request.FILES, creating=False, user=request.user)
        if form.is_valid() and _save(request, form, person) is not None:
            messages.success(request, _("Changes saved."))
            return redirect("people:detail", pk=person.pk)
    else:
        form = PersonForm(
            creating=False,
            initial={
                "name": person.name,
                "gender": person.gender,
                "ethnicity": person.ethnicity,
                "birth_date": person.birth_date.isoformat(),
                "org_code": person.org.code,
            },
        )
    return render(request, "people/form.html", {"form": form, "person": person})


@login_required
@require_POST
def person_remove(request, pk):
    person = get_person_for_user(request.user, pk, write=True)
    name = person.name
    try:
        person_delete(actor=request.user, person=person)
    except ValidationError as e:
        messages.error(request, "；".join(e.messages))
        return redirect("people:detail", pk=person.pk)
    messages.success(request, _("%(name)s was removed from the registry.") % {"name": name})
    return redirect("people:list")


@login_required
def person_photo(request, pk):
    return image_response(get_person_for_user(request.user, pk).photo)
