from django.urls import path

from jinguo.governance import views
from jinguo.governance.lines import LINES

app_name = "governance"
urlpatterns = [
    path("", views.overview, name="overview"),
    *[path(f"{line.key}/", views.list_view(line.key), name=line.key) for line in LINES],
    *[path(f"{line.key}/export.xlsx", views.export_view(line.key), name=f"{line.key}_export") for line in LINES],
    path("<slug:key>/new/", views.record_new, name="record_new"),
    path("<slug:key>/<int:pk>/", views.record_detail, name="record"),
    path("<slug:key>/<int:pk>/edit/", views.record_edit, name="record_edit"),
    path("<slug:key>/<int:pk>/delete/", views.record_remove, name="record_delete"),
    path("<slug:key>/<int:pk>/<slug:action>/", views.record_act, name="record_act"),
]
