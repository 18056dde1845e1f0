"""`jinguo periodic` runs the inbox sweep and every module's periodic jobs; one failing does not stop the rest."""

import dataclasses

import pytest

from jinguo.core import modules
from jinguo.core.management.commands.periodic import run_all


def _boom():
    raise RuntimeError("broken feed")


def _fine():
    return "done"


@pytest.mark.expect_traceback(of=RuntimeError)
def test_every_module_job_runs_and_a_failure_is_contained(db, monkeypatch):
    first = modules.modules()[0]
    jobs = ["jinguo.core.tests.test_periodic:_boom", "jinguo.core.tests.test_periodic:_fine"]
    monkeypatch.setitem(modules._REGISTRY, first.label, dataclasses.replace(first, periodic=jobs))
    ran = dict(run_all())
    assert ran["core.notify.sweep"] != "failed"
    assert ran["jinguo.core.tests.test_periodic:_boom"] == "failed"
    assert ran["jinguo.core.tests.test_periodic:_fine"] == "done"
    assert "jinguo.opinion.tasks:periodic_poll" in ran and "jinguo.opinion.tasks:periodic_briefs" in ran
