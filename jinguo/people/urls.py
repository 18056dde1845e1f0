from django.urls import path

from jinguo.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_index, name="list"),
    path("new/", views.person_new, name="new"),
    path("export.xlsx", views.person_export, name="export"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/delete/", views.person_remove, name="delete"),
    path("<int:pk>/reveal/<str:field>/", views.person_reveal_view, name="reveal"),
    path("<int:pk>/photo/", views.person_photo, name="photo"),
]
