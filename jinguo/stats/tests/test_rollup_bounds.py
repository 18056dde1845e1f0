"""Roll-ups cannot overflow: the models' bounds keep every figure far below the ceiling, and a figure past it
(left by a record stored before the bounds) saturates instead of failing every later save. Runs on SQLite and
PostgreSQL."""

from jinguo.core.bounds import bounds
from jinguo.outreach.tests.factories import new_lecture, today
from jinguo.stats import rollups
from jinguo.stats.models import Rollup
from jinguo.stats.registry import METRICS

# DESIGN.md, "Scale": about 1,000,000 lectures and talk sessions in ten years, region-wide.
DESIGN_RECORDS = 1_000_000


def test_bounded_inputs_keep_every_figure_below_the_ceiling():
    for metric in METRICS.values():
        if metric.sum_field is None:
            most = 1
        else:
            top = bounds(metric.model_class(), metric.sum_field).max_value
            assert top is not None, f"{metric.key} sums {metric.sum_field}, which declares no bound"
            most = top * metric.scale
        # Ten times the design's whole volume in one unit and period, every record at its maximum.
        assert most * 10 * DESIGN_RECORDS <= rollups.CEILING, metric.key
    # A custom range sums at most 122 months in SQL; a BIGINT holds that many figures at the ceiling.
    assert 122 * rollups.CEILING < 2**63


def test_a_figure_past_the_ceiling_saturates_and_saves_go_on(actors, tree, calendar, lecturer):
    day = today()
    # What the unbounded lecture left behind: the region's yearly audience five short of 2**63.
    rollups.apply({("outreach.audience", "150602100200", day): 2**63 - 1 - 5})

    def region():
        return Rollup.objects.get(metric="outreach.audience", period=str(day.year), org_path="15").value

    assert region() == rollups.CEILING
    lec = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer, audience_count=40)
    assert region() == rollups.CEILING
    assert lec.pk and Rollup.objects.get(metric="outreach.lectures", period=str(day.year), org_path="15").value == 1
