from django.utils import timezone
from ninja.security import HttpBearer

from jinguo.core.models import ApiToken
from jinguo.core.services import token_hash


class BearerToken(HttpBearer):
    """`Authorization: Bearer jg_…` — tokens from `jinguo api-token USERNAME`."""

    def authenticate(self, request, token: str):
        if not token.startswith("jg_"):
            return None
        row = ApiToken.objects.select_related("user").filter(key_hash=token_hash(token)).first()
        if row is None or not row.user.is_active:
            return None
        now = timezone.now()
        if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 300:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.user
        return row.user
