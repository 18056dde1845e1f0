"""The five micro-lines, declared once: what each record type is called, its roll-up metric (whose coverage is
the villages it reaches) and its pages. Services, lists, importers, metrics, pages and the overview read this."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jinguo.governance.models import Agreement, MicroEducation, MicroOrg, MicroService, SupervisionItem


@dataclass(frozen=True)
class Line:
    key: str  # "services": URLs, list names, import kinds, metric keys
    model: type
    name: str | Promise  # 微服务 in Chinese
    title: str | Promise  # what a record of it is: "Services to households"
    extra: tuple[str, ...]  # the fields of the line beyond VillageRecord's (and its members)
    sheet: str  # the export's file name, as the article names the line

    @property
    def metric(self) -> str:
        return f"governance.{self.key}"

    @property
    def label(self) -> str:
        return self.model._meta.label_lower  # "governance.microservice"


LINES = [
    Line("orgs", MicroOrg, _("Micro-organisation"), _("Micro-organisations"), ("kind", "leader", "active"), "微组织"),
    Line(
        "services", MicroService, _("Micro-service"), _("Services to households"), ("households", "micro_org"), "微服务"
    ),
    Line("education", MicroEducation, _("Micro-education"), _("Small-group education"), ("micro_org",), "微教育"),
    Line("agreements", Agreement, _("Micro-management"), _("Household agreements"), ("household", "due"), "微管理"),
    Line("supervision", SupervisionItem, _("Micro-supervision"), _("Supervision items"), ("raised_by",), "微监督"),
]
BY_KEY = {line.key: line for line in LINES}
BY_MODEL = {line.model: line for line in LINES}
