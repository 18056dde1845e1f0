from django.http import HttpResponse
from django.urls import path

app_name = "throwaway"
urlpatterns = [path("", lambda request: HttpResponse("throwaway page"), name="index")]
