from django.urls import path

from jinguo.outreach import public

app_name = "checkin"
urlpatterns = [
    path("", public.checkin_start, name="start"),
    path("<int:pk>/<str:code>/", public.checkin_lecture, name="lecture"),
]
