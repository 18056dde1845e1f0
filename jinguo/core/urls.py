from django.urls import path

from jinguo.core import views

app_name = "core"
urlpatterns = [
    path("imports/<slug:kind>/", views.import_upload, name="import_upload"),
    path("imports/<slug:kind>/template.xlsx", views.import_template, name="import_template"),
    path("imports/jobs/<int:pk>/", views.import_job, name="import_job"),
    path("imports/jobs/<int:pk>/errors.xlsx", views.import_job_errors, name="import_job_errors"),
    path("exports/jobs/<int:pk>/", views.export_job, name="export_job"),
    path("exports/jobs/<int:pk>/file.xlsx", views.export_job_file, name="export_job_file"),
    path("account/password/", views.password_change, name="password_change"),
    path("account/otp/", views.otp, name="otp"),
    path("audit/", views.audit_list, name="audit"),
    path("audit/export.xlsx", views.audit_export, name="audit_export"),
    path("audit/verify/", views.audit_verify, name="audit_verify"),
    path("comments/<str:object_type>/<int:object_id>/", views.comment_post, name="comment"),
]
