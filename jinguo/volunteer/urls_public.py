from django.urls import path

from jinguo.volunteer import public

app_name = "volunteer_public"
urlpatterns = [
    path("", public.projects, name="projects"),
    path("<int:pk>/", public.project, name="project"),
]
