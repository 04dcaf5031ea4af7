"""Turn any uploaded bytes into a clean RGB Pillow image, or a precise, translatable error.

Every demo gets its images through `load_image`, so odd files (CMYK, 16-bit, EXIF-rotated,
animated, truncated, decompression bombs) are handled once and tested once.
"""
from __future__ import annotations

import functools
import hashlib
import io
import warnings
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
# The most any page computes at (style and dream's largest size; pages draw at most 960 px): uploads are
# decoded no bigger (`load_image(max_side=...)`). A 12 MP phone photo is then 2.3 MB of pixels, not 36 MB.
APP_MAX_SIDE = 1024
# A JPEG may come out of libjpeg's scaled decode this much under `max_side` (4032 px → 1008 px for 1024)
# rather than be decoded twice as big and resized: on this 2-core machine that resize alone took 36 ms.
DRAFT_SLACK = 0.94
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "BMP", "GIF", "MPO"}
UPLOAD_TYPES = ["jpg", "jpeg", "png", "webp", "bmp", "gif"]


class ImageLoadError(ValueError):
    """`code` keys a translated message (`common.image_error.<code>`); `detail` is for logs/CLI."""

    def __init__(self, code: str, detail: str = ""):
        self.code = code
        self.detail = detail
        super().__init__(f"{code}: {detail}" if detail else code)


@dataclass
class LoadedImage:
    name: str
    image: Image.Image  # always RGB, orientation applied
    original_mode: str
    original_format: str

    @functools.cached_property
    def digest(self) -> str:
        """Stable id of the pixels (hashed once per loaded image), handy as a results key."""
        return hashlib.sha1(self.image.tobytes()).hexdigest()[:16]


def _to_rgb(img: Image.Image) -> Image.Image:
    mode = img.mode
    if mode in ("I;16", "I;16B", "I;16L", "I"):
        arr = np.asarray(img, dtype=np.float64)
        hi = arr.max() or 1.0
        scale = 255.0 / (65535.0 if hi > 255 else 255.0)
        img = Image.fromarray(np.clip(arr * scale, 0, 255).astype(np.uint8), "L")
    elif mode == "F":
        arr = np.asarray(img, dtype=np.float64)
        lo, hi = float(arr.min()), float(arr.max())
        img = Image.fromarray(((arr - lo) / ((hi - lo) or 1.0) * 255).astype(np.uint8), "L")
    if img.mode == "P":
        img = img.convert("RGBA")
    if img.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return img.convert("RGB")


def load_image(data: bytes, name: str = "image", max_side: int | None = None) -> LoadedImage:
    """Decode `data` to RGB. Raises ImageLoadError with a code for every way a file can be bad.

    With `max_side`, a bigger picture comes out with its longer side at most `max_side`. A JPEG is decoded
    straight at 1/2, 1/4 or 1/8 of its size by libjpeg's DCT scaling (`Image.draft`), keeping at least
    `DRAFT_SLACK` of `max_side`: a 12 MP phone photo at 1/4 in 16 ms instead of 92 ms on this machine.
    What is still bigger is resized."""
    if not data:
        raise ImageLoadError("empty", name)
    if len(data) > MAX_FILE_BYTES:
        raise ImageLoadError("too_big", f"{len(data) / 1e6:.1f} MB > {MAX_FILE_BYTES / 1e6:.0f} MB")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            fmt = img.format or "?"
            if fmt not in ALLOWED_FORMATS:
                raise ImageLoadError("unsupported", fmt)
            w, h = img.size
            if w * h > MAX_PIXELS:
                raise ImageLoadError("too_many_pixels", f"{w}x{h}")
            if getattr(img, "is_animated", False):
                img.seek(0)
            mode = img.mode
            if max_side is not None and max(w, h) > max_side:
                img.draft(mode, scaled_size((w, h), round(max_side * DRAFT_SLACK)))  # JPEG only; others ignore it
            img.load()
            img = ImageOps.exif_transpose(img) or img
            rgb = _to_rgb(img)
            if max_side is not None:
                rgb = fit_within(rgb, max_side, reducing_gap=3.0)
    except ImageLoadError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageLoadError("too_many_pixels", str(exc)) from exc
    except UnidentifiedImageError as exc:
        raise ImageLoadError("not_image", name) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageLoadError("corrupt", f"{name}: {exc}") from exc
    if min(rgb.size) < 8:
        raise ImageLoadError("too_small", f"{rgb.size[0]}x{rgb.size[1]}")
    return LoadedImage(name=name, image=rgb, original_mode=mode, original_format=fmt)


def load_image_file(path: str) -> LoadedImage:
    """CLI helper: same checks as uploads, plus a clear error for a missing path."""
    from pathlib import Path

    p = Path(path)
    if not p.is_file():
        raise ImageLoadError("missing", str(p))
    return load_image(p.read_bytes(), p.name)


def scaled_size(size: tuple[int, int], longer_side: int) -> tuple[int, int]:
    """(w, h) scaled, up or down, so the longer side is `longer_side`, keeping aspect ratio."""
    w, h = size
    scale = longer_side / max(w, h)
    return max(1, round(w * scale)), max(1, round(h * scale))


def fit_within(img: Image.Image, max_side: int, resample=Image.LANCZOS, reducing_gap: float | None = None) -> Image.Image:
    """Downscale (never upscale) so the longer side is at most `max_side`, keeping aspect ratio."""
    if max(img.size) <= max_side:
        return img
    return img.resize(scaled_size(img.size, max_side), resample, reducing_gap=reducing_gap)


Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def png_bytes(img: Image.Image) -> bytes:
    """Lossless PNG encoding, for downloads and CLI outputs."""
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()
