"""`jinguo demo --list-users` (also printed after `make run`) marks the logins that need a second factor."""

from io import StringIO

from django.core.management import call_command


def test_the_login_list_marks_who_needs_a_second_factor():
    out = StringIO()
    call_command("demo", "--list-users", stdout=out)
    rows = {line.split()[0]: line for line in out.getvalue().splitlines()[2:]}
    for username in ("sysadmin", "secadmin", "auditor", "region_reviewer"):
        assert "TOTP" in rows[username], rows[username]
    for username in ("region_cadre", "dongsheng_cadre", "village_cadre", "region_leader"):
        assert "TOTP" not in rows[username], rows[username]
