"""Daltonism: a colour-palette recommender that completes palettes and checks them for colour-blind viewers.

Pieces, one idea per module: `colorspace` (hex ↔ CAM02-UCS), `model` (Keras completion network),
`suggest` (sampling + locks + CVD-safe filter), `cvd` (simulation, ΔE, WCAG), `harmony`,
`image_palette` (k-means on a photo), `export`, `evaluate` / `baselines` (quality vs anchors).
"""
