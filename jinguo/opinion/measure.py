"""Measurements of the opinion module (`jinguo opinion bench`): sentiment accuracy and speed beside SnowNLP on the
held-out test set (data/sentiment_test.tsv, which neither model was trained on), and ingest throughput with the
whole analysis (segmentation, place, rules, sentiment, fingerprint, grouping, roll-ups) on one process."""

import time


def sentiment_figures() -> list[str]:
    from jinguo.opinion import analysis, corpus
    from jinguo.opinion.sentiment import features

    an = analysis.analyzer()
    model = an.model or analysis.shipped_model()
    rows = corpus.test_set()
    t = time.perf_counter()
    ours = [model.predict(features(an.cut(analysis.normalise(text))))[0] for text, _l in rows]
    ours_s = time.perf_counter() - t
    acc = sum(p == label for p, (_t, label) in zip(ours, rows, strict=True)) / len(rows)
    polar = [(p, label) for p, (_t, label) in zip(ours, rows, strict=True) if label != "neu"]
    acc2 = sum(p == label for p, label in polar) / len(polar)
    lines = [
        f"sentiment, platform: 3-class accuracy {acc:.3f}, negative/positive accuracy {acc2:.3f}, "
        f"{len(rows) / ours_s:,.0f} mentions/s ({len(rows)} held-out sentences)"
    ]
    try:
        from snownlp import SnowNLP
    except ImportError:
        return [*lines, "sentiment, SnowNLP: not installed"]
    t = time.perf_counter()
    scores = [SnowNLP(text).sentiments for text, _l in rows]
    snow_s = time.perf_counter() - t
    snow = ["neg" if s < 0.4 else "pos" if s > 0.6 else "neu" for s in scores]
    sacc = sum(p == label for p, (_t, label) in zip(snow, rows, strict=True)) / len(rows)
    spolar = [
        ("neg" if s < 0.5 else "pos", label) for s, (_t, label) in zip(scores, rows, strict=True) if label != "neu"
    ]
    sacc2 = sum(p == label for p, label in spolar) / len(spolar)
    return [
        *lines,
        f"sentiment, SnowNLP: 3-class accuracy {sacc:.3f} (neutral between 0.4 and 0.6), "
        f"negative/positive accuracy {sacc2:.3f}, {len(rows) / snow_s:,.0f} mentions/s",
    ]


def ingest_figures(mentions: int = 5000) -> list[str]:
    import datetime

    from django.db import transaction
    from django.utils import timezone

    from jinguo.core.actors import SYSTEM
    from jinguo.opinion import corpus, services
    from jinguo.opinion.models import Mention, Source
    from jinguo.orgs.models import OrgUnit

    region = OrgUnit.objects.filter(level="province").order_by("path").first()
    counties = list(OrgUnit.objects.filter(level="county").values_list("name", flat=True)) or None
    texts = corpus.generate(mentions, seed=5, places=counties)
    stamp = int(time.time())
    now = timezone.now()
    items = [
        {
            "url": f"https://bench.example.cn/{stamp}/{i}",
            "title": t[:40],
            "text": t,
            "reach": i % 5000,
            "published_at": now - datetime.timedelta(minutes=i),
        }
        for i, (t, _l) in enumerate(texts)
    ]
    with transaction.atomic():
        source, _c = Source.objects.get_or_create(org=region, org_path=region.path, name=f"bench {stamp}")
    services.mentions_ingest(actor=SYSTEM, source=source, items=items[:10])  # warm the analyzer
    before = Mention.objects.count()
    t = time.perf_counter()
    for start in range(10, len(items), services.MAX_BATCH):
        services.mentions_ingest(actor=SYSTEM, source=source, items=items[start : start + services.MAX_BATCH])
    took = time.perf_counter() - t
    n = Mention.objects.count() - before
    return [f"ingest with analysis: {n:,} mentions in {took:.1f} s = {n / took:,.0f} mentions/s (one process)"]


def run(mentions: int = 5000) -> list[str]:
    return sentiment_figures() + ingest_figures(mentions)
