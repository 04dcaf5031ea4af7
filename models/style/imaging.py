"""Small array/PIL conversions shared by the three stylisation methods."""
from __future__ import annotations

import numpy as np
from PIL import Image


def to_array01(img: Image.Image) -> np.ndarray:
    """RGB PIL image → float32 H×W×3 in 0..1."""
    return np.asarray(img.convert("RGB"), dtype=np.float32) / 255.0


def to_image(arr01: np.ndarray) -> Image.Image:
    """Float H×W×3 in 0..1 (clipped) → RGB PIL image."""
    return Image.fromarray((np.clip(arr01, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8))


def reflect_pad_to(arr: np.ndarray, height: int, width: int) -> np.ndarray:
    """Reflect-pad an H×W×C array at the bottom/right up to height×width (no seam at the border)."""
    ph, pw = height - arr.shape[0], width - arr.shape[1]
    return np.pad(arr, ((0, ph), (0, pw), (0, 0)), mode="reflect") if ph or pw else arr


def pad_to_multiple(arr: np.ndarray, multiple: int) -> np.ndarray:
    """Reflect-pad so both sides are multiples of `multiple` (networks that downsample need it)."""
    h, w = arr.shape[:2]
    return reflect_pad_to(arr, h + (-h) % multiple, w + (-w) % multiple)


def blend(content: Image.Image, stylised: Image.Image, strength: float) -> Image.Image:
    """Strength 0 = the photo, 1 = the full style; in between, a pixel-wise mix."""
    if not 0.0 <= strength <= 1.0:
        raise ValueError(f"strength must be between 0 and 1, got {strength}")
    if strength >= 1.0:
        return stylised
    return Image.blend(content.resize(stylised.size, Image.LANCZOS), stylised, strength)


def centre_square(img: Image.Image, side: int) -> Image.Image:
    """Largest centred square, resized to side×side (style images and thumbnails)."""
    s = min(img.size)
    left, top = (img.width - s) // 2, (img.height - s) // 2
    return img.crop((left, top, left + s, top + s)).resize((side, side), Image.LANCZOS)
