"""Pictures for the "Inside a CNN" page: number grids, filter responses, receptive-field boxes."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from PIL import Image, ImageDraw


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.2f}"


def number_grid(values: np.ndarray, title: str = "", box: tuple[int, int, int, int] | None = None,
                colorscale: str = "gray", signed: bool = False, height: int = 240) -> go.Figure:
    """A small matrix drawn as coloured cells with their numbers; `box` = (top, left, bottom, right) outlined."""
    v = np.asarray(values, np.float32)
    limit = max(float(np.abs(v).max()), 1e-6)
    fig = go.Figure(go.Heatmap(z=v, text=[[_fmt(x) for x in row] for row in v], texttemplate="%{text}",
                               colorscale="RdBu" if signed else colorscale, zmid=0 if signed else None,
                               zmin=-limit if signed else min(0.0, float(v.min())), zmax=limit,
                               showscale=False, hoverinfo="skip", xgap=2, ygap=2))
    if box:
        top, left, bottom, right = box
        fig.add_shape(type="rect", x0=left - 0.5, x1=right - 0.5, y0=top - 0.5, y1=bottom - 0.5,
                      line=dict(color="#f59f00", width=4))
    fig.update_layout(title=dict(text=title, font=dict(size=14)), height=height, margin=dict(l=0, r=0, t=30 if title else 0, b=0),
                      xaxis=dict(visible=False), yaxis=dict(visible=False, autorange="reversed", scaleanchor="x"))
    return fig


def grey_picture(a: np.ndarray, side: int | None = None) -> Image.Image:
    """A float array in [0, 1] (or uint8) as a grey PIL image, optionally enlarged with visible pixels."""
    a = np.asarray(a)
    img = Image.fromarray(a if a.dtype == np.uint8 else np.rint(np.clip(a, 0, 1) * 255).astype(np.uint8))
    if side:
        scale = max(1, side // max(a.shape[:2]))
        img = img.resize((a.shape[1] * scale, a.shape[0] * scale), Image.NEAREST)
    return img


def with_box(a: np.ndarray, box: tuple[int, int, int, int], side: int = 280) -> Image.Image:
    """A 28×28 digit enlarged, with the receptive field `box` (top, left, bottom, right) outlined in orange."""
    img = grey_picture(a, side).convert("RGB")
    scale = img.size[0] / a.shape[1]
    top, left, bottom, right = box
    ImageDraw.Draw(img).rectangle([left * scale, top * scale, right * scale - 1, bottom * scale - 1],
                                  outline=(245, 159, 0), width=3)
    return img


def colour_tiles(tiles: list[np.ndarray], gap: int = 4) -> Image.Image:
    """Small RGB pictures (first-layer kernels) in one row."""
    h, w = tiles[0].shape[:2]
    sheet = Image.new("RGB", (len(tiles) * (w + gap) - gap, h), "white")
    for i, tile in enumerate(tiles):
        sheet.paste(Image.fromarray(tile), (i * (w + gap), 0))
    return sheet
