"""Users, memberships and API tokens. Each write is permission-checked and audited."""

import hashlib
import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from jinguo.core import audit
from jinguo.core.models import ApiToken, Membership, User
from jinguo.core.roles import ADMIN_ROLES, Perm, Role
from jinguo.core.scope import forget, has_perm, in_scope
from jinguo.core.security import may_hold_api_token


def _require_manage(actor, path: str | None = None) -> None:
    ok = in_scope(actor, path, Perm.MANAGE_USERS) if path else has_perm(actor, Perm.MANAGE_USERS)
    if not ok:
        raise PermissionDenied(_("You may not manage users here."))


@transaction.atomic
def user_create(*, actor, username: str, password: str, display_name: str = "") -> User:
    _require_manage(actor)
    username = username.strip()
    if not username:
        raise ValidationError({"username": [_("The user name is required.")]})
    if username.lower() == "admin":
        raise ValidationError({"username": [_("The name “admin” is not allowed.")]})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": [_("This user name is taken.")]})
    user = User(username=username, display_name=display_name.strip())
    validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    audit.record(actor, "user.create", obj=user, detail={"username": username})
    return user


@transaction.atomic
def membership_grant(*, actor, user: User, org, role: str) -> Membership:
    _require_manage(actor, org.path)
    if role not in Role.values:
        raise ValidationError({"role": [_("Unknown role.")]})
    held = set(user.memberships.values_list("role", flat=True))
    if role in ADMIN_ROLES and held & ADMIN_ROLES:
        raise ValidationError(
            {
                "role": [
                    _(
                        "The system, security and audit administrator roles must be held by "
                        "three different people, once each."
                    )
                ]
            }
        )
    if (role == Role.AUDIT_ADMIN and held) or Role.AUDIT_ADMIN in held:
        raise ValidationError({"role": [_("The audit administrator holds no other role.")]})
    if user.memberships.filter(org=org, role=role).exists():
        raise ValidationError({"role": [_("The user already holds this role in this unit.")]})
    try:
        with transaction.atomic():
            m = Membership.objects.create(user=user, org=org, role=role)
    except IntegrityError:
        raise ValidationError(
            {
                "role": [
                    _(
                        "The system, security and audit administrator roles must be held by "
                        "three different people, once each."
                    )
                ]
            }
        )
    forget(user)
    audit.record(
        actor,
        "membership.grant",
        obj=m,
        org_path=org.path,
        detail={"user": user.username, "role": role, "org": org.code},
    )
    return m


@transaction.atomic
def membership_revoke(*, actor, membership: Membership) -> None:
    _require_manage(actor, membership.org.path)
    detail = {"user": membership.user.username, "role": membership.role, "org": membership.org.code}
    path, pk, user = membership.org.path, membership.pk, membership.user
    membership.delete()
    forget(user)
    audit.record(
        actor, "membership.revoke", object_type="core.membership", object_id=str(pk), org_path=path, detail=detail
    )


def token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, actor, user: User) -> str:
    """Create a bearer token for `user`; the plain key is returned once and never stored.

    Only for users whose roles allow tokens (`security.may_hold_api_token`).
    """
    if actor != user:
        _require_manage(actor)
    if not may_hold_api_token(user):
        raise ValidationError(
            {
                "user": [
                    _(
                        "This user may not hold an API token: tokens are for cadres, leaders, lecturers and "
                        "volunteers, and not for anyone whose role needs the second factor."
                    )
                ]
            }
        )
    key = "jg_" + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, prefix=key[3:11], key_hash=token_hash(key))
    audit.record(actor, "api_token.create", obj=user, detail={"user": user.username, "prefix": key[3:11]})
    return key


@transaction.atomic
def user_set_password(*, actor, user: User, old_password: str | None, new_password: str) -> None:
    """Change a password (the user's own, checking the old one) after the complexity rules; audited."""
    from django.utils import timezone

    if old_password is not None and not user.check_password(old_password):
        raise ValidationError({"old_password": [_("The current password is wrong.")]})
    if old_password is not None and old_password == new_password:
        raise ValidationError({"new_password": [_("The new password must differ from the current one.")]})
    validate_password(new_password, user)
    user.set_password(new_password)
    user.password_changed_at = timezone.now()
    user.password_must_change = False
    user.save(update_fields=["password", "password_changed_at", "password_must_change"])
    audit.record(actor, "password.change", obj=user, detail={"user": user.username})


def otp_device_for(user):
    """The user's TOTP device: the confirmed one, or an unconfirmed one to set up."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
            user=user, name="default", confirmed=False
        )
    return device


@transaction.atomic
def otp_verify(*, user, device, token: str) -> bool:
    """Check a TOTP code; the first good code confirms a new device. Every attempt is audited."""
    ok = bool(token) and token.isdigit() and device.verify_token(token)
    first = not device.confirmed
    if ok and first:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    audit.record(user, "otp.setup" if first else "otp.verify", obj=user, outcome="success" if ok else "failure")
    return ok


# --- the security administrator's account tools (each audited) ------------------------------------------------


def _require_accounts(actor, user: User) -> None:
    """The security administrator, for an account whose every role lies in their units; never their own."""
    from jinguo.core.scope import in_scope

    if getattr(actor, "pk", None) == user.pk:
        raise PermissionDenied(_("Ask another security administrator to change your own account."))
    paths = list(user.memberships.values_list("org__path", flat=True))
    if not has_perm(actor, Perm.MANAGE_ACCOUNTS) or not all(in_scope(actor, p, Perm.MANAGE_ACCOUNTS) for p in paths):
        raise PermissionDenied(_("Only the security administrator looks after accounts."))


@transaction.atomic
def account_unlock(*, actor, user: User) -> None:
    """Lift the lock-out after repeated failed logins."""
    from axes.utils import reset

    _require_accounts(actor, user)
    reset(username=user.username)
    audit.record(actor, "account.unlock", obj=user, detail={"user": user.username})


@transaction.atomic
def account_reset_password(*, actor, user: User) -> str:
    """A one-time password, shown once to the administrator; the user must choose a new one at login."""
    _require_accounts(actor, user)
    temporary = "Jg-" + secrets.token_urlsafe(12) + "9a"
    validate_password(temporary, user)
    user.set_password(temporary)
    user.password_must_change = True
    user.save(update_fields=["password", "password_must_change"])
    audit.record(actor, "account.password_reset", obj=user, detail={"user": user.username})
    return temporary


@transaction.atomic
def account_reset_otp(*, actor, user: User) -> int:
    """Remove the user's second-factor devices: the next login sets one up again."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    _require_accounts(actor, user)
    n, _ = TOTPDevice.objects.filter(user=user).delete()
    audit.record(actor, "account.otp_reset", obj=user, detail={"user": user.username, "devices": n})
    return n


@transaction.atomic
def account_set_active(*, actor, user: User, active: bool) -> None:
    """Deactivate an account (it can no longer log in, its sessions end) or activate it again."""
    _require_accounts(actor, user)
    user.is_active = bool(active)
    user.save(update_fields=["is_active"])
    if not active:
        ApiToken.objects.filter(user=user).delete()
    audit.record(
        actor, "account.activate" if active else "account.deactivate", obj=user, detail={"user": user.username}
    )
