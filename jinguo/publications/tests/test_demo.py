"""The demo seed of publication distribution: both publications of last year and this, targets down to the
counties, subscriptions, last year's national position; nothing the second time."""

from django.utils import timezone

from jinguo.publications.demo import seed_distribution
from jinguo.publications.models import Publication, Subscription, Target
from jinguo.publications.selectors import summary


def test_the_demo_seeds_the_article_and_does_nothing_the_second_time(tree, login, actors):
    first = seed_distribution(out=print, options={})
    assert first["publications"] == 4 and first["subscriptions"] > 50
    assert seed_distribution(out=print, options={}) == {}
    last = timezone.localdate().year - 1
    assert set(Publication.objects.filter(year=last).values_list("national_note", flat=True)) == {"全国前五名"}
    assert Target.objects.filter(org__level="county").count() == 4 * 103
    region = summary(tree["150000"], last)
    assert region.target == 42_000 and region.copies == sum(
        Subscription.objects.filter(date__year=last).values_list("copies", flat=True)
    )
    assert login(actors["region_cadre"]).get(f"/publications/?year={last}").status_code == 200
