app_name = "volunteer_public"
urlpatterns = []
