"""Turn a drawing or a photo of a digit into what MNIST looks like, one visible step at a time.

MNIST digits are white ink on black, fitted into a 20×20 box (aspect ratio kept), then placed in a
28×28 frame so that their centre of mass sits in the middle. A mouse drawing or a phone photo of a
digit on paper is none of that, so `to_mnist` does what the notes' JavaScript demo calls "display
preprocessing" and "scale stroke width":

1. grey: the picture as grey levels (a photo is shrunk to at most `WORK_SIDE` px first);
2. invert: dark ink on light paper becomes light ink on black (decided from the border); a photo's
   uneven paper is removed by subtracting its background (a grey closing, which erases thin strokes);
3. crop: the box around the ink (specks smaller than `MIN_PART` of the largest stroke are ignored);
4. stroke width: the strokes are thickened or thinned to about MNIST's width (`MNIST_STROKE` px once
   fitted), so a small digit drawn with a fat pen is not a blob and a big hairline digit is not lost;
5. fit: the longer side scaled to `BOX` = 20 px;
6. centre: pasted into 28×28 with its centre of mass at the middle.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PIL import Image

SIDE, BOX = 28, 20
WORK_SIDE = 256  # photos are analysed at most this big (speed; a digit needs no more)
INK_LEVEL = 0.25  # ink above this (0–1) counts as a stroke when finding the box
MIN_INK_PIXELS = 12  # less ink than this (at work size) is an empty canvas
MIN_PART = 0.08  # strokes smaller than this share of the largest one are specks, not digit
MNIST_STROKE = 2.8  # MNIST's mean stroke width in px (ink per skeleton length, measured on 2,000 digits)
MAX_THINNING = 0.2  # a stroke loses at most this share of its width on each side


class EmptyDrawing(ValueError):
    """No ink: an empty canvas, or a photo without a dark-on-light (or light-on-dark) mark."""


@dataclass
class Preprocessed:
    """`image`: 28×28 float32 in [0, 1], white ink on black (the networks' input before scaling).

    `steps`: (step name, picture as float array in [0, 1]) in order, for showing the pipeline.
    """

    image: np.ndarray
    steps: list[tuple[str, np.ndarray]] = field(default_factory=list)
    inverted: bool = False
    stroke_scale: float = 1.0


def grey(picture) -> np.ndarray:
    """Float grey levels in [0, 1]; transparent pixels (an untouched canvas) count as white paper."""
    if isinstance(picture, np.ndarray) and picture.ndim == 2:
        return np.clip(picture.astype(np.float32), 0, 1)
    img = picture if isinstance(picture, Image.Image) else Image.fromarray(np.asarray(picture, np.uint8))
    if img.mode in ("RGBA", "LA", "P"):
        img = img.convert("RGBA")
        paper = Image.new("RGBA", img.size, (255, 255, 255, 255))
        img = Image.alpha_composite(paper, img)
    img = img.convert("L")
    if max(img.size) > WORK_SIDE:
        img.thumbnail((WORK_SIDE, WORK_SIDE), Image.LANCZOS)
    return np.asarray(img, np.float32) / 255.0


def _border(g: np.ndarray) -> np.ndarray:
    return np.concatenate([g[0], g[-1], g[:, 0], g[:, -1]])


def ink(g: np.ndarray, photo: bool) -> tuple[np.ndarray, bool]:
    """Light ink on black in [0, 1], and whether the picture had to be inverted (dark ink on paper)."""
    from scipy import ndimage

    inverted = bool(np.median(_border(g)) > 0.5)
    x = 1.0 - g if inverted else g
    if photo:  # paper is never evenly lit: subtract the background a closing of the dark paper finds
        size = max(3, min(x.shape) // 8)
        x = np.clip(x - ndimage.grey_opening(x, size=(size, size)), 0, None)
    top = np.percentile(x[x > 0.05], 99) if (x > 0.05).sum() >= MIN_INK_PIXELS else 1.0
    x = np.clip(x / max(top, 0.2), 0, 1)
    return np.where(x < INK_LEVEL / 2, 0.0, x).astype(np.float32), inverted


def ink_box(x: np.ndarray) -> tuple[int, int, int, int]:
    """(top, left, bottom, right) around the strokes, ignoring specks; EmptyDrawing when there is no ink."""
    from scipy import ndimage

    mask = x > INK_LEVEL
    if mask.sum() < MIN_INK_PIXELS:
        raise EmptyDrawing("no digit found: the picture is empty")
    labels, n = ndimage.label(mask, structure=np.ones((3, 3)))
    sizes = ndimage.sum(mask, labels, index=range(1, n + 1))
    keep = np.isin(labels, 1 + np.flatnonzero(sizes >= MIN_PART * sizes.max()))
    rows, cols = np.flatnonzero(keep.any(1)), np.flatnonzero(keep.any(0))
    return rows[0], cols[0], rows[-1] + 1, cols[-1] + 1


def restroke(crop: np.ndarray) -> tuple[np.ndarray, float]:
    """The strokes thickened or thinned to `MNIST_STROKE` px wide once the crop is fitted to 20 px.

    Stroke width now = ink / skeleton length. Thicker: every pixel within r of the ink is inked (soft
    edge); thinner: pixels closer than r to the paper are dropped, never more than `MAX_THINNING` of
    the width, so no stroke breaks. Returns the new crop and the factor the width should change by.
    """
    from scipy import ndimage
    from skimage.morphology import skeletonize

    mask = crop > INK_LEVEL
    width_now = crop.sum() / max(skeletonize(mask).sum(), 1)
    width_goal = MNIST_STROKE * max(crop.shape) / BOX
    r = max((width_goal - width_now) / 2, -MAX_THINNING * width_now)
    pad = int(np.ceil(max(r, 0))) + 1
    mask, crop = np.pad(mask, pad), np.pad(crop, pad)
    if r >= 0:
        drawn = np.maximum(np.clip(r + 0.5 - ndimage.distance_transform_edt(~mask), 0, 1), crop)
    else:
        drawn = np.clip(ndimage.distance_transform_edt(mask) + r + 0.5, 0, 1) * crop
    if drawn.max() < INK_LEVEL:
        return crop, 1.0
    return drawn.astype(np.float32), width_goal / max(width_now, 1e-6)


def fit(crop: np.ndarray, box: int = BOX) -> np.ndarray:
    """Longer side scaled to `box` px, aspect ratio kept (area-averaging filter: no lost thin strokes)."""
    h, w = crop.shape
    scale = box / max(h, w)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    small = Image.fromarray(crop.astype(np.float32), mode="F").resize(size, Image.BOX if scale < 1 else Image.BILINEAR)
    return np.clip(np.asarray(small, np.float32), 0, 1)


def centre(fitted: np.ndarray) -> np.ndarray:
    """Pasted into 28×28 so that the centre of mass lands on the middle (whole pixels, as MNIST did)."""
    from scipy import ndimage

    h, w = fitted.shape
    cy, cx = ndimage.center_of_mass(fitted)
    top = int(np.clip(round(SIDE / 2 - cy), 0, SIDE - h))
    left = int(np.clip(round(SIDE / 2 - cx), 0, SIDE - w))
    out = np.zeros((SIDE, SIDE), np.float32)
    out[top:top + h, left:left + w] = fitted
    return out


def to_mnist(picture, photo: bool = False, scale_stroke: bool = True) -> Preprocessed:
    """A drawing (RGBA canvas, PIL, or an ink array) or a photo → MNIST-like 28×28, with every step kept."""
    g = grey(picture)
    x, inverted = ink(g, photo)
    steps = [("grey", g)] + ([("invert", x)] if inverted or photo else [])
    top, left, bottom, right = ink_box(x)
    crop = x[top:bottom, left:right]
    steps.append(("crop", crop))
    factor = 1.0
    if scale_stroke:
        crop, factor = restroke(crop)
        steps.append(("stroke", crop))
    fitted = fit(crop)
    steps.append(("fit", fitted))
    image = centre(fitted)
    steps.append(("centre", image))
    return Preprocessed(image, steps, inverted, factor)
