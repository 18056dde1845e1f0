"""API of the audit log (read-only, for the audit administrator): the list declared in core.auditlog."""

import datetime

from ninja import Router, Schema

from jinguo.api.lists import list_route
from jinguo.core.auditlog import AUDIT

router = Router(tags=["audit"])


class AuditEventOut(Schema):
    seq: int
    at: datetime.datetime
    actor: str
    event: str
    object_type: str
    object_id: str
    org_path: str
    ip: str
    outcome: str

    @staticmethod
    def resolve_actor(obj) -> str:
        return obj.actor_name

    @staticmethod
    def resolve_object_id(obj) -> str:
        return str(obj.object_id or "")

    @staticmethod
    def resolve_ip(obj) -> str:
        return obj.ip or ""


list_route(router, AUDIT, response=AuditEventOut)
