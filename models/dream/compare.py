"""Before/after wipe: one image whose left part is the dream and right part the original photo."""
from __future__ import annotations

from PIL import Image, ImageDraw


def wipe(before: Image.Image, after: Image.Image, fraction: float) -> Image.Image:
    """`after` up to `fraction` of the width, `before` beyond it, with a thin white divider."""
    if before.size != after.size:
        before = before.resize(after.size, Image.LANCZOS)
    w, h = after.size
    cut = round(min(max(fraction, 0.0), 1.0) * w)
    out = before.copy()
    out.paste(after.crop((0, 0, cut, h)), (0, 0))
    if 0 < cut < w:
        ImageDraw.Draw(out).line([(cut, 0), (cut, h)], fill=(255, 255, 255), width=max(1, w // 256))
    return out
