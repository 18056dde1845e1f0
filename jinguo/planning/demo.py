"""Demo of the theme calendar: the region's year (annual mainline, quarterly themes, monthly focus) and an
Ordos focus of its own, built through the planning services."""

from django.utils import timezone

from jinguo.core.actors import SYSTEM
from jinguo.orgs.demo import demo_root
from jinguo.orgs.models import OrgUnit
from jinguo.planning.models import Theme, ThemeKind, ThemeSeries
from jinguo.planning.selectors import year_calendar
from jinguo.planning.services import series_create, theme_create

ANNUAL = "学思想 强党性 重实践 建新功"
QUARTERS = ["感党恩 听党话 跟党走", "铸牢中华民族共同体意识", "弘扬家庭家教家风", "学习宣传贯彻党的创新理论"]
MONTHS = [
    "新春走基层 巾帼话变化",
    "巾帼心向党 奋进新征程",
    "致敬她力量",
    "移风易俗树新风",
    "民族团结一家亲",
    "关爱儿童 守护未来",
    "永远跟党走",
    "最美家庭 家风传承",
    "巾帼建功乡村振兴",
    "我奋斗·家国美",
    "法治护航半边天",
    "学思践悟 砥砺前行",
]
SECONDARY = {3: "三八红旗手事迹宣讲", 9: "家庭教育进万家"}
SERIES = [("我奋斗·家国美", "围绕中心大局的系列主题宣传"), ("致敬她力量", "宣传各条战线优秀女性")]


def build_calendar(root: OrgUnit, year: int) -> dict:
    """The region's calendar for the year (made when missing), plus an Ordos focus; see `year_calendar`."""
    annual = Theme.objects.filter(org=root, kind=ThemeKind.ANNUAL, year=year).first()
    if annual is None:
        series = {}
        for name, desc in SERIES:
            series[name] = ThemeSeries.objects.filter(org=root, name=name).first() or series_create(
                actor=SYSTEM, org=root, name=name, description=desc
            )
        annual = theme_create(actor=SYSTEM, org=root, kind=ThemeKind.ANNUAL, year=year, title=ANNUAL)
        for q, title in enumerate(QUARTERS, start=1):
            quarter = theme_create(
                actor=SYSTEM, org=root, kind=ThemeKind.QUARTER, year=year, quarter=q, title=title, parent=annual
            )
            for m in range(3 * q - 2, 3 * q + 1):
                theme_create(
                    actor=SYSTEM,
                    org=root,
                    kind=ThemeKind.MONTH,
                    year=year,
                    month=m,
                    title=MONTHS[m - 1],
                    parent=quarter,
                    series=series.get(MONTHS[m - 1]),
                )
                if m in SECONDARY:
                    theme_create(
                        actor=SYSTEM,
                        org=root,
                        kind=ThemeKind.MONTH,
                        year=year,
                        month=m,
                        title=SECONDARY[m],
                        parent=quarter,
                        is_primary=False,
                        series=series["致敬她力量"],
                    )
        ordos = OrgUnit.objects.filter(code="150600").first()
        if ordos is not None:
            q2 = Theme.objects.get(org=root, kind=ThemeKind.QUARTER, year=year, quarter=2)
            theme_create(
                actor=SYSTEM, org=ordos, kind=ThemeKind.MONTH, year=year, month=5, title="“幸福敲门”进万家", parent=q2
            )
    return year_calendar(root, year)


def seed_themes(*, out, options: dict) -> dict:
    year = options.get("year") or timezone.localdate().year
    root = demo_root()
    before = Theme.objects.filter(org_path__startswith=root.path).count()
    build_calendar(root, year)
    return {"themes": Theme.objects.filter(org_path__startswith=root.path).count() - before}
