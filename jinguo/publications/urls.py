from django.urls import path

from jinguo.publications import views

app_name = "publications"
urlpatterns = [
    path("", views.progress, name="progress"),
    path("report.xlsx", views.report, name="report"),
    path("list/", views.publication_index, name="publications"),
    path("new/", views.publication_new, name="publication_new"),
    path("<int:pk>/", views.publication_detail, name="publication"),
    path("<int:pk>/edit/", views.publication_edit, name="publication_edit"),
    path("<int:pk>/national/", views.publication_national, name="publication_national"),
    path("subscriptions/", views.subscriptions, name="subscriptions"),
    path("subscriptions/export.xlsx", views.subscription_export, name="subscription_export"),
    path("subscriptions/new/", views.subscription_new, name="subscription_new"),
    path("subscriptions/<int:pk>/", views.subscription_detail, name="subscription"),
    path("subscriptions/<int:pk>/edit/", views.subscription_edit, name="subscription_edit"),
    path("subscriptions/<int:pk>/delete/", views.subscription_remove, name="subscription_delete"),
]
