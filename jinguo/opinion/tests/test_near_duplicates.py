"""Reposts and copies with small edits group into one story: pairwise precision and recall measured on a test set
of 60 article-length stories (three sentences, about 90 characters) with 5 edited copies each.

The issue asks ≥ 95 % of both. SimHash over character pairs, looked up by every quarter within one bit
(analysis.near_bands), reaches precision 1.000 and recall 0.977 here; with only equal quarters recall was 0.92."""

import random
from itertools import combinations

from jinguo.core.actors import SYSTEM
from jinguo.opinion import corpus, services
from jinguo.opinion.models import Mention


def edited(rng: random.Random, text: str) -> str:
    """A repost: a prefix, a cut tail, a character or two changed, punctuation swapped."""
    kind = rng.randrange(5)
    if kind == 0:
        return "转发：" + text
    if kind == 1:
        return text[: len(text) - rng.randint(1, 4)]
    if kind == 2:
        i = rng.randrange(len(text))
        return text[:i] + rng.choice("的了啊") + text[i + 1 :]
    if kind == 3:
        return text.replace("，", ",").replace("。", "") + " #关注#"
    return "【网友爆料】" + text + "（来源：网络）"


def test_pairwise_precision_and_recall_are_at_least_95_percent(tree):
    rng = random.Random(7)
    sentences = [
        t for t, _l in corpus.generate(600, seed=99, places=["东胜区", "达拉特旗", "包头市", "赤峰市", "通辽市"])
    ]
    originals = ["".join(sentences[i : i + 3]) for i in range(0, 180, 3)]
    items, truth = [], []
    for s, text in enumerate(originals):
        for v in range(6):
            items.append(
                {"url": f"https://dup.example.cn/{s}/{v}", "title": "", "text": text if v == 0 else edited(rng, text)}
            )
            truth.append(s)
    source = services.source_create(actor=SYSTEM, org=tree["150000"], name="转载测试")
    services.mentions_ingest(actor=SYSTEM, source=source, items=items)
    story = dict(Mention.objects.values_list("url", "story_id"))
    got = [story[i["url"]] for i in items]
    tp = fp = fn = 0
    for a, b in combinations(range(len(items)), 2):
        same, grouped = truth[a] == truth[b], got[a] == got[b]
        tp += same and grouped
        fp += grouped and not same
        fn += same and not grouped
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"near-duplicates: precision {precision:.3f}, recall {recall:.3f} over {len(items)} mentions")
    assert precision >= 0.95 and recall >= 0.95
