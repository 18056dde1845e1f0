from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "jinguo.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from jinguo.people import importers  # noqa: F401  (registers the people importer)
