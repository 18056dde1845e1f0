from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "jinguo.stats"
    label = "stats"
    verbose_name = _("Statistics")

    def ready(self) -> None:
        from jinguo.stats import metrics  # noqa: F401  (the metrics of the core modules)
