from django.apps import AppConfig


class ThrowawayConfig(AppConfig):
    name = "jinguo.core.tests.throwaway"
    label = "throwaway"
