"""The 26-style picker: every style painted on one small fixed photo, in a single batched call.

One batch of 26 copies of the photo with 26 one-hot style vectors shows the point of conditional
instance norm: the same weights, only the per-style gamma/beta rows differ.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

from models.style.imaging import centre_square, to_array01, to_image
from models.style.multistyle import NUM_STYLES, MultiStyleNet

RENDER_SIDE = 224  # the net paints strokes at a fixed pixel scale: render larger, then shrink
THUMB_SIDE = 112
THUMB_EXAMPLE = "chelsea"  # scikit-image's cat photo (public domain)


def thumbnail_content(side: int = RENDER_SIDE) -> Image.Image:
    """The fixed photo the thumbnails are painted on (centre square of the cat)."""
    from models.common.examples import get_example
    from models.common.images import load_image

    return centre_square(load_image(get_example(THUMB_EXAMPLE).jpeg_bytes()).image, side)


def style_thumbnails(
    net: MultiStyleNet, content: Image.Image | None = None, side: int = THUMB_SIDE
) -> list[Image.Image]:
    """26 thumbnails (side×side), index i = style i. `content` sides must be multiples of 4."""
    content = content or thumbnail_content()
    batch = np.repeat(to_array01(content)[None], NUM_STYLES, axis=0)
    painted = net.run(batch, np.eye(NUM_STYLES, dtype=np.float32))
    return [to_image(a).resize((side, side), Image.LANCZOS) for a in painted]


def contact_sheet(thumbs: list[Image.Image], columns: int = 9, gap: int = 4) -> Image.Image:
    """All thumbnails on one white sheet, row by row (for the CLI and the README)."""
    side = thumbs[0].width
    rows = -(-len(thumbs) // columns)
    sheet = Image.new("RGB", (columns * (side + gap) + gap, rows * (side + gap) + gap), "white")
    for i, th in enumerate(thumbs):
        r, c = divmod(i, columns)
        sheet.paste(th, (gap + c * (side + gap), gap + r * (side + gap)))
    return sheet
