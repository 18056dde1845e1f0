"""API of the honours module: the public notices (no login) and the honour registry list."""

import datetime

from ninja import Router, Schema

from jinguo.api.lists import list_route
from jinguo.core.actors import SYSTEM
from jinguo.honors import selectors as sel
from jinguo.honors import services
from jinguo.honors.lists import HONOURS, NOMINATIONS, RECOMMENDATIONS

public_notices_router = Router(tags=["public"])
honours_router = Router(tags=["honours"])
nominations_router = Router(tags=["honours"])
recommendations_router = Router(tags=["honours"])


class NoticeOut(Schema):
    id: int
    programme: str
    title: str
    level: str
    unit: str
    start: datetime.date
    end: datetime.date
    working_days: int
    nominees: int


@public_notices_router.get("", response=list[NoticeOut], auth=None, operation_id="list_public_notices")
def list_public_notices(request):
    """Open public notices (公示): ISO start and end, programme, level, how many nominees. No login."""
    services.notices_close_ended(actor=SYSTEM)
    return [
        NoticeOut(
            id=n.pk,
            programme=n.programme.name,
            title=n.programme.title.name,
            level=n.programme.level,
            unit=n.org.name,
            start=n.start,
            end=n.end,
            working_days=n.working_days,
            nominees=sel.public_nominees(n).count(),
        )
        for n in sel.public_notices()
    ]


class HonourOut(Schema):
    id: int
    holder_name: str
    title: str
    level: str
    year: int
    certificate_no: str
    revoked: bool

    @staticmethod
    def resolve_title(h):
        return h.title.name

    @staticmethod
    def resolve_revoked(h):
        return h.revoked_at is not None


list_route(honours_router, HONOURS, response=HonourOut)


class NominationOut(Schema):
    id: int
    nominee: str
    programme: str
    year: int
    org: str
    org_name: str
    kind: str
    channel: str
    state: str
    score: float | None
    flagged: bool

    @staticmethod
    def resolve_nominee(n):
        return n.nominee_name

    @staticmethod
    def resolve_programme(n):
        return n.programme.name

    @staticmethod
    def resolve_year(n):
        return n.programme.year

    @staticmethod
    def resolve_org(n):
        return n.org.code

    @staticmethod
    def resolve_org_name(n):
        return n.org.name

    @staticmethod
    def resolve_score(n):
        return None if n.score is None else float(n.score)


list_route(nominations_router, NOMINATIONS, response=NominationOut)


class RecommendationOut(Schema):
    id: int
    honour: int
    name: str
    title: str
    year: int
    state: str
    reason: str

    @staticmethod
    def resolve_honour(r):
        return r.honour_id

    @staticmethod
    def resolve_name(r):
        return r.honour.holder_name

    @staticmethod
    def resolve_title(r):
        return r.title.name


list_route(recommendations_router, RECOMMENDATIONS, response=RecommendationOut)
