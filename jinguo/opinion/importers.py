"""Import of mentions from .xlsx, .csv or JSON: the columns are the push API's fields, the source is named.

Every row is checked first and all are written or none (core.xlsx.run_import); a URL the source already has is
skipped, so importing the same batch twice creates nothing new.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jinguo.core.bounds import out_of_range, text_parser
from jinguo.core.timeparse import parse_date
from jinguo.core.xlsx import Column, Importer, register
from jinguo.opinion import selectors as sel
from jinguo.opinion import services
from jinguo.opinion.models import Mention, Source


def parse_when(value) -> datetime.datetime:
    """A time as cadres and exports write it: a datetime cell, ISO 8601, "2026-07-15 08:30", or a date (noon)."""
    if isinstance(value, datetime.datetime):
        return timezone.make_aware(value) if timezone.is_naive(value) else value
    text = str(value).strip().replace("/", "-").replace(".", "-")
    try:
        parsed = parse_datetime(text)
    except ValueError:
        parsed = None
    if parsed is None:
        day = parse_date(value)
        parsed = datetime.datetime.combine(day, datetime.time(12))
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


def parse_reach(value) -> int:
    try:
        n = int(float(str(value).replace(",", "")))
    except ValueError:
        raise ValidationError(_("Reach is a whole number."))
    msg = out_of_range(Mention, "reach", n)
    if msg:
        raise ValidationError(msg)
    return n


def columns():
    return [
        Column(
            "source",
            gettext_lazy("Source"),
            parse=text_parser(Source, "name"),
            example="网络监测",
            format=lambda m: m.source.name,
        ),
        Column(
            "url",
            gettext_lazy("Address"),
            parse=text_parser(Mention, "url"),
            example="https://example.cn/a/1",
            format=lambda m: m.url,
        ),
        Column(
            "title",
            gettext_lazy("Title"),
            required=False,
            parse=text_parser(Mention, "title"),
            example="某旗妇联开展家庭教育讲座",
            format=lambda m: m.title,
        ),
        Column(
            "text",
            gettext_lazy("Text"),
            required=False,
            parse=text_parser(Mention, "text"),
            example="……",
            format=lambda m: m.text,
        ),
        Column(
            "author",
            gettext_lazy("Author"),
            required=False,
            parse=text_parser(Mention, "author"),
            format=lambda m: m.author,
        ),
        Column(
            "published_at",
            gettext_lazy("Published"),
            required=False,
            parse=parse_when,
            example="2026-07-15 08:30",
            format=lambda m: timezone.localtime(m.published_at).replace(tzinfo=None),
        ),
        Column(
            "reach", gettext_lazy("Reach"), required=False, parse=parse_reach, example="1200", format=lambda m: m.reach
        ),
    ]


@register
class MentionImporter(Importer):
    kind = "mentions"
    title = gettext_lazy("Mentions")
    formats = (".xlsx", ".csv", ".json")

    def get_columns(self):
        return columns()

    def prepare(self, rows):
        names = {r["source"] for r in rows if r.get("source")}
        self.sources = {s.name: s for s in sel.source_list(self.actor).filter(name__in=names)}

    def clean_row(self, row):
        if row.get("source") and row["source"] not in self.sources and "source" not in self.failed:
            raise ValidationError({"source": [_("There is no source of that name among your units.")]})
        if not row.get("title") and not row.get("text") and "title" not in self.failed:
            raise ValidationError({"text": [_("Give a title or a text.")]})
        cleaned, errors = services.clean_item(row, timezone.now())
        if errors:
            raise ValidationError(
                {k: v for k, v in errors.items() if k not in self.failed} or {"url": errors.get("url")}
            )
        row.update(cleaned)
        return row

    def write(self, rows) -> int:
        by_source: dict = {}
        for r in rows:
            by_source.setdefault(r["source"], []).append(r)
        created = 0
        for name, items in by_source.items():
            source = self.sources[name]
            for start in range(0, len(items), services.MAX_BATCH):
                answers = services.mentions_ingest(
                    actor=self.actor, source=source, items=items[start : start + services.MAX_BATCH], channel="import"
                )
                bad = [a for a in answers if a.status == "invalid"]
                if bad:  # checked in clean_row already; a change in between refuses the whole import
                    raise ValidationError(_("A row changed while importing; nothing was written."))
                created += sum(a.status == "created" for a in answers)
        return created
