from django.urls import path

from jinguo.contest import views

app_name = "contest"
urlpatterns = [
    path("", views.contest_index, name="list"),
    path("new/", views.contest_new, name="new"),
    path("<int:pk>/", views.contest_detail, name="detail"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/enter/", views.entry_new, name="entry_new"),
    path("rounds/<int:pk>/judge/", views.judge_round, name="judge"),
    path("rounds/<int:pk>/<slug:action>/", views.round_action, name="round_action"),
    path("entries/<int:pk>/video/", views.entry_video, name="entry_video"),
    path("results/", views.public_index, name="public_index"),
    path("results/<int:pk>/", views.public_results, name="public"),
]
