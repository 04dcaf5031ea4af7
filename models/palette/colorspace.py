"""Hex ↔ CAM02-UCS (J′a′b′) through coloraide: the perceptual space the model and every ΔE use.

CAM02-UCS is chosen because Euclidean distance in it tracks perceived difference (ΔE CAM02-UCS);
the baselines in the course guide are measured in it too.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from coloraide.everything import ColorAll as Color

SPACE = "cam02-ucs"
MAX_CHROMA = 46.0  # the most colourful sRGB primary (red) has M′ ≈ 45.7
HEX_RE = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


class BadColor(ValueError):
    """A colour string that is not #rgb / #rrggbb."""


def normalize_hex(text: str) -> str:
    """'#ABC', 'abc', ' #aabbcc ' → '#aabbcc'; anything else raises BadColor."""
    m = HEX_RE.match(text.strip())
    if not m:
        raise BadColor(text.strip())
    h = m.group(1).lower()
    if len(h) == 3:
        h = "".join(ch * 2 for ch in h)
    return "#" + h


def parse_hex_list(text: str) -> list[str]:
    """'#abc, #112233' → ['#aabbcc', '#112233'] (empty items skipped); raises BadColor."""
    return [normalize_hex(part) for part in text.replace(" ", ",").split(",") if part.strip()]


@lru_cache(maxsize=65536)
def hex_to_ucs(hex_color: str) -> tuple[float, float, float]:
    return tuple(Color(normalize_hex(hex_color)).convert(SPACE).coords(nans=False))


def to_ucs(hexes) -> np.ndarray:
    """List of hex strings → (n, 3) array of J′a′b′."""
    return np.array([hex_to_ucs(h) for h in hexes], dtype=np.float64).reshape(-1, 3)


def rgb_to_ucs(rgb: np.ndarray) -> np.ndarray:
    """(n, 3) sRGB in 0..255 → (n, 3) J′a′b′ (one coloraide conversion per row: pass unique colours)."""
    return np.array([Color("srgb", list(c / 255.0)).convert(SPACE).coords(nans=False) for c in rgb]).reshape(-1, 3)


def ucs_to_hex(jab) -> str:
    """One J′a′b′ point → the nearest displayable sRGB hex (coloraide gamut mapping)."""
    j, a, b = (float(v) for v in jab)
    m = float(np.hypot(a, b))
    if m > MAX_CHROMA:  # far outside any display: pull in before mapping so the hue survives
        a, b = a * MAX_CHROMA / m, b * MAX_CHROMA / m
    c = Color(SPACE, [min(max(j, 0.0), 100.0), a, b]).convert("srgb")
    if not c.in_gamut():
        c.fit(method="raytrace", pspace="oklch")
    return c.to_string(hex=True)


def ucs_to_hexes(points: np.ndarray) -> list[str]:
    return [ucs_to_hex(p) for p in np.asarray(points).reshape(-1, 3)]


def chroma(points: np.ndarray) -> np.ndarray:
    """Colourfulness in CAM02-UCS: length of (a′, b′)."""
    p = np.asarray(points)
    return np.hypot(p[..., 1], p[..., 2])


def hue_degrees(points: np.ndarray) -> np.ndarray:
    p = np.asarray(points)
    return np.degrees(np.arctan2(p[..., 2], p[..., 1])) % 360.0


def pairwise(points: np.ndarray) -> np.ndarray:
    """Euclidean distances between all colours of one palette (ΔE CAM02-UCS), upper triangle."""
    p = np.asarray(points)
    d = np.sqrt(((p[:, None, :] - p[None, :, :]) ** 2).sum(-1))
    return d[np.triu_indices(len(p), 1)]


def lightness_order(hexes: list[str]) -> list[str]:
    """Dark to light by CAM02-UCS J′."""
    return sorted(hexes, key=lambda h: hex_to_ucs(h)[0])
