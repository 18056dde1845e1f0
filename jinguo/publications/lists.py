"""The subscriptions list, declared once for its page, its export and its API list (core.lists)."""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext_lazy as _

from jinguo.core import lists
from jinguo.publications import selectors as sel


class SubscriptionFilters(lists.ListFilterSet):
    under = lists.UnitFilter()
    q = lists.SearchFilter(field_name="payer", lookup_expr="contains", label=_("Payer unit"))
    year = lists.YearFilter(field_name="date")
    publication = lists.ActiveChoiceFilter(
        queryset=lambda request: sel.publication_list(request.user),
        empty_label=_("Any publication"),
        label=_("Publication"),
    )


SUBSCRIPTIONS = lists.register(
    lists.ListSpec(
        name="subscriptions",
        title=_("Subscriptions"),
        select=lambda user: sel.subscription_list(user),
        filters=SubscriptionFilters,
        columns=[
            lists.ListColumn(_("Date"), lambda s: s.date.isoformat(), "text-nowrap"),
            lists.ListColumn(
                _("Publication"),
                lists.link("publications:subscription", "publication", lambda s: s.payer),
            ),
            lists.ListColumn(_("Copies"), lambda s: intcomma(s.copies), "text-end"),
            lists.ListColumn(_("Amount (yuan)"), lambda s: intcomma(s.amount), f"text-end {lists.HIDE_SM}"),
            lists.ListColumn(_("Org unit"), lambda s: s.org.name, lists.HIDE_MD),
        ],
        sorts={
            "newest": (_("Newest first"), ("-date", "-pk")),
            "copies": (_("Most copies first"), ("-copies", "-pk")),
        },
        url_name="publications:subscriptions",
        export_url_name="publications:subscription_export",
        export="jinguo.publications.importers:export_columns",
        filename="宣传发行征订",
        template="publications/subscription_list.html",
        empty=_("No subscription matches. Record one, or import a sheet."),
        testid="subscription-table",
    )
)
