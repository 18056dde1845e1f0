"""Demo data of the volunteer service (see module.py `seeds`)."""

from jinguo.core.actors import SYSTEM
from jinguo.volunteer import services


def seed_categories(*, out, options) -> dict:
    return {"十送 categories": services.categories_seed(actor=SYSTEM)}


def seed_service(*, out, options) -> dict:
    return {}
