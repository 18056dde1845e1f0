"""Daily and weekly public-opinion briefs: the figures (selectors.brief), the page and the .docx."""

import datetime
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from jinguo.opinion import analysis
from jinguo.opinion import selectors as sel
from jinguo.opinion.models import Sentiment


def window(period: str, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The day, or the seven days ending with it."""
    end = timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time()))
    return end - datetime.timedelta(days=7 if period == "weekly" else 1), end


def build(user, org, period: str, day: datetime.date) -> dict:
    start, end = window(period, day)
    data = sel.brief(user, org, start, end)
    data["words"] = analysis.analyzer().hot_words(data.pop("texts"), top=60)
    data.update(org=org, period=period, day=day, start=start, end=end, labels=dict(Sentiment.choices))
    data["trend"] = {
        "days": list(data["days"]),
        "series": [
            {"name": str(label), "values": [v.get(code, 0) for v in data["days"].values()]}
            for code, label in Sentiment.choices
        ],
    }
    return data


def docx(data: dict) -> bytes:
    from docx import Document

    doc = Document()
    title = _("Public-opinion brief") + f" · {data['org'].name} · {data['day']:%Y-%m-%d}"
    doc.add_heading(title, level=1)
    doc.add_paragraph(
        _("Mentions: %(n)s; negative %(neg)s, neutral %(neu)s, positive %(pos)s.")
        % {"n": data["total"], **{k: v for k, v in data["sentiment"].items()}}
    )
    doc.add_heading(_("Top stories"), level=2)
    table = doc.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, (_("Story"), _("Mentions"), _("Reach")), strict=True):
        cell.text = text
    for s in data["top"]:
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = s["story__title"] or "", str(s["n"]), f"{s['reach'] or 0:,}"
    doc.add_heading(_("Hot words"), level=2)
    doc.add_paragraph("、".join(f"{w}({n})" for w, n in data["words"][:30]))
    doc.add_heading(_("Places"), level=2)
    doc.add_paragraph("、".join(f"{p['place__name']}({p['n']})" for p in data["places"]))
    doc.add_heading(_("Open incidents"), level=2)
    for i in data["incidents"]:
        doc.add_paragraph(f"{i.title} · {i.org.name} · {i.get_state_display()}", style="List Bullet")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
