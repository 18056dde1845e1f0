"""A throughput scenario gets one untimed run before its timed ones, a one-run scenario too: a cold first run
measures the disk, not the code (a people import at 2,602 rows/s first, 12,235 next)."""

from jinguo.bench.management.commands.bench import Command
from jinguo.bench.scenarios import Scenario


def test_every_throughput_scenario_is_run_once_untimed_before_it_is_timed():
    for iterations in (1, 3):
        calls = []

        def timer(calls=calls):
            calls.append(1)
            return 100

        sc = Scenario(setup=lambda env: timer, name="t", kind="rows", target=1, iterations=iterations, writes=())
        rates, cpu_rates, peaks = Command._rows(sc, timer)
        assert len(calls) == iterations + 1
        assert len(rates) == len(cpu_rates) == len(peaks) == iterations
