"""Who acts: a user, or the platform itself.

Services take an `actor` and check it. Work the platform does on its own behalf — the demo, commands
run by the operator at the command line, roll-up rebuilds — passes `SYSTEM`, which the scope functions
let act everywhere. `None` is never an actor: a `None` that slips through from a view is refused like a
user with no roles, instead of switching every check off.
"""


class SystemActor:
    """The platform acting for itself. Not a user: it has no id, no roles and never logs in."""

    pk = None
    id = None
    username = ""  # audit rows of system work carry no user, as before
    is_active = True
    is_authenticated = False
    is_anonymous = False

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = SystemActor()


def is_system(actor) -> bool:
    return isinstance(actor, SystemActor)
