"""`{% org_breadcrumbs org %}`: the units above `org`, each a link to the same page for that unit, except the
units outside the user's scope, which are plain text (a link there could only answer 404)."""

from django import template

from jinguo.core.scope import in_scope
from jinguo.orgs.selectors import org_ancestors

register = template.Library()


@register.inclusion_tag("orgs/includes/breadcrumbs.html", takes_context=True)
def org_breadcrumbs(context, org, param: str = "code", ancestors=None):
    """`param` is the query parameter naming the unit on this page (`code`, `under`); the page's other
    parameters (period, basis, metric, …) are kept, its page number is not. `ancestors` saves the query when
    the view has them already."""
    request = context.get("request")
    user = getattr(request, "user", None)
    crumbs = []
    if org is not None:
        query = request.GET.copy() if request is not None else None
        for unit in org_ancestors(org) if ancestors is None else ancestors:
            url = ""
            if query is not None and in_scope(user, unit.path):
                query[param] = unit.code
                query.pop("page", None)
                url = f"?{query.urlencode()}"
            crumbs.append({"name": unit.name, "url": url})
    return {"org": org, "crumbs": crumbs}
