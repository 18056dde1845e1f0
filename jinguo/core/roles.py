"""Roles and what each role may do — the one place permissions are declared (STYLE.md 7)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CADRE = "cadre", _("Cadre")
    REVIEWER = "reviewer", _("Reviewer")
    LEADER = "leader", _("Leader")
    LECTURER = "lecturer", _("Lecturer")
    VOLUNTEER = "volunteer", _("Volunteer")
    SYSTEM_ADMIN = "sysadmin", _("System administrator")
    SECURITY_ADMIN = "secadmin", _("Security administrator")
    AUDIT_ADMIN = "auditadmin", _("Audit administrator")


ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})


class Perm:
    READ = "read"  # read business records of the subtree
    SEE_TREE = "see_tree"  # browse the org tree of the subtree (units, not business records)
    WRITE = "write"  # create, change, delete business records of the subtree
    REVIEW = "review"  # approve or reject items submitted from the subtree
    REVEAL = "reveal"  # see personal data unmasked
    EXPORT = "export"  # export lists, personal data included
    MANAGE_USERS = "manage_users"  # create users, grant and revoke memberships
    MANAGE_ORGS = "manage_orgs"  # add units below (towns, villages) and rename them
    AUDIT_READ = "audit_read"  # read the audit log
    MANAGE_ACCOUNTS = "manage_accounts"  # unlock, reset a password or second factor, deactivate an account


ROLE_PERMS: dict[str, frozenset[str]] = {
    Role.CADRE: frozenset({Perm.READ, Perm.SEE_TREE, Perm.WRITE, Perm.REVEAL, Perm.EXPORT, Perm.MANAGE_ORGS}),
    Role.REVIEWER: frozenset({Perm.READ, Perm.SEE_TREE, Perm.REVIEW}),
    Role.LEADER: frozenset({Perm.READ, Perm.SEE_TREE, Perm.EXPORT}),
    Role.LECTURER: frozenset({Perm.READ, Perm.SEE_TREE}),
    Role.VOLUNTEER: frozenset(),
    # 三员分立: the system admin runs the system — the org tree, the accounts, the lookup lists — and reads no
    # business record; the security admin grants and revokes roles and looks after accounts (unlock, resets,
    # deactivation); the audit admin reads the log only.
    Role.SYSTEM_ADMIN: frozenset({Perm.SEE_TREE, Perm.MANAGE_USERS, Perm.MANAGE_ORGS}),
    Role.SECURITY_ADMIN: frozenset({Perm.MANAGE_USERS, Perm.MANAGE_ACCOUNTS}),
    Role.AUDIT_ADMIN: frozenset({Perm.AUDIT_READ}),
}


def grant(role: str, perms) -> None:
    """Add module actions ("outreach.verify") to what a role may do; modules call it through their manifest."""
    ROLE_PERMS[role] = frozenset(ROLE_PERMS.get(role, frozenset()) | set(perms))


def role_actions(role: str) -> list[str]:
    """The module actions a role holds, for the permission map page and the docs."""
    return sorted(p for p in ROLE_PERMS.get(role, ()) if "." in p)


# Roles that need a second factor on every page (enforced by middleware).
OTP_ROLES = ADMIN_ROLES | {Role.REVIEWER}

# Roles whose holders may use API bearer tokens. A token is a single factor, so no role that needs the second
# one: not the three administrators (their work is done on the pages), not reviewers.
TOKEN_ROLES = frozenset(Role) - OTP_ROLES
