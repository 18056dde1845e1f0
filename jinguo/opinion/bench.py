"""The opinion module's part of `make bench`: ingest throughput with the whole analysis, and the sentiment model's
accuracy beside SnowNLP on the held-out set (jinguo.opinion.measure; `jinguo opinion bench` prints the same)."""

from jinguo.bench.scenarios import scenario, undo_after_checks
from jinguo.opinion import measure

INGEST = 5_000  # mentions a run, in batches of services.MAX_BATCH


@scenario(name="opinion ingest with analysis (5,000 mentions)", kind="rows", target=1_000, iterations=3)
def ingest(env: dict):
    """Each run pushes 5,000 new mentions (new URLs) through the real ingest: cleaning, segmentation, place,
    rules, sentiment, fingerprint, story grouping, roll-ups, alerts; written and rolled back, so every run finds
    the same stories."""
    from django.db import transaction

    source = measure.bench_source()
    measure.ingest(source, measure.ingest_items(10))  # the analyzer loaded

    def run():
        items = measure.ingest_items(INGEST)
        with transaction.atomic():
            n = measure.ingest(source, items)
            undo_after_checks()
        return n

    return run


@scenario(name="opinion sentiment, 3-class accuracy on held-out sentences", kind="accuracy", target=0)
def sentiment(env: dict):
    """The platform's model against SnowNLP on the same held-out sentences: met when ours is the more accurate."""

    def run():
        f = measure.sentiment_accuracy()
        ours, snow = f["platform"], f["snownlp"]
        detail = f"{f['sentences']} sentences; negative/positive {ours['polar_accuracy']:.3f}"
        if snow:
            detail += f" (SnowNLP {snow['polar_accuracy']:.3f}); {ours['per_s']:,.0f} vs {snow['per_s']:,.0f} a second"
        return {
            "value": round(ours["accuracy"], 3),
            "baseline": round(snow["accuracy"], 3) if snow else None,
            "baseline_name": "SnowNLP",
            "detail": detail,
        }

    return run
