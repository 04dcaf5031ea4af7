"""Palette from a photo: k-means on the photo's colours in CAM02-UCS, then the model fills the rest.

The photo is shrunk first (a 12 MP photo and a 100-pixel thumbnail have the same dominant colours)
and near-identical pixels are merged into weighted bins, so clustering stays in milliseconds.
This is the lecture's unsupervised learning (군집, clustering) feeding a supervised model.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

from models.common.images import fit_within
from models.palette.colorspace import lightness_order, rgb_to_ucs, ucs_to_hex

THUMB_SIDE = 96
BIN_BITS = 5  # 32 levels per channel: 32,768 bins at most


def _weighted_pixels(img: Image.Image) -> tuple[np.ndarray, np.ndarray]:
    """Shrink, bin to BIN_BITS per channel → (unique bin colours in CAM02-UCS, pixel counts)."""
    photo = img if img.mode == "RGB" else img.convert("RGB")
    thumb = fit_within(photo, THUMB_SIDE, Image.BOX, reducing_gap=2.0)  # box filter: fast on 12 MP
    px = np.asarray(thumb, dtype=np.uint16).reshape(-1, 3) >> (8 - BIN_BITS)
    codes = (px[:, 0] << (2 * BIN_BITS)) | (px[:, 1] << BIN_BITS) | px[:, 2]
    uniq, counts = np.unique(codes, return_counts=True)
    mask = (1 << BIN_BITS) - 1
    rgb = np.stack([uniq >> (2 * BIN_BITS), (uniq >> BIN_BITS) & mask, uniq & mask], 1)
    rgb = (rgb.astype(float) + 0.5) * (256 >> BIN_BITS)
    return rgb_to_ucs(rgb), counts.astype(float)


def dominant_colours(img: Image.Image, k: int = 5, seed: int = 0) -> list[dict]:
    """The k main colours of a photo, biggest share first: [{"hex", "share"}]."""
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits

    points, weights = _weighted_pixels(img)
    k = max(1, min(k, len(points)))
    with threadpool_limits(1):  # a few hundred points: thread start-up costs more than it saves
        km = KMeans(k, n_init=3, random_state=seed).fit(points, sample_weight=weights)
    share = np.bincount(km.labels_, weights=weights, minlength=k) / weights.sum()
    order = np.argsort(-share)
    return [{"hex": ucs_to_hex(km.cluster_centers_[i]), "share": round(float(share[i]), 3)} for i in order]


def photo_slots(n: int, from_photo: int) -> list[int]:
    """Spread the photo colours over the palette so the model fills the gaps between them."""
    return sorted({int(round(x)) for x in np.linspace(0, n - 1, from_photo)}) if from_photo else []


def from_image(img: Image.Image, n: int = 5, from_photo: int = 3, count: int = 1, seed: int | None = None,
               cvd_safe: bool = False) -> list[dict]:
    """Palettes whose `from_photo` slots are the photo's dominant colours (dark → light) and whose
    other slots come from the model. Each palette carries `source` per slot and the photo shares."""
    from models.palette.suggest import suggest

    from_photo = max(1, min(from_photo, n))
    main = dominant_colours(img, from_photo, seed=0)
    photo = lightness_order([c["hex"] for c in main])
    slots = photo_slots(n, len(photo))
    locks: list[str | None] = [None] * n
    for slot, hex_color in zip(slots, photo):
        locks[slot] = hex_color
    palettes = suggest(locks, count=count, seed=seed, cvd_safe=cvd_safe)
    for p in palettes:
        p["source"] = ["photo" if lock else "model" for lock in locks]
        p["photo_colours"] = main
    return palettes
