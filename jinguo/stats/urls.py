from django.urls import path

from jinguo.stats import views

app_name = "stats"
urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("report/", views.report_view, name="report"),
]
