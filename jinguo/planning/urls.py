from django.urls import path

from jinguo.planning import views

app_name = "planning"
urlpatterns = [
    path("", views.month_view, name="month"),
    path("themes/", views.theme_index, name="list"),
    path("themes/export.xlsx", views.theme_export, name="export"),
    path("themes/new/", views.theme_new, name="new"),
    path("themes/<int:pk>/", views.theme_detail, name="theme"),
    path("themes/<int:pk>/edit/", views.theme_edit, name="theme_edit"),
    path("themes/<int:pk>/delete/", views.theme_remove, name="theme_delete"),
    path("series/new/", views.series_new, name="series_new"),
]
