from django.urls import path

from jinguo.volunteer import views

app_name = "volunteer"
urlpatterns = [
    path("", views.teams, name="teams"),
    path("approvals/", views.approvals, name="approvals"),
    path("records/<int:pk>/", views.record, name="record"),
    path("volunteers/<int:pk>/", views.volunteer, name="volunteer"),
    path("applications/", views.applications, name="applications"),
    path("me/", views.mine, name="mine"),
]
