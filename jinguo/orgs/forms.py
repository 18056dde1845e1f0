"""The form every module's pages use when a record names its unit by code (`org_code`)."""

from django.core.exceptions import ValidationError

from jinguo.core.forms import StyledForm
from jinguo.orgs.selectors import resolve_org


class UnitForm(StyledForm):
    """A StyledForm whose `org_code` is resolved for `user` into cleaned_data["org"]: an unknown code and a unit
    outside the user's get the one message of orgs.selectors.resolve_org (the API answers both 404)."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        d = super().clean()
        field = self.fields.get("org_code")
        if field is not None and not field.disabled and d.get("org_code") and self.user is not None:
            try:
                d["org"] = resolve_org(self.user, d["org_code"])
            except ValidationError as e:
                self.add_error("org_code", e.message_dict["org_code"])
        return d
