"""System checks of the production configuration (run by `jinguo check --deploy`)."""

from django.conf import settings
from django.core import checks
from django.db import DatabaseError


@checks.register(checks.Tags.security, deploy=True)
def no_superuser_in_production(app_configs, **kwargs):
    """Production refuses to start while an account with the superuser flag exists."""
    if not settings.PRODUCTION:
        return []
    from jinguo.core.models import User

    try:
        names = list(User.objects.filter(is_superuser=True).values_list("username", flat=True)[:5])
    except DatabaseError:  # no database yet (first deploy): nothing to check
        return []
    if not names:
        return []
    return [
        checks.Error(
            f"Superuser accounts exist: {', '.join(names)}. Production runs only with the three administrator "
            "roles; remove the superuser flag (jinguo shell) before starting.",
            id="jinguo.E001",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def data_key_present(app_configs, **kwargs):
    if settings.PRODUCTION and not settings.DATA_KEY:
        return [checks.Error("JINGUO_DATA_KEY is not set: personal data cannot be stored.", id="jinguo.E002")]
    return []
