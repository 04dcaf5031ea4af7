"""Colour-vision deficiency checks with coloraide: simulation, minimum ΔE, WCAG contrast.

ΔE here is Euclidean distance in CAM02-UCS (coloraide's `delta_e(method="cam02")`), the same
space the model works in. Protanopia/deuteranopia use Machado et al. 2009 (built for severity),
tritanopia Brettel et al. 1997, as coloraide recommends.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from coloraide.everything import ColorAll as Color

from models.palette.colorspace import SPACE, pairwise

VISIONS = ("normal", "protan", "deutan", "tritan")
DEFICIENCIES = VISIONS[1:]
METHOD = {"protan": "machado", "deutan": "machado", "tritan": "brettel"}
SAFE_DELTA = 10.0
SAFE_CONTRAST = 4.5   # WCAG 2.1 level AA for body text
AAA_CONTRAST = 7.0    # WCAG 2.1 level AAA for body text
DELTA_NAME = "ΔE CAM02-UCS"


def simulate_colors(hexes: list[str], vision: str, severity: float = 1.0) -> list[Color]:
    """How each colour looks to someone with `vision` at `severity` (0 = typical, 1 = full dichromacy)."""
    colours = [Color(h) for h in hexes]
    if vision == "normal" or severity <= 0:
        return colours
    return [c.filter(vision, severity, method=METHOD[vision], in_place=True).clip() for c in colours]


def simulate(hexes: list[str], vision: str, severity: float = 1.0) -> list[str]:
    """The simulated colours as #rrggbb (the filters work in linear sRGB, so convert back first)."""
    return [c.convert("srgb").clip().to_string(hex=True) for c in simulate_colors(hexes, vision, severity)]


@lru_cache(maxsize=65536)
def _seen_as(hex_color: str, vision: str, severity: float) -> tuple[float, float, float]:
    return tuple(simulate_colors([hex_color], vision, severity)[0].convert(SPACE).coords(nans=False))


def min_delta(hexes: list[str], severity: float = 1.0, visions=VISIONS) -> dict[str, float]:
    """Smallest colour difference between any two palette colours, per vision type."""
    out = {}
    for vision in visions:
        pts = np.array([_seen_as(h.lower(), vision, float(severity)) for h in hexes])
        out[vision] = round(float(pairwise(pts).min()), 2) if len(pts) > 1 else 0.0
    return out


@lru_cache(maxsize=65536)
def _luminance(hex_color: str) -> float:
    return Color(hex_color).luminance()


def best_contrast(hexes: list[str]) -> dict:
    """The palette's text/background pair with the highest WCAG 2.1 contrast.

    WCAG contrast grows with the luminance gap, so the best pair is the darkest colour (text) on the
    lightest (background).
    """
    dark = min(hexes, key=_luminance)
    light = max(hexes, key=_luminance)
    ratio = Color(dark).contrast(light, method="wcag21")
    return {"text": dark, "background": light, "ratio": round(float(ratio), 2)}


def contrast_level(ratio: float) -> str:
    """WCAG 2.1 level a text/background contrast ratio reaches for body text: aaa | aa | fail."""
    return "aaa" if ratio >= AAA_CONTRAST else "aa" if ratio >= SAFE_CONTRAST else "fail"


def readable_ink(background: str) -> str:
    """Black or white, whichever has the higher WCAG contrast on `background`."""
    bg = Color(background)
    return "#000000" if bg.contrast("#000000", method="wcag21") >= bg.contrast("#ffffff", method="wcag21") else "#ffffff"


def is_safe(report: dict) -> bool:
    return min(report["min_delta"].values()) >= SAFE_DELTA and report["contrast"]["ratio"] >= SAFE_CONTRAST


def check(hexes: list[str], severity: float = 1.0) -> dict:
    """Everything a palette's JSON carries about accessibility."""
    report = {"colors": list(hexes), "min_delta": min_delta(hexes, severity), "contrast": best_contrast(hexes)}
    report["cvd_safe"] = is_safe(report)
    return report
