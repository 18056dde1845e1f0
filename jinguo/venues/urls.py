from django.urls import path

from jinguo.venues import views

app_name = "venues"
urlpatterns = [
    path("", views.venues, name="venues"),
    path("export.xlsx", views.venue_export, name="venue_export"),
    path("new/", views.venue_new, name="venue_new"),
    path("map/", views.venue_map, name="map"),
    path("coverage/", views.coverage, name="coverage"),
    path("kinds/", views.kinds, name="kinds"),
    path("kinds/<int:pk>/", views.kind_edit, name="kind_edit"),
    path("<int:pk>/", views.venue_detail, name="venue"),
    path("<int:pk>/edit/", views.venue_edit, name="venue_edit"),
    path("<int:pk>/delete/", views.venue_remove, name="venue_delete"),
    path("<int:pk>/photos/", views.venue_photos, name="venue_photos"),
    path("<int:pk>/photos/<int:photo_pk>/", views.venue_photo, name="venue_photo"),
    path("<int:pk>/photos/<int:photo_pk>/delete/", views.venue_photo_delete, name="venue_photo_delete"),
    path("<int:pk>/inspect/", views.inspection_new, name="inspection_new"),
    path("inspections/", views.inspections, name="inspections"),
    path("inspections/export.xlsx", views.inspection_export, name="inspection_export"),
    path("inspections/<int:pk>/delete/", views.inspection_remove, name="inspection_delete"),
    path("problems/<int:pk>/fix/", views.problem_fix, name="problem_fix"),
]
