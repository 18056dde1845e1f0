"""Imports of the media module (core.xlsx framework): the account register (.xlsx, the template of the generic
import pages) and the platforms' back-office exports of daily metrics (.xlsx or .csv, one column mapping per
platform, from the media metrics page and the API)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jinguo.core.bounds import bounds, number, text_parser
from jinguo.core.scope import scoped
from jinguo.core.text import normalize_identifier
from jinguo.core.xlsx import ChoiceColumn, Column, DateColumn, Importer, register
from jinguo.media import services
from jinguo.media.models import MAX_DAILY, Account, Platform, Verification
from jinguo.media.module import MANAGE
from jinguo.orgs.columns import OrgColumn

YES = {"是", "yes", "y", "1", "true", "自有", "own"}
NO = {"否", "no", "n", "0", "false", "矩阵", "matrix"}

_WAN = re.compile(r"^(?P<n>\d+(?:\.\d+)?)(?P<unit>[万wW亿])?\+?$")


def parse_count(value, *, limit: int = MAX_DAILY) -> int:
    """A count as back-office exports write it: 1234, 1,234, full-width digits, 1.2万, 10万+ (a lower bound,
    read as 100,000)."""
    if isinstance(value, str) and value.isascii() and value.isdigit():  # the usual cell, read fast
        n = int(value)
        if n > limit:
            raise ValidationError(_("A whole number from 0 to %(max)s.") % {"max": number(limit)})
        return n
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value < 0 or value != int(value):
            raise ValidationError(_("A whole number from 0 to %(max)s.") % {"max": number(limit)})
        n = int(value)
    else:
        text = normalize_identifier(value).replace(",", "").replace("，", "")
        m = _WAN.match(text)
        if not m:
            raise ValidationError(_("“%(value)s” is not a count.") % {"value": str(value)[:40]})
        scale = {"万": 10_000, "W": 10_000, "亿": 100_000_000}.get((m["unit"] or "").upper(), 1)
        n = round(float(m["n"]) * scale)
    if n > limit:
        raise ValidationError(_("A whole number from 0 to %(max)s.") % {"max": number(limit)})
    return n


def _uid(value) -> str:
    """An account's id on its platform, normalised like every identifier (full-width letters, spaces)."""
    uid = normalize_identifier(value)
    limit = bounds(Account, "platform_uid").max_length
    if len(uid) > limit:
        raise ValidationError(_("At most %(max)s characters.") % {"max": number(limit)})
    return uid


def _own(value) -> bool:
    text = str(value).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValidationError(_("Write 自有 (own account) or 矩阵 (matrix member)."))


class PlatformColumn(Column):
    """A platform by its name or code; an inactive one is refused."""

    def __init__(self, key, header, **kwargs):
        kwargs.setdefault("choices", lambda: list(Platform.objects.filter(active=True).values_list("name", flat=True)))
        kwargs.setdefault("format", lambda a: a.platform.name)
        super().__init__(key, header, parse=self._parse, **kwargs)
        self.known: dict[str, Platform] | None = None

    def prepare(self, importer, values) -> None:
        self.known = {}
        for p in Platform.objects.all():
            self.known[p.name] = p
            self.known[p.code] = p

    def _parse(self, value):
        if self.known is None:
            self.prepare(None, set())
        p = self.known.get(" ".join(str(value).split()))
        if p is None or not p.active:
            raise ValidationError(_("Choose a platform of the list."))
        return p


@register
class AccountImporter(Importer):
    kind = "media_accounts"
    title = gettext_lazy("Media accounts")
    permission = MANAGE

    def get_columns(self):
        return [
            Column(
                "name",
                _("Account name"),
                parse=text_parser(Account, "name"),
                example="北疆女声",
                format=lambda a: a.name,
            ),
            PlatformColumn("platform", _("Platform"), example="微信公众号"),
            Column(
                "platform_uid",
                _("Platform id"),
                parse=_uid,
                example="gh_beijiangnvsheng",
                help=_("The account's id on the platform (公众号 original id, 抖音号 …)."),
                format=lambda a: a.platform_uid,
            ),
            OrgColumn("org_code", _("Org unit code"), perm=MANAGE, example="150000"),
            Column(
                "operator",
                _("Operator"),
                required=False,
                parse=text_parser(Account, "operator"),
                example="宣传部",
                format=lambda a: a.operator,
            ),
            Column(
                "brand",
                _("Brand"),
                required=False,
                parse=text_parser(Account, "brand"),
                example="北疆女声",
                format=lambda a: a.brand,
            ),
            Column(
                "own",
                _("Own or matrix"),
                parse=_own,
                example="自有",
                choices=lambda: ["自有", "矩阵"],
                format=lambda a: "自有" if a.own else "矩阵",
            ),
            Column(
                "followers",
                _("Followers"),
                required=False,
                parse=lambda v: parse_count(v, limit=bounds(Account, "followers").max_value),
                example="12000",
                format=lambda a: a.followers,
            ),
            ChoiceColumn(
                "verification",
                _("Verification"),
                choices=Verification.choices,
                required=False,
                aliases={"已认证": Verification.VERIFIED, "未认证": Verification.NONE, "认证中": Verification.PENDING},
                example=str(Verification.VERIFIED.label),
                format=lambda a: a.get_verification_display(),
            ),
            DateColumn("last_post_on", _("Last post"), required=False, earliest=2000, format=lambda a: a.last_post_on),
        ]

    def prepare(self, rows):
        uids = {(r["platform"].pk, r["platform_uid"]) for r in rows if r.get("platform") and r.get("platform_uid")}
        self.taken = set(
            Account.objects.filter(platform_uid__in={u for _p, u in uids}).values_list("platform_id", "platform_uid")
        )
        self.seen: dict[tuple, int] = {}

    def clean_row(self, row):
        errors = {}
        if row.get("platform") and row.get("platform_uid"):
            key = (row["platform"].pk, row["platform_uid"])
            if key in self.taken:
                errors["platform_uid"] = [_("This platform already has an account with this id.")]
            elif key in self.seen:
                errors["platform_uid"] = [_("The same account is in row %(row)s.") % {"row": self.seen[key]}]
            else:
                self.seen[key] = self.row_number
        if errors:
            raise ValidationError(errors)
        return row

    def write(self, rows):
        from django.utils import timezone

        today = timezone.localdate()
        accounts = [
            Account(
                org=r["org_code"],
                org_path=r["org_code"].path,
                name=r["name"],
                platform=r["platform"],
                platform_uid=r["platform_uid"],
                operator=r.get("operator") or "",
                brand=r.get("brand") or "",
                own=r["own"],
                followers=r.get("followers") or 0,
                verification=r.get("verification") or Verification.NONE,
                last_post_on=r.get("last_post_on"),
                registered_on=today,
                created_by=self.actor if getattr(self.actor, "pk", None) else None,
            )
            for r in rows
        ]
        return services.accounts_bulk_create(actor=self.actor, accounts=accounts)


class AccountRefColumn(Column):
    """An account of one platform by its id there (or its exact name) → an account the actor manages; an
    unknown id and one outside the actor's units get one message."""

    def __init__(self, key, header, *, platform, **kwargs):
        self.platform = platform
        self.by_uid: dict[str, Account] = {}
        self.by_name: dict[str, list[Account]] = {}
        self.resolved: dict[str, Account | ValidationError] = {}
        super().__init__(key, header, parse=self._parse, **kwargs)

    def prepare(self, importer, values) -> None:
        accounts = scoped(Account.objects.filter(platform=self.platform), importer.actor, MANAGE)
        for a in accounts.only("pk", "org_path", "platform_uid", "name"):
            self.by_uid[a.platform_uid] = a
            self.by_name.setdefault(a.name, []).append(a)

    def _parse(self, value):
        # An export names each account on every one of its days: each distinct cell is resolved once a run.
        found = self.resolved.get(value)
        if found is None:
            try:
                found = self._resolve(value)
            except ValidationError as e:
                found = e
            self.resolved[value] = found
        if isinstance(found, ValidationError):
            raise ValidationError(found.messages)  # a fresh one: a re-raised instance keeps growing its traceback
        return found

    def _resolve(self, value):
        key = normalize_identifier(value)
        a = self.by_uid.get(key)
        if a is None:
            matches = self.by_name.get(" ".join(str(value).split()), [])
            if len(matches) == 1:
                a = matches[0]
        if a is None:
            raise ValidationError(
                _("No account of yours on %(platform)s has the id %(id)s.")
                % {"platform": self.platform.name, "id": key[:60]}
            )
        return a


class MetricsImporter(Importer):
    """One platform's back-office export of daily figures, read through the platform's column mapping
    (`Platform.columns`: metric → header). A file whose header lacks a mapped column is refused before any row
    is read, naming every missing column; a row that names a day twice for one account is refused too."""

    kind = "media_metrics"
    title = gettext_lazy("Daily metrics")
    permission = MANAGE
    formats = (".xlsx", ".csv")  # the platforms' back-offices export either

    def __init__(self, actor, platform: Platform) -> None:
        super().__init__(actor)
        self.platform = platform

    def get_columns(self):
        mapping = self.platform.columns or {}
        counts = {
            "reads": _("reads"),
            "likes": _("likes"),
            "shares": _("shares"),
            "comments": _("comments"),
            "wows": "在看",
            "followers": _("followers"),
        }
        cols: list[Column] = [
            AccountRefColumn("account", mapping.get("account", "账号"), platform=self.platform),
            DateColumn("day", mapping.get("day", "日期"), earliest=2000),
        ]
        for key in counts:
            if key in mapping:
                cols.append(Column(key, mapping[key], required=key == "reads", parse=parse_count))
        return cols

    def prepare(self, rows):
        self.seen: dict[tuple, int] = {}

    def clean_row(self, row):
        if row.get("account") is not None and row.get("day") is not None:
            key = (row["account"].pk, row["day"])
            if key in self.seen:
                raise ValidationError(
                    {"day": [_("The same account and day are in row %(row)s.") % {"row": self.seen[key]}]}
                )
            self.seen[key] = self.row_number
        return row

    def write(self, rows):
        return services.metrics_write(actor=self.actor, rows=rows)


def import_metrics(actor, platform: Platform, file):
    """Run a metrics file through the importer (all rows or none, every problem reported)."""
    from jinguo.core.scope import require
    from jinguo.core.xlsx import run_import

    require(actor, MANAGE)
    return run_import(MetricsImporter(actor, platform), file)
