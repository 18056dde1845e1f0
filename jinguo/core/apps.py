from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "jinguo.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from jinguo.core import checks, modules, signals  # noqa: F401  (deploy checks, login audit receivers)

        modules.discover()  # every app's module.py: navigation, URLs, API, importers, metrics, seeds, actions
