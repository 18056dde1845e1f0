"""Form plumbing every module's pages share: Tabler styling, free value lists, and service errors on forms.

Forms carry what the user typed; the checks live in the services, whose ValidationError is put back onto
the form field by field with `apply_errors`.
"""

from django import forms
from django.core.exceptions import ValidationError

# A service names the unit `org`; the forms let the user type its code into `org_code`.
FIELD_ALIASES = {"org": "org_code"}


class StyledForm(forms.Form):
    """Tabler classes on every widget, `is-invalid` on fields with errors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            w = field.widget
            if isinstance(w, forms.CheckboxSelectMultiple | forms.RadioSelect | forms.CheckboxInput):
                w.attrs.setdefault("class", "form-check-input")
            elif isinstance(w, forms.Select):
                w.attrs.setdefault("class", "form-select")
            else:
                w.attrs.setdefault("class", "form-control")

    def _mark_invalid(self) -> None:
        for name in self.errors:
            if name in self.fields:
                w = self.fields[name].widget
                if "is-invalid" not in w.attrs.get("class", ""):
                    w.attrs["class"] = (w.attrs.get("class", "") + " is-invalid").strip()

    def full_clean(self):
        super().full_clean()
        self._mark_invalid()

    def add_error(self, field, error):
        super().add_error(field, error)
        self._mark_invalid()


class SwitchSelect(forms.Select):
    """A drop-down whose choice shows or hides other fields of the form: each option carries a switch value
    (`values`: option value → switch value, e.g. a programme → its kind) and a field marked with `show_when`
    shows only while the chosen option's switch value is one of its own (app.js; with nothing chosen, or without
    scripts, every field shows). Hiding is for the eye: the service decides which fields count."""

    def __init__(self, switch: str, attrs=None, choices=()):
        super().__init__({**(attrs or {}), "data-switch": switch}, choices)
        self.values: dict[str, str] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if (v := self.values.get(str(value))) is not None:
            option["attrs"]["data-switch-value"] = v
        return option


def show_when(field: forms.Field, switch: str, *values: str) -> forms.Field:
    """Mark `field` to show only while the SwitchSelect named `switch` has one of `values` chosen."""
    field.show_when = f"{switch}:{','.join(values)}"
    return field


class ValuesField(forms.Field):
    """A list of submitted values, checked by the service rather than against fixed choices."""

    widget = forms.CheckboxSelectMultiple

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value if str(v).strip()]


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError onto `form`: each field's messages on that field (or on the field its
    alias names), the rest as errors of the whole form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        target = field if field in form.fields else FIELD_ALIASES.get(field)
        form.add_error(target if target in form.fields else None, messages)


class _Unrendered(forms.MultipleHiddenInput):
    """Renders nothing: the cautions' boxes are drawn by includes/form_errors.html, unticked on every showing."""

    def render(self, name, value, attrs=None, renderer=None):
        return ""


class ConfirmField(ValuesField):
    """The codes of the cautions (core.confirm) the user ticked to say "the values are right, save"."""

    widget = _Unrendered

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        from jinguo.core.confirm import codes

        return sorted(codes(super().to_python(value)))


def ask_confirmation(form: forms.Form, exc) -> None:
    """Show a service's NeedsConfirmation on `form`: its cautions above the fields, each with a box to tick."""
    form.cautions = exc.cautions


def add_check_errors(form: forms.Form, check) -> None:
    """Every error in one round: when the form's own checks failed, run the service's checks (`check`, given the
    values that did clean) and add their messages to the fields that have no error yet. Nothing is written."""
    try:
        check(form.cleaned_data)
    except ValidationError as e:
        if not hasattr(e, "error_dict"):
            return
        for field, messages in e.message_dict.items():
            target = field if field in form.fields else FIELD_ALIASES.get(field)
            if target in form.fields and not form.errors.get(target):
                form.add_error(target, messages)


def bounded_number_field(model, name: str, *, label, required: bool = True) -> forms.Field:
    """A form field for a model's number field, with its bounds (core.bounds): an IntegerField, or a DecimalField
    with the model field's digits and places."""
    from jinguo.core.bounds import bounds

    b = bounds(model, name)
    field = model._meta.get_field(name)
    places = getattr(field, "decimal_places", None)
    attrs = {"inputmode": "decimal" if places else "numeric"}
    if places is not None:
        return forms.DecimalField(
            label=label,
            required=required,
            min_value=b.min_value,
            max_value=b.max_value,
            max_digits=field.max_digits,
            decimal_places=places,
            widget=forms.TextInput(attrs=attrs),
        )
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=b.min_value,
        max_value=b.max_value,
        widget=forms.TextInput(attrs=attrs),
    )
