from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "jinguo.publications"
    label = "publications"
    verbose_name = _("Publication distribution")
