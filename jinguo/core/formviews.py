"""The shapes every module's pages repeat, written once: a form page whose valid form goes to a service (its
refusal back on the form, its success a message and a redirect), and a button that runs a service on a record (its
refusal shown as a message). The unit a new record's form starts on is the tree's business:
`jinguo.orgs.selectors.default_unit_code` (core is below orgs).

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


def period_param(request, text: str, default: str = "quarter"):
    """The period a page's filter names (`text`: 2026, 2026Q3, 2026-07, a..b), or the current `default` one
    (year, quarter or month) when it names none or one that cannot be read, whose refusal then shows."""
    from django.utils import timezone

    from jinguo.core.periods import parse_period, period_of_day

    try:
        if text.strip():
            return parse_period(text)
    except ValidationError as e:
        refusal_messages(request, e)
    return period_of_day(default, timezone.localdate())


def _said(done, result):
    """`done` as the message to show: a text, or a function of what the service returned."""
    return done(result) if callable(done) else done


def form_refusal(form) -> ValidationError:
    """A form's errors as one refusal (its messages, without the fields' names), for a step that raises it."""
    return ValidationError([m for errs in form.errors.values() for m in errs])


def form_error_messages(request, form) -> None:
    """A small form posted from a record's page with errors: its messages (without the fields' names) as error
    messages on the page it goes back to."""
    refusal_messages(request, form_refusal(form))


def form_page(
    request,
    form,
    save: Callable[[dict], Any],
    *,
    title=None,
    back: str | None = None,
    done,
    to: Callable[[Any], str] | str,
    template: str = FORM_TEMPLATE,
    extra: dict | Callable[[], dict] | None = None,
    denied_field: str | None = None,
):
    """A create or edit page: on a valid POST, `save(cleaned_data)` (the service); a refusal goes back onto the
    form field by field (a permission refusal as the form's own error, or on `denied_field` when the refusal is
    about what that field chose, e.g. the unit) and the page shows again with what was typed; on success, `done` as
    a message and a redirect to `to`.

    `done` is a text, a function of what `save` returned, or None (no message: the page `to` leads to says it);
    `to` is a URL or a function of what `save` returned. The page is `template` with `form`, `title` and `back`
    (each left out when not given: a page of its own may have no title or Cancel link) and `extra`: a dict, or a
    function returning one, called only when the page is shown (for a context that costs queries)."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as e:
            apply_errors(form, e)
        except PermissionDenied as e:
            form.add_error(denied_field, str(e) or _("This is not allowed."))
        else:
            if done is not None:
                messages.success(request, _said(done, saved))
            return redirect(to(saved) if callable(to) else to)
    context = {"form": form}
    if title is not None:
        context["title"] = title
    if back is not None:
        context["back"] = back
    context.update((extra() if callable(extra) else extra) or {})
    return render(request, template, context)


def act(
    request,
    action: Callable[[], Any],
    *,
    done,
    to: str,
    refused: Callable[[Any, Exception], None] | None = None,
    refused_to: str | None = None,
):
    """A button's POST that runs a service on a record: `done` as a message (a text, or a function of what `action`
    returned), or the refusal as messages (`refused(request, error)` when the module words refusals its own way,
    else `refusal_messages`); then back to `to`, or to `refused_to` after a refusal (a record removed goes to its
    list, one that stays to its own page)."""
    try:
        result = action()
    except (ValidationError, PermissionDenied) as e:
        (refused or refusal_messages)(request, e)
        return redirect(refused_to or to)
    else:
        messages.success(request, _said(done, result))
    return redirect(to)
