"""Demo data of the opinion module: sources, rules and a few thousand generated mentions, with a handful of alerts
and incidents (see module.py `seeds`)."""

from jinguo.core.actors import SYSTEM


def seed_opinion(*, out, options) -> dict:
    from jinguo.opinion import services

    return services.demo_seed(actor=SYSTEM, mentions=int(options.get("opinion_mentions", 3000)), out=out)
