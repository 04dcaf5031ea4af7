"""Pictures for the GAN page: image grids (PIL) and Plotly figures; every word comes from the caller."""
from __future__ import annotations

from typing import Mapping

import numpy as np

from models.gan.toy import LIMIT, MAP_SIDE

REAL, FAKE, G_COLOUR, D_COLOUR = "#0877bd", "#f59322", "#f59322", "#0877bd"
MARGIN = dict(t=40, b=10, l=10, r=10)


def enlarge(images: np.ndarray, cols: int | None = None, scale: int = 4):
    """A grid of 28×28 images, each pixel drawn as a `scale`×`scale` block (no blur)."""
    from PIL import Image

    from models.gan.generate import grid

    picture = grid(images, cols)
    return picture.resize((picture.width * scale, picture.height * scale), Image.NEAREST)


def losses(history: list[dict], words: Mapping[str, str], x: str = "step"):
    """Generator and critic loss over training, the critic's accuracy on a second axis (0–1)."""
    import plotly.graph_objects as go

    steps = [h[x] for h in history]
    fig = go.Figure([
        go.Scatter(x=steps, y=[h["g_loss"] for h in history], name=words["g"], line=dict(color=G_COLOUR)),
        go.Scatter(x=steps, y=[h["d_loss"] for h in history], name=words["d"], line=dict(color=D_COLOUR)),
        go.Scatter(x=steps, y=[h["critic_accuracy"] for h in history], name=words["acc"], yaxis="y2",
                   line=dict(color="#777777", dash="dot")),
    ])
    fig.update_layout(height=300, margin=MARGIN, xaxis_title=words["x"], yaxis_title=words["loss"],
                      yaxis2=dict(overlaying="y", side="right", range=[0, 1], showgrid=False, tickformat=".0%",
                                  tickvals=[0, 0.25, 0.5, 0.75, 1]),
                      legend=dict(orientation="h", y=1.15))
    return fig


def toy_frame(frame, words: Mapping[str, str]):
    """The plane: the critic's P(real) as background, real points (blue), generated points (orange)."""
    import plotly.graph_objects as go

    axis = np.linspace(-LIMIT, LIMIT, MAP_SIDE)
    fig = go.Figure([
        go.Heatmap(x=axis, y=axis, z=frame.critic_map, zmin=0, zmax=1, colorscale=[[0, "#fde0c2"], [0.5, "#ffffff"], [1, "#c6dcef"]],
                   colorbar=dict(title=words["map"], len=0.8, tickformat=".0%"), hoverinfo="skip"),
        go.Scatter(x=frame.real[:, 0], y=frame.real[:, 1], mode="markers", name=words["real"],
                   marker=dict(color=REAL, size=4, opacity=0.6)),
        go.Scatter(x=frame.fake[:400, 0], y=frame.fake[:400, 1], mode="markers", name=words["fake"],
                   marker=dict(color=FAKE, size=4, opacity=0.8)),
    ])
    fig.update_layout(height=440, margin=dict(MARGIN, b=50), title=words["title"], legend=dict(orientation="h", y=-0.15),
                      xaxis=dict(range=[-LIMIT, LIMIT], showgrid=False, zeroline=False),
                      yaxis=dict(range=[-LIMIT, LIMIT], showgrid=False, zeroline=False, scaleanchor="x"))
    return fig
