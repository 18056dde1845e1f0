"""Chart images for documents (the .docx report), drawn with Pillow.

Chinese labels need a CJK font: the usual system fonts are tried; without one the bars are labelled
with division codes instead of names, so the image never shows empty boxes.
"""

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
]


def cjk_font(size: int):
    for path in FONT_CANDIDATES:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return None


def bar_chart(rows: list[tuple[str, str, int]], title: str, *, width: int = 1000, bar: int = 26) -> bytes:
    """Horizontal bars for (name, code, value) rows, largest first; a PNG."""
    font = cjk_font(18)
    title_font = cjk_font(22)
    use_names = font is not None
    font = font or ImageFont.load_default()
    title_font = title_font or ImageFont.load_default()
    rows = rows[:20]
    height = 70 + bar * len(rows) + 20
    img = Image.new("RGB", (width, max(height, 120)), "white")
    draw = ImageDraw.Draw(img)
    draw.text((20, 15), title if use_names else "", fill="#222222", font=title_font)
    top = max((v for _n, _c, v in rows), default=0) or 1
    left, right = 200, width - 90
    for i, (name, code, value) in enumerate(rows):
        y = 60 + i * bar
        label = name if use_names else code
        draw.text((20, y + 3), label[:10], fill="#333333", font=font)
        length = int((right - left) * value / top)
        draw.rectangle([left, y + 4, left + max(length, 1), y + bar - 4], fill="#c2185b")
        draw.text((left + length + 8, y + 3), f"{value:,}", fill="#333333", font=font)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()
