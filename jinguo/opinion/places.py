"""Place recognition down to the county, from the org tree's names and their short forms.

Every unit's full name is a place name (鄂尔多斯市, 达拉特旗, 树林召镇, 漫赖村). Short forms come from two sources:
the suffix rules below (鄂尔多斯市 → 鄂尔多斯, 达拉特旗 → 达拉特, 鄂托克前旗 → 鄂前旗, 科尔沁左翼中旗 → 科左中旗,
树林召镇 → 树林召) and the shipped list of conventional names (data/place_aliases.csv: 东胜, 达旗 …). A short form two
units share names neither. The names feed the segmenter's user dictionary, so a place is one token.

`recognise(tokens)` → the path of the county a mention names (or of the league, when it names only a league).
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from jinguo.core.paths import at_level, level_of

DATA = Path(__file__).resolve().parent / "data"

# Suffixes of league and county names, longest first; what remains (two characters or more) is a short form.
UPPER_SUFFIXES = ("达斡尔族自治旗", "族自治旗", "自治旗", "联合旗", "矿区", "旗", "县", "市", "盟", "区")
TOWN_SUFFIXES = ("街道办事处", "街道", "苏木", "镇", "乡")
DIRECTIONS = ("左翼", "右翼")  # 科尔沁左翼中旗 → 科左中旗, 察哈尔右翼前旗 → 察右前旗


def short_forms(name: str, level: str) -> set[str]:
    """The short forms the rules derive from a unit's name at `level` (without the name itself)."""
    out: set[str] = set()
    if level in ("league", "county"):
        for suffix in UPPER_SUFFIXES:
            if name.endswith(suffix):
                stem = name[: -len(suffix)]
                # A district's two-character stem is most often a common word (新城, 青山): listed ones only.
                if len(stem) >= 2 and not (suffix == "区" and len(stem) < 3):
                    out.add(stem)
                break
        for d in DIRECTIONS:  # 科尔沁左翼中旗 → 科左中旗; 察哈尔右翼前旗 → 察右前旗
            if d in name and name.endswith("旗"):
                head, _sep, tail = name.partition(d)
                out.add(head[0] + d[0] + tail)
        if name.endswith(("前旗", "中旗", "后旗")) and len(name) > 4 and not any(d in name for d in DIRECTIONS):
            stem = name[:-2]
            out.add(stem[0] + name[-2:])  # 鄂托克前旗 → 鄂前旗, 乌拉特中旗 → 乌中旗
            if name[-3] in "左右":
                out.add(stem[0] + name[-3:])
        elif name.endswith(("左旗", "右旗")) and len(name) > 3:
            out.add(name[0] + name[-2:])  # 阿拉善左旗 → 阿左旗, 新巴尔虎右旗 → 新右旗
        if name.startswith(("东", "西")) and name.endswith("旗") and len(name) >= 5:
            out.add(name[:2] + "旗")  # 东乌珠穆沁旗 → 东乌旗
    elif level == "town":
        for suffix in TOWN_SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                out.add(name[: -len(suffix)])
                break
    out.discard(name)
    return out


def listed_aliases() -> list[tuple[str, str]]:
    """(code, alias) of the shipped list of conventional short names."""
    rows = []
    with open(DATA / "place_aliases.csv", encoding="utf-8") as fh:
        for row in csv.reader(line for line in fh if not line.startswith("#")):
            if len(row) == 2 and row[0] != "code":
                rows.append((row[0].strip(), row[1].strip()))
    return rows


@dataclass
class Gazetteer:
    """Place name → unit path; `full` are the units' own names (never ambiguous between levels of one path)."""

    by_name: dict[str, str] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)  # every name, for the segmenter's dictionary

    @classmethod
    def build(cls, units, aliases: list[tuple[str, str]] | None = None) -> "Gazetteer":
        """`units`: (code, name, level, path) of the org tree."""
        full: dict[str, set[str]] = {}
        short: dict[str, set[str]] = {}
        by_code = {}
        for code, name, level, path in units:
            by_code[code] = path
            if level == "province":
                continue
            full.setdefault(name, set()).add(path)
            for s in short_forms(name, level):
                short.setdefault(s, set()).add(path)
        for code, alias in aliases if aliases is not None else listed_aliases():
            if code in by_code:
                short.setdefault(alias, set()).add(by_code[code])
        g = cls()
        for name, paths in short.items():
            if len(paths) == 1 and name not in full:
                g.by_name[name] = next(iter(paths))
        for name, paths in full.items():
            county_paths = {at_level(p, "county") or p for p in paths}
            if len(county_paths) == 1:  # a village name repeated within one county still names the county
                g.by_name[name] = min(paths, key=len)
        g.names = set(g.by_name)
        return g

    def recognise(self, tokens) -> str | None:
        """The county (or the league, when no county is named) that the tokens name most often; a county under a
        named league wins over one elsewhere; ties go to the first named."""
        counties: dict[str, int] = {}
        leagues: dict[str, int] = {}
        for t in tokens:
            path = self.by_name.get(t)
            if path is None:
                continue
            county = at_level(path, "county")
            if county is not None:
                counties[county] = counties.get(county, 0) + 1
            elif level_of(path) == "league":
                leagues[path] = leagues.get(path, 0) + 1
        if counties:
            named = [c for c in counties if c[:4] in leagues] or list(counties)
            return max(named, key=lambda c: counties[c])  # max keeps the first of equals
        if leagues:
            return max(leagues, key=lambda p: leagues[p])
        return None
