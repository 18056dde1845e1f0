from django.urls import path

from jinguo.media import public

app_name = "media_public"
urlpatterns = [
    path("feed.xml", public.feed, name="feed"),
    path("p/<int:pk>/", public.post, name="post"),
]
