"""State transitions as one conditional UPDATE, so two concurrent decisions cannot both win."""

from django.db import models


def transition(
    model: type[models.Model], pk, *, source: str | list[str], target: str, field: str = "state", **changes
) -> bool:
    """Move row `pk` from `source` to `target`; True only for the one caller whose UPDATE matched.

    `filter(pk=…, state=source).update(state=target)` is atomic on SQLite and PostgreSQL alike: a second
    caller finds the row no longer in `source` and updates nothing.
    """
    sources = [source] if isinstance(source, str) else list(source)
    updated = model.objects.filter(pk=pk, **{f"{field}__in": sources}).update(**{field: target}, **changes)
    return updated == 1
