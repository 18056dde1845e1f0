"""The demo: every module's seeds, run in dependency order through the same services a user's clicks use.

Each module declares its seeds in its manifest (`module.py`); see `jinguo.core.modules.run_demo`. The
seeds are deterministic (seeded random) and idempotent: running the demo again changes nothing.
"""

from jinguo.core import modules

DEMO_PASSWORD = "Jinguo@2026demo"


def build_demo(*, out=None, **options) -> dict:
    """Run every seed. Options reach each seed: people_per_county, per_county (lectures), year, seed."""
    return modules.run_demo(out=out, options=options)
