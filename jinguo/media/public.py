"""Public pages of the media module (no login): the RSS 2.0 feed of published posts and each post's page."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from jinguo.media import selectors as sel
from jinguo.media.publishing import rss_feed


def feed(request):
    """The standard RSS 2.0 feed of the latest published posts, for aggregators and the federation's website."""
    content = rss_feed(
        sel.published_posts(50),
        title=_("北疆女声 · published posts"),
        link=f"{settings.MEDIA_PUBLIC_BASE.rstrip('/')}{reverse('media_public:feed')}",
        description=_("Posts published by the federation's new-media matrix."),
    )
    response = HttpResponse(content, content_type="application/rss+xml; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


def post(request, pk):
    p = sel.get_published_post(pk)
    return render(request, "media/public_post.html", {"post": p})
