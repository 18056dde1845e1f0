from django.urls import path

from jinguo.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("search/", views.search, name="search"),
    path("export.xlsx", views.export, name="export"),
]
