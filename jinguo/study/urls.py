from django.urls import path

from jinguo.study import views

app_name = "study"
urlpatterns = [
    path("", views.session_index, name="sessions"),
    path("export.xlsx", views.session_export, name="sessions_export"),
    path("new/", views.session_new, name="session_new"),
    path("records/", views.records, name="records"),
    path("records/export.xlsx", views.records_export, name="records_export"),
    path("<int:pk>/", views.session_detail, name="session"),
    path("<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("<int:pk>/attendance/", views.session_attendance, name="session_attendance"),
    path("<int:pk>/delete/", views.session_remove, name="session_delete"),
]
