from django.urls import path

from jinguo.media import views

app_name = "media"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("report/", views.report, name="report"),
    path("accounts/", views.accounts, name="accounts"),
    path("accounts/export.xlsx", views.accounts_export, name="accounts_export"),
    path("accounts/new/", views.account_new, name="account_new"),
    path("accounts/<int:pk>/", views.account_detail, name="account"),
    path("accounts/<int:pk>/edit/", views.account_edit, name="account_edit"),
    path("posts/", views.posts, name="posts"),
    path("posts/export.xlsx", views.posts_export, name="posts_export"),
    path("posts/new/", views.post_new, name="post_new"),
    path("posts/<int:pk>/", views.post_detail, name="post"),
    path("posts/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("posts/<int:pk>/submit/", views.post_submit, name="post_submit"),
    path("posts/<int:pk>/review/", views.post_review, name="post_review"),
    path("posts/<int:pk>/publish/", views.post_publish, name="post_publish"),
    path("posts/<int:pk>/push/", views.post_push, name="post_push"),
    path("posts/<int:pk>/images/", views.post_image_add, name="post_image_add"),
    path("posts/<int:pk>/images/<int:image_pk>/", views.post_image, name="post_image"),
    path("tasks/", views.tasks, name="tasks"),
    path("tasks/export.xlsx", views.tasks_export, name="tasks_export"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("rankings/", views.rankings, name="rankings"),
    path("metrics/import/", views.metrics_import, name="metrics_import"),
    path("words/", views.words, name="words"),
    path("words/<int:pk>/remove/", views.word_remove, name="word_remove"),
    path("commentators/", views.commentators, name="commentators"),
    path("commentators/export.xlsx", views.commentators_export, name="commentators_export"),
    path("commentators/new/", views.commentator_new, name="commentator_new"),
    path("guidance/", views.guidance_index, name="guidance_index"),
    path("guidance/<int:pk>/", views.guidance_detail, name="guidance"),
]
