"""The year-end distribution report (.xlsx) in the form the level above asks for: one row per unit just below,
each publication's target, copies and progress, the totals, the amount and the rank, the unit's own total last,
then the national positions reported from above."""

from django.utils.translation import gettext as _

from jinguo.core.paths import child_level
from jinguo.core.xlsx import Book
from jinguo.orgs.models import OrgUnit
from jinguo.publications import selectors as sel
from jinguo.stats.models import Rollup


def _percent(p: sel.Progress):
    return p.percent if p.percent is not None else ""


def year_report(user, under: OrgUnit, year: int) -> bytes:
    pubs = list(sel.publication_list(user).filter(year=year))
    level = child_level(under.level)
    totals = {r.org.path: r for r in sel.ranking(under, year, level)} if level else {}
    per_pub = {p.pk: {r.org.path: r for r in sel.ranking(under, year, level, p)} for p in pubs} if level else {}
    paths = [*totals, under.path]
    amounts = dict(
        Rollup.objects.filter(metric="publications.amount", period=str(year), org_path__in=paths).values_list(
            "org_path", "value"
        )
    )
    headers = [_("No."), _("Unit")]
    for p in pubs:
        headers += [
            _("《%(title)s》 target") % {"title": p.title},
            _("《%(title)s》 copies") % {"title": p.title},
            _("《%(title)s》 progress (%%)") % {"title": p.title},
        ]
    headers += [_("Target, all"), _("Copies, all"), _("Amount (yuan)"), _("Progress (%)"), _("Rank")]

    def cells(progress_of, total: sel.Progress, rank) -> list:
        row = []
        for p in pubs:
            one = progress_of(p)
            row += [one.target, one.copies, _percent(one)]
        return [*row, total.target, total.copies, amounts.get(total.org.path, 0) / 100, _percent(total), rank]

    rows = []
    for i, unit_total in enumerate(sorted(totals.values(), key=lambda r: r.org.path), start=1):
        path = unit_total.org.path
        rows.append(
            [i, unit_total.org.name, *cells(lambda p, path=path: per_pub[p.pk][path], unit_total, unit_total.rank)]
        )
    own = sel.summary(under, year)
    rows.append(
        ["", _("%(unit)s, total") % {"unit": under.name}, *cells(lambda p: sel.summary(under, year, p), own, "")]
    )
    national = [p for p in pubs if p.national_rank or p.national_note]
    if national:
        rows.append([])
        for p in national:
            place = _("No. %(n)s nationally") % {"n": p.national_rank} if p.national_rank else ""
            rows.append(
                [
                    "",
                    _("《%(title)s》 national position") % {"title": p.title},
                    " ".join(filter(None, [place, p.national_note])),
                ]
            )
    book = Book()
    heading = _("%(unit)s: publication distribution in %(year)s") % {"unit": under.name, "year": year}
    book.sheet(str(year), headers, rows, heading=heading, widths=[6, 20])
    return book.getvalue()
