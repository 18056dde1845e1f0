"""Demo data of the honours module (see module.py `seeds`)."""

from jinguo.core.actors import SYSTEM
from jinguo.honors import services


def seed_titles(*, out, options) -> dict:
    return {"honour titles": services.titles_seed(actor=SYSTEM)}


def seed_cycle(*, out, options) -> dict:
    return {}  # not yet: a full 三八红旗手 cycle


def seed_registry(*, out, options) -> dict:
    return {}  # not yet: the registry of past years
