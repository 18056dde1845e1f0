"""Pages anyone can read, logged in or not: the help page the login page links to."""

from django.conf import settings
from django.contrib.auth.password_validation import password_validators_help_texts
from django.shortcuts import render


def help_page(request):
    """How to log in, and whom to ask at one's unit for a forgotten password or a lost second factor."""
    return render(
        request,
        "help.html",
        {
            "password_rules": password_validators_help_texts(),
            "max_age_days": settings.PASSWORD_MAX_AGE_DAYS,
            "failures": settings.AXES_FAILURE_LIMIT,
            "lockout_minutes": round(settings.AXES_COOLOFF_TIME * 60),
        },
    )
