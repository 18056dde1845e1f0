"""Theme and series descriptions are bounded on the model; the service refuses longer ones with a reason."""

import pytest
from django.core.exceptions import ValidationError

from jinguo.planning.models import Theme, ThemeSeries
from jinguo.planning.services import series_create, theme_update


def test_theme_and_series_descriptions_are_bounded(actors, tree, calendar):
    theme = next(iter(calendar["annual"].values()))
    with pytest.raises(ValidationError) as e:
        theme_update(actor=actors["region_cadre"], theme=theme, title=theme.title, description="x" * 2_001)
    assert e.value.message_dict == {"description": ["Description: at most 2,000 characters (2,001 given)."]}
    with pytest.raises(ValidationError):
        series_create(actor=actors["region_cadre"], org=tree["150000"], name="致敬她力量", description="x" * 2_001)
    assert not ThemeSeries.objects.exists() and Theme.objects.get(pk=theme.pk).description == ""
