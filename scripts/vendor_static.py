#!/usr/bin/env python3
"""Vendor front-end files from the npm registry into jinguo/static/vendor/.

Pages load nothing from another host: every script, style sheet and icon is served by the app.
The versions are pinned here and written to jinguo/static/vendor/VERSIONS.txt.

Usage: python scripts/vendor_static.py
"""

import re
import subprocess
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "jinguo" / "static" / "vendor"

PACKAGES = {
    # package: (version, {file in package: file in vendor/})
    "@tabler/core": (
        "1.6.1",
        {
            "dist/css/tabler.min.css": "tabler/tabler.min.css",
            "dist/js/tabler.min.js": "tabler/tabler.min.js",
        },
    ),
    "htmx.org": ("2.0.11", {"dist/htmx.min.js": "htmx/htmx.min.js"}),
    "echarts": ("6.1.0", {"dist/echarts.min.js": "echarts/echarts.min.js"}),
    # ECharts' word-cloud series, for the opinion briefs' hot words.
    "echarts-wordcloud": ("2.1.0", {"dist/echarts-wordcloud.min.js": "echarts-wordcloud/echarts-wordcloud.min.js"}),
}

# Outline icons from @tabler/icons, combined into one SVG sprite (<use href="…#name">).
ICONS_VERSION = "3.52.0"
ICONS = [
    "chart-bar",
    "calendar",
    "microphone",
    "school",
    "trophy",
    "qrcode",
    "report",
    "home",
    "binary-tree",
    "users",
    "key",
    "shield-check",
    "logout",
    "search",
    "download",
    "upload",
    "file-spreadsheet",
    "eye",
    "plus",
    "pencil",
    "trash",
    "chevron-right",
    "menu-2",
    "building",
    "user",
    "language",
    "alert-triangle",
    "check",
    "x",
    "list",
    "map-pin",
    "api",
    "bell",
]


def npm_pack(name: str, version: str, tmp: Path) -> tarfile.TarFile:
    subprocess.run(["npm", "pack", f"{name}@{version}", "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    base = name.lstrip("@").replace("/", "-")
    return tarfile.open(tmp / f"{base}-{version}.tgz")


def main() -> None:
    lines = []
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        for name, (version, files) in PACKAGES.items():
            with npm_pack(name, version, tmp) as tar:
                for src, dst in files.items():
                    data = tar.extractfile(f"package/{src}").read()
                    if dst.endswith(".css"):
                        # Drop source-map comments: the maps are not vendored.
                        data = re.sub(rb"/\*# sourceMappingURL=[^*]*\*/", b"", data)
                    if dst.endswith(".js"):
                        data = re.sub(rb"//# sourceMappingURL=\S+", b"", data)
                    target = OUT / dst
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
            lines.append(f"{name}@{version}")
        with npm_pack("@tabler/icons", ICONS_VERSION, tmp) as tar:
            symbols = []
            for icon in ICONS:
                svg = tar.extractfile(f"package/icons/outline/{icon}.svg").read().decode()
                body = re.search(r"<svg[^>]*>(.*)</svg>", svg, re.S).group(1)
                symbols.append(f'<symbol id="{icon}" viewBox="0 0 24 24">{body.strip()}</symbol>')
            sprite = OUT / "tabler-icons" / "sprite.svg"
            sprite.parent.mkdir(parents=True, exist_ok=True)
            sprite.write_text('<svg xmlns="http://www.w3.org/2000/svg">' + "".join(symbols) + "</svg>\n")
            lines.append(f"@tabler/icons@{ICONS_VERSION} ({len(ICONS)} outline icons as a sprite)")
    (OUT / "VERSIONS.txt").write_text(
        "Vendored from the npm registry by scripts/vendor_static.py\n" + "\n".join(lines) + "\n"
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
