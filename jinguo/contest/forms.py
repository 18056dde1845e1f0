from django import forms
from django.utils.translation import gettext_lazy as _

from jinguo.contest.models import Contest, Entry
from jinguo.core.bounds import bounds
from jinguo.core.forms import StyledForm


class ContestForm(StyledForm):
    org_code = forms.CharField(label=_("Organising unit code"), max_length=12)
    title = forms.CharField(label=_("Title"), max_length=bounds(Contest, "title").max_length)
    year = forms.CharField(label=_("Year"), max_length=4)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=bounds(Contest, "description").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    criteria = forms.CharField(
        label=_("Scoring criteria"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: name, weight, full marks — e.g. 内容 40 100. The weights add up to 100."),
    )
    rounds = forms.CharField(
        label=_("Rounds"), widget=forms.Textarea(attrs={"rows": 2}), help_text=_("One per line, in order.")
    )


class EntryForm(StyledForm):
    org_code = forms.CharField(label=_("Entering unit code"), max_length=12)
    lecturer = forms.ChoiceField(label=_("Lecturer"))
    title = forms.CharField(label=_("Title"), max_length=bounds(Entry, "title").max_length)
    video = forms.FileField(label=_("Video file (MP4, MOV, M4V, WebM)"), required=False)
    video_url = forms.CharField(
        label=_("Or a link to the video"), required=False, max_length=bounds(Entry, "video_url").max_length
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lecturer"].choices = [("", "—")] + [(str(p.pk), f"{p.name} · {p.org.name}") for p in people]
