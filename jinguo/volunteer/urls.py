app_name = "volunteer"
urlpatterns = []
