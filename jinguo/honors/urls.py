from django.urls import path

from jinguo.honors import views

app_name = "honors"
urlpatterns = [
    path("", views.programmes, name="programmes"),
    path("nominations/", views.nominations, name="nominations"),
    path("nominations/<int:pk>/", views.nomination, name="nomination"),
    path("nominations/<int:pk>/decide/", views.nomination_decide, name="nomination_decide"),
    path("objections/<int:pk>/", views.objection, name="objection"),
    path("registry/", views.honours, name="honours"),
    path("registry/export/", views.honours_export, name="honours_export"),
    path("registry/<int:pk>/certificate.docx", views.certificate, name="certificate"),
    path("registry/<int:pk>/revoke/", views.honour_revoke, name="honour_revoke"),
]
