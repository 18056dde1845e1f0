"""The project's own labelled corpus of mentions about women's and children's affairs, generated from phrases
written for this project (redistributable under the project's licence). It trains the shipped sentiment model and
feeds the demo and the benchmark. Deterministic for a given seed.

The held-out test set of the benchmark (data/sentiment_test.tsv) is written separately, sentence by sentence, and
shares no template with this generator.
"""

import random

GROUPS = [
    "妇女",
    "儿童",
    "留守儿童",
    "困境儿童",
    "农村妇女",
    "女职工",
    "单亲母亲",
    "孕产妇",
    "女大学生",
    "老年妇女",
    "家长",
    "牧民家庭",
]
ACTORS = ["妇联", "旗妇联", "市妇联", "社区", "嘎查村", "学校", "街道", "志愿者", "巾帼志愿者", "执委", "宣讲团"]

NEGATIVE = [
    "{place}一名{group}遭受家庭暴力，邻居称多次报警无人处理，网友愤怒",
    "网友曝光{place}某学校发生校园欺凌事件，家长质疑校方隐瞒真相",
    "{place}有{group}反映被拖欠工资半年，投诉多次没有回音",
    "{place}一男子涉嫌拐卖妇女被抓，当地群众震惊，追问监管漏洞",
    "{place}天价彩礼逼婚引发悲剧，网友痛批陋习害人",
    "有人在网上辱骂{place}{group}，网络暴力持续发酵，当事人精神崩溃",
    "{place}某单位招聘公开设置性别歧视条件，求职女性表示愤慨",
    "{place}{group}求助热线长期占线，群众抱怨办事难、推诿扯皮",
    "视频显示{place}一名儿童被殴打，画面令人心痛，舆论要求严惩",
    "{place}幼儿园被指虐童，家长围堵讨说法，园方拒不回应",
    "{place}女职工因怀孕被辞退，维权无门，称遭到不公对待",
    "{place}有{group}被骗走积蓄，诈骗团伙专门针对老人，受害者哭诉",
    "网帖称{place}{actor}工作人员态度恶劣，群众不满情绪蔓延",
    "{place}一名{group}失踪多日，家属焦急，质疑搜救不力",
    "{place}医院拒收危重孕妇的传闻引发恐慌，当事家属情绪激动",
    "{place}性骚扰事件当事人遭报复，网友批评处理结果敷衍",
    "{place}发生一起严重事故，多名{group}受伤，事故原因尚未查明",
    "{place}留守儿童溺水身亡，监护缺失问题再次引发担忧",
    "有家长投诉{place}学校乱收费，教育部门迟迟不作为",
    "{place}某公司克扣女工产假工资，员工集体抗议",
]
POSITIVE = [
    "{place}{actor}为{group}送去温暖，受助群众连声感谢",
    "{place}巾帼志愿者入户帮扶{group}，暖心服务赢得点赞",
    "{place}{group}创业致富，成为远近闻名的带头人，群众纷纷称赞",
    "{place}荣获最美家庭称号，家风故事感动很多人",
    "{place}三八红旗手扎根基层二十年，事迹令人敬佩",
    "{place}{actor}举办家庭教育讲座，家长们收获满满，反响热烈",
    "{place}两癌筛查免费覆盖{group}，群众满意度大幅提升",
    "{place}妇女儿童之家建成投用，孩子们有了快乐的活动场所",
    "{place}{actor}成功调解一起家庭纠纷，一家人重归于好",
    "{place}女性手工艺合作社产品热销，姐妹们增收致富笑开颜",
    "好消息！{place}{group}的就业帮扶项目取得显著成效",
    "{place}宣讲团走进牧区，生动宣讲深受{group}欢迎",
    "{place}{actor}帮助{group}解决实际困难，群众竖起大拇指",
    "{place}儿童关爱项目获得表彰，孩子们的笑容格外灿烂",
    "{place}巾帼建功标兵事迹广受好评，激励更多女性奋进",
    "{place}{group}学习技能后顺利就业，生活越来越好",
    "为{place}{actor}点赞！暖心举措让{group}倍感温馨",
    "{place}移风易俗成效明显，婚事新办受到群众欢迎",
    "{place}{group}安全保护工作扎实有效，家长们很放心",
    "{place}巾帼志愿服务队获评优秀项目，服务精神令人感动",
]
NEUTRAL = [
    "{place}{actor}召开{topic}工作会议，部署下一阶段任务",
    "{place}{actor}发布通知，就{topic}征求意见",
    "{place}举办{topic}培训班，各基层单位负责人参加",
    "{place}{actor}开展{topic}专题调研",
    "{place}{actor}召开执委会议，传达上级会议精神",
    "{place}公布{topic}相关政策解读，明确申报时间和材料",
    "{place}{actor}组织学习{topic}有关文件",
    "{place}{topic}工作推进会召开，会议通报了前期进展",
    "{place}{actor}对{topic}进行工作部署和安排",
    "{place}发布{topic}数据统计，涉及{group}等群体",
    "{place}{actor}举行{topic}座谈会，相关部门参加",
    "{place}{actor}将于下月开展{topic}调查摸底",
    "{place}召开{topic}联席会议，研究相关事项",
    "记者从{place}{actor}获悉，{topic}实施方案已印发",
    "{place}{actor}开展{topic}宣传活动，现场发放资料",
    "{place}{actor}换届选举产生新一届领导班子",
    "{place}{actor}就{topic}进行专题汇报",
    "{place}{topic}项目进入申报阶段，请符合条件的单位按时提交材料",
    "{place}{actor}召开季度工作例会，总结前期工作",
    "{place}{actor}组织{group}代表参加{topic}座谈",
]
TOPICS = [
    "家庭教育",
    "妇女儿童权益保护",
    "反家暴",
    "巾帼志愿服务",
    "两癌筛查",
    "就业创业",
    "乡村振兴",
    "移风易俗",
    "未成年人保护",
    "家风建设",
]
TAILS = [
    "",
    "。",
    "，相关情况正在进一步核实。",
    "。网友留言：关注后续。",
    "，记者将持续关注。",
    "。转发扩散。",
    "，评论区讨论热烈。",
]
DEFAULT_PLACES = ["呼和浩特市", "包头市", "鄂尔多斯市", "东胜区", "达拉特旗", "赤峰市", "通辽市", "兴安盟", "乌海市"]

TEMPLATES = {"neg": NEGATIVE, "neu": NEUTRAL, "pos": POSITIVE}


def sentence(rng: random.Random, label: str, place: str) -> str:
    template = rng.choice(TEMPLATES[label])
    return template.format(
        place=place, group=rng.choice(GROUPS), actor=rng.choice(ACTORS), topic=rng.choice(TOPICS)
    ) + rng.choice(TAILS)


def generate(n: int, *, seed: int = 2026, places=None, mix=(0.3, 0.45, 0.25)) -> list[tuple[str, str]]:
    """`n` (text, label) pairs, negative/neutral/positive in the proportions of `mix`."""
    rng = random.Random(seed)
    places = list(places or DEFAULT_PLACES)
    out = []
    for _ in range(n):
        label = rng.choices(("neg", "neu", "pos"), weights=mix)[0]
        out.append((sentence(rng, label, rng.choice(places)), label))
    return out


def test_set(path=None) -> list[tuple[str, str]]:
    """The held-out labelled test set (data/sentiment_test.tsv: label TAB text), written apart from the generator."""
    from jinguo.opinion.places import DATA

    rows = []
    for line in (path or DATA / "sentiment_test.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            label, _tab, text = line.partition("\t")
            rows.append((text.strip(), label.strip()))
    return rows
