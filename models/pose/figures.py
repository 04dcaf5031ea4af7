"""The pose page's skeleton drawn over the photo as a Plotly figure: joints with their names on hover."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from models.pose.blazepose import CONNECTIONS, NAMES

MAX_SIDE = 640  # the photo is shown at most this wide/high; joints are scaled with it


def skeleton_figure(img: np.ndarray, xy: np.ndarray, visibility: np.ndarray, names: list[str] | None = None):
    """Photo + bones (lines) + joints (dots, hover: name and visibility); `names` translates NAMES."""
    from PIL import Image

    h, w = img.shape[:2]
    k = min(1.0, MAX_SIDE / max(h, w))
    small = np.asarray(Image.fromarray(img).resize((max(1, round(w * k)), max(1, round(h * k))))) if k < 1 else img
    pts = np.asarray(xy) * k
    fig = go.Figure(go.Image(z=small, hoverinfo="skip"))
    bx, by = [], []
    for a, b in CONNECTIONS:
        bx += [pts[a, 0], pts[b, 0], None]
        by += [pts[a, 1], pts[b, 1], None]
    fig.add_scatter(x=bx, y=by, mode="lines", line=dict(color="#2fe37a", width=3), hoverinfo="skip",
                    showlegend=False)
    labels = names or list(NAMES)
    fig.add_scatter(x=pts[:, 0], y=pts[:, 1], mode="markers", showlegend=False,
                    marker=dict(size=8, color=np.asarray(visibility), colorscale="RdYlGn", cmin=0, cmax=1,
                                line=dict(color="white", width=1)),
                    text=[f"{n} · {v:.0%}" for n, v in zip(labels, visibility)], hovertemplate="%{text}<extra></extra>")
    fig.update_xaxes(visible=False, range=[0, small.shape[1]])
    fig.update_yaxes(visible=False, range=[small.shape[0], 0], scaleanchor="x")
    fig.update_layout(height=min(560, small.shape[0] + 20), margin=dict(t=0, b=0, l=0, r=0))
    return fig
