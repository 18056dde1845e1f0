"""Writes to the org tree. Every change is permission-checked and audited in one transaction."""

import csv
import random
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jinguo.core import audit
from jinguo.core.actors import is_system
from jinguo.core.paths import parent_path
from jinguo.core.roles import Perm
from jinguo.core.scope import in_scope
from jinguo.orgs.codes import parse_code, pinyin_initials
from jinguo.orgs.models import Level, OrgUnit

DIVISIONS_FILE = Path(__file__).resolve().parent / "data" / "divisions.csv"


def read_divisions() -> list[dict]:
    with DIVISIONS_FILE.open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines))


def _check_manage(actor, parent_path_: str | None) -> None:
    # SYSTEM is the operator at the command line (jinguo orgs init).
    if is_system(actor):
        return
    if parent_path_ is None or not in_scope(actor, parent_path_, Perm.MANAGE_ORGS):
        raise PermissionDenied(_("You may only add units below your own unit."))


def validate_new_units(rows: list[tuple[str, str]], *, known_paths: set[str]) -> list[tuple[int, str, str]]:
    """Check (code, name) rows; return (index, field, reason) problems. Parents may come earlier."""
    problems = []
    seen: set[str] = set()
    for i, (code, name) in enumerate(rows):
        parsed = parse_code(code)
        if parsed is None:
            problems.append((i, "code", _("“%(code)s” is not a 6, 9 or 12 digit division code.") % {"code": code}))
            continue
        level, path = parsed
        if not name or len(name) > 60:
            problems.append((i, "name", _("The name is required and at most 60 characters.")))
        if path in known_paths or path in seen:
            problems.append((i, "code", _("Unit %(code)s already exists.") % {"code": code}))
            continue
        ppath = parent_path(path)
        if level != Level.PROVINCE and ppath not in known_paths and ppath not in seen:
            problems.append((i, "code", _("The parent unit of %(code)s does not exist.") % {"code": code}))
        seen.add(path)
    return problems


@transaction.atomic
def org_bulk_create(*, actor, rows: list[tuple[str, str]], generated: bool = False, batch: int = 2000) -> int:
    """Create units given as (code, name), parents before children. All or nothing."""
    if not rows:
        return 0
    parsed = [(code.strip(), name.strip(), *(parse_code(code.strip()) or (None, None))) for code, name in rows]
    needed = {parent_path(path) for *_rest, path in parsed if path}
    known = dict(OrgUnit.objects.filter(path__in=[p for p in needed if p]).values_list("path", "pk"))
    problems = validate_new_units(
        [(c, n) for c, n, *_ in parsed],
        known_paths=set(known)
        | set(OrgUnit.objects.filter(path__in=[p for *_rest, p in parsed]).values_list("path", flat=True)),
    )
    if problems:
        raise ValidationError([p[2] for p in problems[:20]])
    for *_rest, path in parsed:
        _check_manage(actor, parent_path(path))
    # Create level by level so parents have primary keys before their children.
    by_depth: dict[int, list] = {}
    for code, name, level, path in parsed:
        by_depth.setdefault(len(path), []).append((code, name, level, path))
    created = 0
    for depth in sorted(by_depth):
        objs = []
        for code, name, level, path in by_depth[depth]:
            ppath = parent_path(path)
            objs.append(
                OrgUnit(
                    code=code,
                    name=name,
                    level=level,
                    path=path,
                    parent_id=known.get(ppath),
                    pinyin=pinyin_initials(name),
                    is_generated=generated,
                )
            )
        OrgUnit.objects.bulk_create(objs, batch_size=batch)
        known.update(OrgUnit.objects.filter(path__in=[o.path for o in objs]).values_list("path", "pk"))
        created += len(objs)
    roots = sorted({parent_path(p) or p for *_rest, p in parsed}, key=len)
    audit.record(
        actor,
        "org.bulk_create",
        object_type="orgs.orgunit",
        org_path=roots[0] if roots else "",
        detail={"count": created, "generated": generated, "first": parsed[0][0], "last": parsed[-1][0]},
    )
    return created


@transaction.atomic
def org_rename(*, actor, org: OrgUnit, name: str) -> OrgUnit:
    _check_manage(actor, org.path)
    name = name.strip()
    if not name or len(name) > 60:
        raise ValidationError({"name": _("The name is required and at most 60 characters.")})
    before = org.name
    org.name = name
    org.pinyin = pinyin_initials(name)
    org.is_generated = False
    org.full_clean()
    org.save(update_fields=["name", "pinyin", "is_generated"])
    audit.record(actor, "org.rename", obj=org, detail={"before": before, "after": name})
    return org


def orgs_init(*, actor, province_code: str) -> int:
    """Build a federation's tree for a province from the shipped divisions file. Idempotent."""
    parsed = parse_code(province_code)
    if parsed is None or parsed[0] != Level.PROVINCE:
        raise ValidationError(_("“%(code)s” is not a province code such as 150000.") % {"code": province_code})
    prefix = parsed[1]
    rows = [(r["code"], r["name"]) for r in read_divisions() if r["code"].startswith(prefix)]
    if not rows:
        raise ValidationError(_("No divisions are known under %(code)s.") % {"code": province_code})
    existing = set(OrgUnit.objects.filter(path__startswith=prefix).values_list("code", flat=True))
    todo = [r for r in rows if r[0] not in existing]
    return org_bulk_create(actor=actor, rows=todo) if todo else 0


TOWN_STEMS = [
    "乌兰",
    "巴彦",
    "查干",
    "哈日",
    "白音",
    "宝日",
    "阿拉坦",
    "额尔敦",
    "赛罕",
    "新华",
    "团结",
    "和平",
    "兴隆",
    "太平",
    "永丰",
    "红旗",
    "金山",
    "东风",
    "双河",
    "富民",
]
TOWN_KINDS = ["镇", "苏木", "乡", "街道"]
VILLAGE_STEMS = [
    "前进",
    "胜利",
    "光明",
    "幸福",
    "新村",
    "团结",
    "红星",
    "富裕",
    "和顺",
    "兴旺",
    "朝阳",
    "阳光",
    "草原",
    "河畔",
    "沙窝",
    "敖包",
    "哈达",
    "乌力吉",
    "吉日嘎朗",
    "其其格",
]
VILLAGE_KINDS = ["嘎查", "村", "社区"]


def orgs_generate_demo(
    *,
    actor,
    root: OrgUnit,
    towns_per_county: tuple[int, int] = (7, 12),
    villages_per_town: tuple[int, int] = (10, 18),
    seed: int = 150000,
) -> int:
    """Generate towns and villages below every county of `root`, deterministically. Idempotent."""
    rng = random.Random(seed)
    counties = list(OrgUnit.objects.filter(path__startswith=root.path, level=Level.COUNTY).order_by("path"))
    existing = set(
        OrgUnit.objects.filter(path__startswith=root.path, level__in=[Level.TOWN, Level.VILLAGE]).values_list(
            "path", flat=True
        )
    )
    rows = []
    for county in counties:
        for t in range(rng.randint(*towns_per_county)):
            town_code = f"{county.code}{100 + t:03d}"
            town_name = f"{rng.choice(TOWN_STEMS)}{rng.choice(TOWN_KINDS)}"
            if town_code not in existing:
                rows.append((town_code, town_name))
            for v in range(rng.randint(*villages_per_town)):
                village_code = f"{town_code}{200 + v:03d}"
                village_name = f"{rng.choice(VILLAGE_STEMS)}{rng.choice(VILLAGE_KINDS)}"
                if village_code not in existing:
                    rows.append((village_code, village_name))
    return org_bulk_create(actor=actor, rows=rows, generated=True) if rows else 0
