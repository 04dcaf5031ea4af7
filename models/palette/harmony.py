"""Which classic colour-wheel harmony a palette resembles (what Adobe Color / Coolors call rules).

Hues are CAM02-UCS hue angles of the colourful members (near-greys have no meaningful hue). Each
template is a set of hue offsets; we rotate it to fit the hues best and pick the simplest template
whose average miss stays within tolerance
(each extra spoke must earn its place by fitting noticeably better).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.palette.colorspace import chroma, hue_degrees, to_ucs

GREY_CHROMA = 6.0
TOLERANCE = 18.0
SPOKE_PENALTY = 3.0  # degrees of miss one extra spoke must save to be preferred
# name → hue offsets (degrees)
TEMPLATES: dict[str, tuple[float, ...]] = {
    "monochromatic": (0.0,),
    "analogous": (-30.0, 0.0, 30.0),
    "complementary": (0.0, 180.0),
    "split_complementary": (0.0, 150.0, 210.0),
    "triadic": (0.0, 120.0, 240.0),
    "tetradic": (0.0, 90.0, 180.0, 270.0),
}


@dataclass
class Harmony:
    name: str            # a TEMPLATES key, "neutral" (no colourful members) or "free" (no rule fits)
    rotation: float      # degrees: where the template's 0° sits on the wheel
    miss: float          # mean angular distance from each hue to its template spoke
    hues: list[float]    # hue of every palette colour (degrees)
    chromas: list[float]
    spokes: list[float]  # the template's spokes after rotation (to draw on the wheel)


def _angle(a, b):
    d = np.abs(a - b) % 360.0
    return np.minimum(d, 360.0 - d)


def _fit(hues: np.ndarray, weights: np.ndarray, offsets: tuple[float, ...]) -> tuple[float, float]:
    """Best rotation (1° steps) and its weighted mean miss for one template."""
    rot = np.arange(360.0)[:, None, None]
    spokes = (rot + np.array(offsets)[None, None, :]) % 360.0
    miss = _angle(hues[None, :, None], spokes).min(-1)
    cost = (miss * weights).sum(1) / weights.sum()
    best = int(cost.argmin())
    return float(best), float(cost[best])


def classify(hexes: list[str]) -> Harmony:
    pts = to_ucs(hexes)
    hues, chromas = hue_degrees(pts), chroma(pts)
    colourful = chromas >= GREY_CHROMA
    base = dict(hues=[round(float(h), 1) for h in hues], chromas=[round(float(c), 1) for c in chromas])
    if not colourful.any():
        return Harmony("neutral", 0.0, 0.0, spokes=[], **base)
    h, w = hues[colourful], chromas[colourful]
    best, best_score = None, np.inf
    for name, offsets in TEMPLATES.items():
        rotation, miss = _fit(h, w, offsets)
        if len(offsets) > 1 and len(set(_nearest_spoke(h, rotation, offsets))) < 2:
            continue  # a multi-spoke rule must actually use two or more spokes
        score = miss + SPOKE_PENALTY * (len(offsets) - 1)
        if miss <= TOLERANCE and score < best_score:
            best, best_score = (name, rotation, miss, offsets), score
    if best is None:
        return Harmony("free", 0.0, float(_fit(h, w, (0.0,))[1]), spokes=[], **base)
    name, rotation, miss, offsets = best
    spokes = [round((rotation + o) % 360.0, 1) for o in offsets]
    return Harmony(name, rotation, round(miss, 1), spokes=spokes, **base)


def _nearest_spoke(hues: np.ndarray, rotation: float, offsets: tuple[float, ...]) -> np.ndarray:
    spokes = (rotation + np.array(offsets)) % 360.0
    return _angle(hues[:, None], spokes[None, :]).argmin(1)
