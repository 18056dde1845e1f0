from django.urls import path

from jinguo.honors import public

app_name = "honors_public"
urlpatterns = [
    path("notices/", public.notices, name="notices"),
    path("notices/<int:pk>/", public.notice, name="notice"),
    path("roll/", public.roll, name="roll"),
    path("roll/stories/<int:pk>/photo/", public.story_photo, name="story_photo"),
    path("apply/", public.apply, name="apply"),
]
