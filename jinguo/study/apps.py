from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudyConfig(AppConfig):
    name = "jinguo.study"
    label = "study"
    verbose_name = _("Joint study")
