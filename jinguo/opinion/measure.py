"""Measurements of the opinion module, for `jinguo opinion bench` (printed) and `make bench` (opinion/bench.py):
sentiment accuracy and speed beside SnowNLP on the held-out test set (data/sentiment_test.tsv, which neither model
was trained on), and ingest throughput with the whole analysis (segmentation, place, rules, sentiment, fingerprint,
grouping, roll-ups) on one process."""

import datetime
import time


def sentiment_accuracy() -> dict:
    """3-class and negative/positive accuracy and sentences per second of the platform's model and of SnowNLP
    (None when it is not installed) on the same held-out sentences."""
    from jinguo.opinion import analysis, corpus
    from jinguo.opinion.sentiment import features

    an = analysis.analyzer()
    model = an.model or analysis.shipped_model()
    rows = corpus.test_set()
    labels = [label for _t, label in rows]
    t = time.perf_counter()
    ours = [model.predict(features(an.cut(analysis.normalise(text))))[0] for text, _l in rows]
    out = {"sentences": len(rows), "platform": _score(ours, ours, labels, time.perf_counter() - t), "snownlp": None}
    try:
        from snownlp import SnowNLP
    except ImportError:
        return out
    t = time.perf_counter()
    scores = [SnowNLP(text).sentiments for text, _l in rows]
    took = time.perf_counter() - t
    three = ["neg" if s < 0.4 else "pos" if s > 0.6 else "neu" for s in scores]  # neutral between 0.4 and 0.6
    two = ["neg" if s < 0.5 else "pos" for s in scores]
    out["snownlp"] = _score(three, two, labels, took)
    return out


def _score(three: list[str], two: list[str], labels: list[str], seconds: float) -> dict:
    polar = [(p, label) for p, label in zip(two, labels, strict=True) if label != "neu"]
    return {
        "accuracy": sum(p == label for p, label in zip(three, labels, strict=True)) / len(labels),
        "polar_accuracy": sum(p == label for p, label in polar) / len(polar),
        "per_s": len(labels) / seconds,
    }


def sentiment_figures() -> list[str]:
    f = sentiment_accuracy()
    ours, snow = f["platform"], f["snownlp"]
    lines = [
        f"sentiment, platform: 3-class accuracy {ours['accuracy']:.3f}, negative/positive accuracy "
        f"{ours['polar_accuracy']:.3f}, {ours['per_s']:,.0f} mentions/s ({f['sentences']} held-out sentences)"
    ]
    if snow is None:
        return [*lines, "sentiment, SnowNLP: not installed"]
    return [
        *lines,
        f"sentiment, SnowNLP: 3-class accuracy {snow['accuracy']:.3f} (neutral between 0.4 and 0.6), "
        f"negative/positive accuracy {snow['polar_accuracy']:.3f}, {snow['per_s']:,.0f} mentions/s",
    ]


def ingest_items(mentions: int, *, seed: int = 5, tag: str = "") -> list[dict]:
    """`mentions` generated items naming the deployment's counties, each with its own URL."""
    from django.utils import timezone

    from jinguo.opinion import corpus
    from jinguo.orgs.models import OrgUnit

    counties = list(OrgUnit.objects.filter(level="county").values_list("name", flat=True)[:200]) or None
    texts = corpus.generate(mentions, seed=seed, places=counties)
    tag = tag or str(time.time_ns())
    now = timezone.now()
    return [
        {
            "url": f"https://bench.example.cn/{tag}/{i}",
            "title": t[:40],
            "text": t,
            "reach": i % 5000,
            "published_at": now - datetime.timedelta(minutes=i),
        }
        for i, (t, _l) in enumerate(texts)
    ]


def bench_source():
    """The region's benchmark source (made once)."""
    from jinguo.opinion.models import Source
    from jinguo.orgs.models import OrgUnit

    region = OrgUnit.objects.filter(level="province").order_by("path").first()
    source, _c = Source.objects.get_or_create(org=region, org_path=region.path, name="benchmark feed")
    return source


def ingest(source, items: list[dict]) -> int:
    """Push `items` through the real ingest, in batches as the API takes them; the number written."""
    from jinguo.core.actors import SYSTEM
    from jinguo.opinion import services

    written = 0
    for start in range(0, len(items), services.MAX_BATCH):
        results = services.mentions_ingest(actor=SYSTEM, source=source, items=items[start : start + services.MAX_BATCH])
        written += sum(r.status == "created" for r in results)
    return written


def ingest_figures(mentions: int = 5000) -> list[str]:
    source = bench_source()
    ingest(source, ingest_items(10))  # warm the analyzer
    items = ingest_items(mentions)
    t = time.perf_counter()
    n = ingest(source, items)
    took = time.perf_counter() - t
    return [f"ingest with analysis: {n:,} mentions in {took:.1f} s = {n / took:,.0f} mentions/s (one process)"]


def run(mentions: int = 5000) -> list[str]:
    return sentiment_figures() + ingest_figures(mentions)
