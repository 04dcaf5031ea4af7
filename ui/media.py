"""Pictures go to the browser once, at display size: encode when a result is made, not on every rerun.

`st.image` re-encodes a PIL image on every rerun of the page; given bytes it only hashes them.
A result keeps `shown(img)` (a JPEG at most DISPLAY_SIDE px) next to its full-size download.
"""
from __future__ import annotations

import io

from PIL import Image

DISPLAY_SIDE = 960  # the widest a picture is drawn (presentation mode, 1920 px screen, two columns)
THUMB_SIDE = 320


def shown(img: Image.Image, side: int = DISPLAY_SIDE, quality: int = 88) -> bytes:
    """`img` fitted into `side` × `side` and encoded as JPEG once."""
    from models.common.images import fit_within

    small = fit_within(img.convert("RGB"), side)
    buf = io.BytesIO()
    small.save(buf, "JPEG", quality=quality)
    return buf.getvalue()
