"""The shapes every module's pages repeat, written once: a form page whose valid form goes to a service (its
refusal back on the form, its success a message and a redirect), a button that runs a service on a record (its
refusal shown as a message), and the unit a new record's form starts on.

A module's view keeps what is its own (which form, which service, which words) and hands the rest to these:

    form = TeamForm(request.POST or None, user=request.user, initial={"org_code": default_unit_code(request.user)})
    return form_page(request, form, lambda d: services.team_create(actor=request.user, **d),
                     title=_("New volunteer team"), back=reverse("volunteer:teams"),
                     done=_("The team is registered."), to=lambda team: reverse("volunteer:team", args=[team.pk]))
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jinguo.core.forms import apply_errors

FORM_TEMPLATE = "includes/form_page.html"


def refusal_messages(request, error: Exception) -> None:
    """A service's refusal (ValidationError, PermissionDenied) as error messages on the next page."""
    texts = getattr(error, "messages", None) or [str(error) or _("This is not allowed.")]
    for text in texts:
        messages.error(request, text)


def form_page(
    request,
    form,
    save: Callable[[dict], Any],
    *,
    title,
    back: str,
    done,
    to: Callable[[Any], str] | str,
    template: str = FORM_TEMPLATE,
    extra: dict | None = None,
):
    """A create or edit page: on a valid POST, `save(cleaned_data)` (the service); a refusal goes back onto the
    form field by field (a permission refusal as the form's own error) and the page shows again with what was
    typed; on success, `done` as a message and a redirect to `to` (a URL, or a function of what `save` returned)."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as e:
            apply_errors(form, e)
        except PermissionDenied as e:
            apply_errors(form, ValidationError(str(e) or _("This is not allowed.")))
        else:
            messages.success(request, done)
            return redirect(to(saved) if callable(to) else to)
    return render(request, template, {"form": form, "title": title, "back": back, **(extra or {})})


def act(request, action: Callable[[], Any], *, done, to: str):
    """A button's POST that runs a service on a record: `done` as a message, or the refusal as messages; then back
    to `to`."""
    try:
        action()
    except (ValidationError, PermissionDenied) as e:
        refusal_messages(request, e)
    else:
        messages.success(request, done)
    return redirect(to)


def default_unit_code(user) -> str:
    """The unit a new record's form starts on: the user's own when they hold one unit, else none chosen."""
    from jinguo.orgs.selectors import org_roots

    roots = org_roots(user)
    return roots[0].code if len(roots) == 1 else ""
