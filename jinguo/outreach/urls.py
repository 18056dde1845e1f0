from django.urls import path

from jinguo.outreach import views

app_name = "outreach"
urlpatterns = [
    path("teams/", views.team_index, name="teams"),
    path("teams/export.xlsx", views.team_export, name="team_export"),
    path("teams/new/", views.team_new, name="team_new"),
    path("teams/<int:pk>/", views.team_detail, name="team"),
    path("teams/<int:pk>/edit/", views.team_edit, name="team_edit"),
    path("teams/<int:pk>/delete/", views.team_remove, name="team_delete"),
    path("teams/<int:pk>/members/add/", views.member_add, name="member_add"),
    path("members/<int:pk>/", views.member_edit, name="member_edit"),
    path("members/<int:pk>/delete/", views.member_remove, name="member_delete"),
    path("lectures/", views.lecture_index, name="lectures"),
    path("lectures/new/", views.lecture_new, name="lecture_new"),
    path("lectures/export.xlsx", views.lecture_export, name="lecture_export"),
    path("lectures/lecturers/", views.lecturer_options, name="lecturer_options"),
    path("lectures/<int:pk>/", views.lecture_detail, name="lecture"),
    path("lectures/<int:pk>/edit/", views.lecture_edit, name="lecture_edit"),
    path("lectures/<int:pk>/held/", views.lecture_held, name="lecture_held"),
    path("lectures/<int:pk>/verify/", views.lecture_verify, name="lecture_verify"),
    path("lectures/<int:pk>/return/", views.lecture_return, name="lecture_return"),
    path("lectures/<int:pk>/resubmit/", views.lecture_resubmit, name="lecture_resubmit"),
    path("lectures/<int:pk>/correct/", views.lecture_correct, name="lecture_correct"),
    path("lectures/<int:pk>/delete/", views.lecture_remove, name="lecture_delete"),
    path("lectures/<int:pk>/photos/", views.lecture_photos, name="lecture_photos"),
    path("lectures/<int:pk>/photos/<int:photo_pk>/", views.lecture_photo, name="lecture_photo"),
    path("lectures/<int:pk>/qr.svg", views.lecture_qr, name="lecture_qr"),
    path("coverage/", views.coverage_page, name="coverage"),
    path("lectures/periods/", views.period_index, name="periods"),
    path("lectures/periods/<int:pk>/reopen/", views.period_reopen, name="period_reopen"),
    path("teams/lists/", views.lookup_index, name="lookups"),
    path("teams/lists/<slug:kind>/add/", views.lookup_add, name="lookup_add"),
    path("teams/lists/<slug:kind>/<int:pk>/", views.lookup_edit, name="lookup_edit"),
]
