from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "jinguo.orgs"
    label = "orgs"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from jinguo.orgs import importers  # noqa: F401  (registers the towns/villages importer)
