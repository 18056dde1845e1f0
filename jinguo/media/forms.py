"""Forms carry what the user typed; the checks live in the services. Text bounds come from the models."""

from django import forms
from django.utils.translation import gettext_lazy as _

from jinguo.core.bounds import bounds
from jinguo.core.forms import StyledForm, ValuesField
from jinguo.media.models import (
    Account,
    CommentatorRole,
    GuidanceKind,
    GuidanceTask,
    Post,
    Review,
    SensitiveWord,
    Verification,
)
from jinguo.orgs.forms import UnitForm
from jinguo.orgs.models import Level
from jinguo.orgs.widgets import UnitCodeField


def _len(model, field) -> int:
    return bounds(model, field).max_length


class AccountForm(UnitForm):
    org_code = UnitCodeField(label=_("Org unit"))
    name = forms.CharField(label=_("Account name"), max_length=_len(Account, "name"))
    platform = forms.CharField(label=_("Platform"), widget=forms.Select)
    platform_uid = forms.CharField(label=_("Platform id"), max_length=_len(Account, "platform_uid"))
    operator = forms.CharField(label=_("Operator"), required=False, max_length=_len(Account, "operator"))
    brand = forms.CharField(label=_("Brand"), required=False, max_length=_len(Account, "brand"))
    own = forms.BooleanField(label=_("One of the federation's own accounts"), required=False)
    followers = forms.IntegerField(
        label=_("Followers"), min_value=0, max_value=bounds(Account, "followers").max_value, initial=0
    )
    verification = forms.ChoiceField(label=_("Verification"), choices=Verification.choices)
    last_post_on = forms.DateField(label=_("Last post"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args, platforms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["platform"].widget.choices = [(str(p.pk), p.name) for p in platforms]


class PostForm(UnitForm):
    submit_token = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)  # core.idempotency
    org_code = UnitCodeField(label=_("Org unit"))
    title = forms.CharField(label=_("Title"), max_length=_len(Post, "title"))
    body = forms.CharField(
        label=_("Text"),
        max_length=_len(Post, "body"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Formatting (paragraphs, bold, lists, links, images) is kept; scripts and styles are removed."),
    )
    theme = forms.CharField(label=_("Theme"), required=False, widget=forms.Select)
    targets = ValuesField(label=_("Target accounts"), required=False)
    scheduled_at = forms.DateTimeField(
        label=_("Scheduled for"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def __init__(self, *args, themes=(), accounts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].widget.choices = [("", "—")] + [(str(t.pk), str(t)) for t in themes]
        self.fields["targets"].widget.choices = [(str(a.pk), f"{a.name}（{a.platform.name}）") for a in accounts]


class ImageForm(StyledForm):
    image = forms.FileField(label=_("Image (JPEG or PNG)"))
    caption = forms.CharField(label=_("Caption"), required=False, max_length=100)


class ReviewForm(StyledForm):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("pass", _("Pass")), ("return", _("Return for changes"))]
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=_len(Review, "comment"), widget=forms.Textarea(attrs={"rows": 2})
    )


class PushForm(UnitForm):
    org_code = UnitCodeField(label=_("To the accounts of"))
    levels = forms.MultipleChoiceField(
        label=_("Levels"), choices=Level.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    platforms = ValuesField(label=_("Platforms"), required=False)
    brand = forms.CharField(label=_("Brand"), required=False, max_length=30)
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def __init__(self, *args, platforms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["platforms"].widget.choices = [(str(p.pk), p.name) for p in platforms]


class TaskDoneForm(StyledForm):
    url = forms.CharField(label=_("Address of the repost"), max_length=500)


class MetricsImportForm(StyledForm):
    platform = forms.CharField(label=_("Platform"), widget=forms.Select)
    file = forms.FileField(label=_("Export file (.xlsx or .csv)"))

    def __init__(self, *args, platforms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["platform"].widget.choices = [(str(p.pk), p.name) for p in platforms]


class WordForm(UnitForm):
    org_code = UnitCodeField(label=_("Org unit"))
    word = forms.CharField(label=_("Word"), max_length=_len(SensitiveWord, "word"))
    note = forms.CharField(label=_("Note"), required=False, max_length=_len(SensitiveWord, "note"))


class CommentatorForm(UnitForm):
    org_code = UnitCodeField(label=_("Org unit"))
    person = forms.CharField(label=_("Person (registry number)"), max_length=12)
    role = forms.ChoiceField(label=_("Role"), choices=CommentatorRole.choices)


class GuidanceForm(UnitForm):
    org_code = UnitCodeField(label=_("For the commentators of"))
    title = forms.CharField(label=_("Title"), max_length=_len(GuidanceTask, "title"))
    kind = forms.ChoiceField(label=_("Kind"), choices=GuidanceKind.choices)
    target_url = forms.CharField(label=_("Address of the post"), max_length=500)
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))


class PlatformForm(StyledForm):
    code = forms.SlugField(label=_("Code"), max_length=30)
    name = forms.CharField(label=_("Name"), max_length=30)
    domains = forms.CharField(
        label=_("Domains"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: a post's address on the platform must be on one of them (or below one)."),
    )
    adapter = forms.ChoiceField(
        label=_("Publishing adapter"), choices=[("record", _("Record the address")), ("rss", _("RSS feed"))]
    )
    columns = forms.CharField(
        label=_("Export columns"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "One per line, metric=header of the back-office export: account, day, reads (required), likes, "
            "shares, comments, wows, followers."
        ),
    )
    active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def clean_columns(self):
        out = {}
        for line in self.cleaned_data["columns"].splitlines():
            if "=" in line:
                key, header = line.split("=", 1)
                out[key.strip()] = header.strip()
        return out
