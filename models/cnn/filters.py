"""Convolution, ReLU and pooling by hand, on the notes' examples and on a photo.

A convolution layer slides a small grid of weights (a kernel, here 3×3) over the picture; each output
pixel is the sum of the 3×3 patch under it, each pixel multiplied by its weight (what CNNs compute is
this "cross-correlation": the kernel is not flipped). The notes' vertical-edge kernel has −1 in its
left column and 1 in its right: on flat colour the two cancel (0); with black (0) on the left and white
(1) on the right it gives 1 + 1 + 1 = 3, the other way round −3. ReLU then keeps max(0, x). Pooling
splits the map into 2×2 cells and keeps each cell's maximum (or mean): a 4×4 map becomes 4 numbers.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

KERNELS: dict[str, np.ndarray] = {
    "vertical_edge": np.array([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]], np.float32),  # the notes' filter
    "horizontal_edge": np.array([[-1, -1, -1], [0, 0, 0], [1, 1, 1]], np.float32),
    "blur": np.full((3, 3), 1 / 9, np.float32),
    "sharpen": np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], np.float32),
    "identity": np.array([[0, 0, 0], [0, 1, 0], [0, 0, 0]], np.float32),
}
MAX_SIDE = 512  # photos are filtered at most this big (a 3×3 kernel sees fine detail only)
# The notes' worked example: black (0) on the left, white (1) on the right, and the mirror image.
NOTES_EDGE = np.array([[0, 0, 0, 1, 1, 1]] * 5, np.float32)
NOTES_EDGE_MIRRORED = 1 - NOTES_EDGE
# A 4×4 map for 2×2 pooling: four cells → four numbers.
NOTES_POOL = np.array([[1, 3, 2, 4], [5, 6, 1, 2], [7, 2, 3, 0], [1, 0, 4, 8]], np.float32)


class KernelError(ValueError):
    """A kernel that is not one of `KERNELS` and not nine numbers."""


def kernel(spec) -> np.ndarray:
    """A kernel by name ('vertical_edge'), or nine numbers (a 3×3 list, or text like '1 0 -1; 2 0 -2; 1 0 -1')."""
    if isinstance(spec, str) and spec in KERNELS:
        return KERNELS[spec]
    if isinstance(spec, str):
        if not any(ch.isdigit() for ch in spec):
            raise KernelError(f"unknown kernel '{spec}'; use one of {', '.join(KERNELS)} or nine numbers")
        try:
            spec = [float(v) for v in spec.replace(";", " ").replace(",", " ").split()]
        except ValueError:
            raise KernelError(f"a kernel is nine numbers, got '{spec}'") from None
    values = np.asarray(spec, np.float32)
    if values.size != 9 or not np.all(np.isfinite(values)):
        raise KernelError(f"a kernel is nine finite numbers (3×3), got {values.size}")
    return values.reshape(3, 3)


def convolve(x: np.ndarray, k: np.ndarray, padding: str = "valid") -> np.ndarray:
    """2-D cross-correlation of a grey image with a 3×3 kernel; 'same' repeats the edge pixels."""
    from numpy.lib.stride_tricks import sliding_window_view

    x = np.asarray(x, np.float32)
    if padding == "same":
        x = np.pad(x, 1, mode="edge")
    windows = sliding_window_view(x, (3, 3))
    return np.einsum("ijkl,kl->ij", windows, k, optimize=True).astype(np.float32)


@dataclass(frozen=True)
class PatchSum:
    """One output pixel worked out: the 3×3 patch it reads, the kernel, the nine products and their sum."""

    patch: np.ndarray
    kernel: np.ndarray

    @property
    def products(self) -> np.ndarray:
        return self.patch * self.kernel

    @property
    def total(self) -> float:
        return float(self.products.sum())

    def formula(self, digits: int = 2) -> str:
        """'(−1)×0 + 0×0 + 1×1 + … = 3', as the notes write it."""
        def num(v: float, brackets: bool = True) -> str:
            text = f"{v:.{digits}f}".rstrip("0").rstrip(".") if v != int(v) else str(int(v))
            text = "0" if text in ("-0", "") else text
            return f"({text})" if brackets and text.startswith("-") else text

        terms = " + ".join(f"{num(w)}×{num(p)}" for w, p in zip(self.kernel.ravel(), self.patch.ravel()))
        return f"{terms} = {num(round(self.total, digits), brackets=False)}"


def patch_sum(x: np.ndarray, k: np.ndarray, row: int, col: int) -> PatchSum:
    """How 'valid' output pixel (row, col) is computed: it reads x[row:row+3, col:col+3]."""
    return PatchSum(np.asarray(x, np.float32)[row:row + 3, col:col + 3], k)


def relu(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0)


def pool(x: np.ndarray, how: str = "max", size: int = 2) -> np.ndarray:
    """`size`×`size` pooling without overlap: each cell's max or mean (a ragged edge is dropped)."""
    if how not in ("max", "mean"):
        raise ValueError(f"pooling is 'max' or 'mean', not '{how}'")
    h, w = (x.shape[0] // size) * size, (x.shape[1] // size) * size
    cells = np.asarray(x[:h, :w], np.float32).reshape(h // size, size, w // size, size, *x.shape[2:])
    return cells.max(axis=(1, 3)) if how == "max" else cells.mean(axis=(1, 3))


def grey_photo(img, max_side: int = MAX_SIDE) -> np.ndarray:
    """A photo (PIL) as grey levels in [0, 1], at most `max_side` px on its longer side."""
    from models.common.images import fit_within

    return np.asarray(fit_within(img.convert("L"), max_side), np.float32) / 255.0


def signed(k: np.ndarray) -> bool:
    """Edge kernels (weights summing to about 0) give negative and positive answers; blur/sharpen do not."""
    return abs(float(k.sum())) < 0.5


def to_picture(response: np.ndarray, is_signed: bool) -> np.ndarray:
    """uint8 grey picture of a filter response: signed ones with 0 as mid-grey, others clipped to 0–1."""
    if is_signed:
        scale = max(float(np.abs(response).max()), 1e-6)
        return np.rint(127.5 + 127.5 * response / scale).astype(np.uint8)
    return np.rint(np.clip(response, 0, 1) * 255).astype(np.uint8)


def filter_photo(img, k: np.ndarray, max_side: int = MAX_SIDE) -> tuple[np.ndarray, np.ndarray]:
    """(grey photo, its 'same'-size response to kernel k)."""
    g = grey_photo(img, max_side)
    return g, convolve(g, k, padding="same")


def strongest_patch(x: np.ndarray, k: np.ndarray) -> tuple[int, int, PatchSum]:
    """(row, col, worked sum) of the 'valid' output pixel with the largest absolute response."""
    response = convolve(x, k)
    row, col = (int(v) for v in np.unravel_index(np.argmax(np.abs(response)), response.shape))
    return row, col, patch_sum(x, k, row, col)
