from django.urls import path

from jinguo.honors import public

app_name = "honors_public"
urlpatterns = [
    path("notices/", public.notices, name="notices"),
    path("notices/<int:pk>/", public.notice, name="notice"),
    path("roll/", public.roll, name="roll"),
]
