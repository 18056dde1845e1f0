"""The honours' benchmark plug-in at a tiny size: its generators write what they say and its scenarios (and
their raw-SQL baselines) answer, so `make bench` does not find a broken one after an hour of generation."""

import datetime
import random

from django.utils import timezone

from jinguo.bench.generate import Context
from jinguo.bench.sizes import Size
from jinguo.core.actors import SYSTEM
from jinguo.honors import bench
from jinguo.honors.models import Honour, Nomination, Notice
from jinguo.people.tests.factories import new_person


def test_the_generators_and_scenarios_of_the_honours_benchmark(tree, actors):
    for i, code in enumerate(("150602", "150621", "150102")):
        new_person(SYSTEM, tree[code], name=f"基准{i}", birth=datetime.date(1980, 1, 1 + i))
    size = Size("tiny", (1, 1), (1, 1), 1, 1, 1, 1, honours=60, nominations=40)
    ctx = Context(size=size, rng=random.Random(1), say=lambda msg: None)
    assert bench.honours(ctx) == 60 and bench.honours(ctx) == 0
    assert bench.nominations(ctx) == 40 and bench.nominations(ctx) == 0
    assert Honour.objects.count() == 60 and Nomination.objects.count() == 40
    notice = Notice.objects.get()
    assert notice.start <= timezone.localdate() <= notice.end and notice.nominations.exists()
    env = {"region_user": "region_cadre", "year": str(timezone.localdate().year)}
    for setup in (bench.registry_list, bench.public_notice_page):
        setup(env)()
    from jinguo.bench.scenarios import SCENARIOS

    for scenario in SCENARIOS:
        if scenario.setup in (bench.registry_list, bench.public_notice_page):
            assert scenario.baselines["raw"](env)() is not None
