from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "jinguo.api"
    label = "api"
    verbose_name = "API"
