from django.urls import path

from jinguo.opinion import views

app_name = "opinion"
urlpatterns = [
    path("", views.mentions, name="mentions"),
    path("export/", views.mentions_export, name="mentions_export"),
    path("mentions/<int:pk>/", views.mention, name="mention"),
    path("sources/", views.sources, name="sources"),
    path("sources/<int:pk>/poll/", views.source_poll, name="source_poll"),
    path("rules/", views.rules, name="rules"),
    path("alerts/", views.alerts, name="alerts"),
    path("alerts/export/", views.alerts_export, name="alerts_export"),
    path("alerts/<int:pk>/", views.alert, name="alert"),
    path("incidents/", views.incidents, name="incidents"),
    path("incidents/<int:pk>/", views.incident, name="incident"),
    path("brief/", views.brief, name="brief"),
    path("brief.docx", views.brief_docx, name="brief_docx"),
    path("model/", views.model, name="model"),
]
