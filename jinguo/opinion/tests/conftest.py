import pytest

from jinguo.core.actors import SYSTEM
from jinguo.opinion import services


@pytest.fixture
def region_source(tree):
    return services.source_create(actor=SYSTEM, org=tree["150000"], name="全区网络监测")


@pytest.fixture
def county_source(tree):
    return services.source_create(actor=SYSTEM, org=tree["150602"], name="东胜区监测")


@pytest.fixture
def sibling_source(tree):
    return services.source_create(actor=SYSTEM, org=tree["150621"], name="达旗监测")


@pytest.fixture
def red_rule(tree):
    return services.rule_save(
        actor=SYSTEM, org=tree["150000"], name="家暴", any_terms="家暴、家庭暴力", level="red", min_reach=10000
    )


def item(n: int, **kw) -> dict:
    base = {
        "url": f"https://news.example.cn/a/{n}",
        "title": f"标题{n}",
        "text": f"第{n}条消息：妇联开展家庭教育讲座。",
    }
    base.update(kw)
    return base
