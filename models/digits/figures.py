"""The digits page's pictures and charts; labels arrive translated from the page."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from PIL import Image

COLOURS = {"mlp": "#3b5bdb", "cnn": "#e8590c"}


def pixels(image: np.ndarray, side: int = 168, invert: bool = False) -> Image.Image:
    """A small grey array in [0, 1] enlarged with visible pixels (nearest neighbour) for the screen."""
    a = np.clip(np.asarray(image, np.float32), 0, 1)
    a = 1 - a if invert else a
    img = Image.fromarray(np.rint(a * 255).astype(np.uint8))
    scale = max(1, side // max(a.shape))
    return img.resize((a.shape[1] * scale, a.shape[0] * scale), Image.NEAREST)


def probability_bars(probs: dict[str, np.ndarray], names: dict[str, str], axis: str) -> go.Figure:
    """Both networks' ten probabilities as grouped bars, digits 0–9 along the bottom."""
    fig = go.Figure([go.Bar(x=list(range(10)), y=probs[k], name=names[k], marker_color=COLOURS[k],
                            text=[f"{p:.0%}" if p >= 0.05 else "" for p in probs[k]], textposition="outside")
                     for k in probs])
    fig.update_layout(barmode="group", height=300, margin=dict(l=0, r=0, t=10, b=30), legend=dict(orientation="h", y=1.12),
                      yaxis=dict(range=[0, 1.12], tickformat=".0%", title=axis), xaxis=dict(dtick=1))
    return fig


def hidden_units(hidden: np.ndarray, side: int = 30) -> Image.Image:
    """The MLP's 200 logistic hidden activations as a 10×20 grid of squares (black 0, yellow 1)."""
    grid = np.asarray(hidden, np.float32).reshape(10, 20)
    rgb = np.stack([grid, grid * 0.85, grid * 0.2], axis=-1)  # 0 → black, 1 → warm yellow
    img = Image.fromarray(np.rint(rgb * 255).astype(np.uint8))
    return img.resize((20 * side, 10 * side), Image.NEAREST)


def confusion(matrix: list[list[int]], x_title: str, y_title: str) -> go.Figure:
    """Rows: true digit; columns: the network's answer; the diagonal (right answers) left out of the colour scale."""
    m = np.asarray(matrix)
    off = m.astype(float)
    np.fill_diagonal(off, np.nan)
    fig = go.Figure(go.Heatmap(z=off, x=list(range(10)), y=list(range(10)), colorscale="Reds", showscale=False,
                               text=m, texttemplate="%{text}", hovertemplate="%{y} → %{x}: %{text}<extra></extra>"))
    fig.update_layout(height=360, margin=dict(l=0, r=0, t=10, b=0),
                      xaxis=dict(title=x_title, dtick=1, side="top"), yaxis=dict(title=y_title, dtick=1, autorange="reversed"))
    return fig


def gallery(images: list[np.ndarray], columns: int = 10, cell: int = 56, gap: int = 4) -> Image.Image:
    """Digits side by side, black ink on white (easier to read on a projector)."""
    rows = -(-len(images) // columns)
    sheet = Image.new("L", (columns * (cell + gap) - gap, rows * (cell + gap) - gap), 255)
    for i, im in enumerate(images):
        r, c = divmod(i, columns)
        sheet.paste(pixels(im, cell, invert=True).resize((cell, cell)), (c * (cell + gap), r * (cell + gap)))
    return sheet
