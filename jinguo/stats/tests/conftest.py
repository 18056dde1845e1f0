import pytest

from jinguo.stats.registry import METRICS, Metric, register


@pytest.fixture
def births_metric():
    """A metric dated by birth date (it varies, unlike created_at), with coverage counters."""
    metric = register(
        Metric(
            key="test.births", label="births", model="people.Person", date_field="birth_date", coverage=True, order=1
        )
    )
    yield metric
    METRICS.pop(metric.key)
