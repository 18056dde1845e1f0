"""Place recognition down to the county from full names and short forms, measured on 120 generated mentions."""

import random

from jinguo.opinion import analysis
from jinguo.opinion.places import Gazetteer, short_forms


def test_short_forms_of_the_rules():
    assert "鄂尔多斯" in short_forms("鄂尔多斯市", "league")
    assert "达拉特" in short_forms("达拉特旗", "county")
    assert "鄂前旗" in short_forms("鄂托克前旗", "county")
    assert "科左中旗" in short_forms("科尔沁左翼中旗", "county")
    assert "阿左旗" in short_forms("阿拉善左旗", "county")
    assert "东乌旗" in short_forms("东乌珠穆沁旗", "county")
    assert short_forms("新城区", "county") == set()  # a common word: only listed districts get a short form


def test_a_short_form_two_units_share_names_neither():
    g = Gazetteer.build([("1", "甲乙旗", "county", "150101"), ("2", "甲乙县", "county", "150202")], aliases=[])
    assert "甲乙" not in g.by_name and g.by_name["甲乙旗"] == "150101"


FRAMES = [
    "{p}一名妇女遭受家暴，邻居多次报警",
    "网友称{p}某学校发生欺凌事件",
    "记者从{p}妇联获悉，家庭教育讲座将于下周举行",
    "{p}的巾帼志愿者入户帮扶困难群众",
    "昨天在{p}，一场暴雨后多名儿童被困",
    "关于{p}女职工被拖欠工资一事的后续",
]


def test_county_accuracy_on_short_forms_is_measured(tree):
    an = analysis.analyzer()
    g = an.gazetteer
    counties = {o.path: o.name for o in tree.values() if o.level == "county"}
    shorts = [(alias, path) for alias, path in g.by_name.items() if path in counties and alias != counties[path]]
    assert len(shorts) >= 60
    rng = random.Random(3)
    cases = [(rng.choice(FRAMES).format(p=alias), path) for alias, path in rng.sample(shorts, 60)]
    cases += [(rng.choice(FRAMES).format(p=alias), path) for alias, path in rng.choices(shorts, k=60)]
    right = sum(an.analyse("", text).place == path for text, path in cases)
    accuracy = right / len(cases)
    print(f"place recognition: {right}/{len(cases)} = {accuracy:.1%}")
    assert len(cases) >= 100 and accuracy >= 0.95
    assert an.analyse("", "鄂尔多斯今日召开会议").place == "1506"
    assert an.analyse("", "达拉特一名妇女遭受家暴").place == "150621"
    assert an.analyse("", "鄂尔多斯市东胜区和包头市").place == "150602"  # a county under the league named wins
