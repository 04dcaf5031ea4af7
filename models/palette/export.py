"""Palette exports: plain hex list, CSS custom properties, JSON, PNG swatch strip."""
from __future__ import annotations

import json

from PIL import Image, ImageDraw, ImageFont

from models.common.images import png_bytes
from models.palette.cvd import readable_ink


def as_hex_list(colors: list[str]) -> str:
    return "\n".join(colors) + "\n"


def as_css(colors: list[str], prefix: str = "palette") -> str:
    lines = [f"  --{prefix}-{i + 1}: {c};" for i, c in enumerate(colors)]
    return ":root {\n" + "\n".join(lines) + "\n}\n"


def as_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def _font(size: int):
    try:
        return ImageFont.load_default(size)
    except TypeError:  # older Pillow without sized default font
        return ImageFont.load_default()


def as_png(colors: list[str], swatch: int = 160) -> bytes:
    """A strip of square swatches, each labelled with its hex in black or white (whichever reads)."""
    img = Image.new("RGB", (swatch * len(colors), swatch), "white")
    draw = ImageDraw.Draw(img)
    font = _font(swatch // 8)
    for i, c in enumerate(colors):
        x = i * swatch
        draw.rectangle([x, 0, x + swatch - 1, swatch - 1], fill=c)
        draw.text((x + swatch // 12, swatch - swatch // 5), c, fill=readable_ink(c), font=font)
    return png_bytes(img)


FILES = {"hex": ("palette.txt", "text/plain"), "css": ("palette.css", "text/css"),
         "json": ("palette.json", "application/json"), "png": ("palette.png", "image/png")}


def render(kind: str, colors: list[str], report: dict) -> str | bytes:
    """The file of one FILES kind; `report` is the JSON export's content."""
    if kind == "json":
        return as_json(report)
    return {"hex": as_hex_list, "css": as_css, "png": as_png}[kind](colors)
