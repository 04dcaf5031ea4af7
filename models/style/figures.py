"""The style page's two charts (plotly), labels passed in already translated."""
from __future__ import annotations

import functools

import numpy as np


@functools.lru_cache(maxsize=64)
def _gamma_figure(rows: tuple[tuple[float, ...], ...], names: tuple[str, ...], axis_title: str):
    import plotly.graph_objects as go

    fig = go.Figure([go.Bar(y=list(row), name=name) for row, name in zip(rows, names)])
    fig.update_layout(height=220, margin=dict(l=0, r=0, t=10, b=30), barmode="group",
                      xaxis_title=axis_title, legend=dict(orientation="h"))
    return fig


def gamma_figure(gamma: np.ndarray, styles: list[int], names: list[str], axis_title: str):
    """Bars of the first layer's γ for the chosen style(s): one row of `gamma` (styles × channels) each.
    Made once per choice and language (the page asks on every rerun)."""
    rows = tuple(tuple(float(v) for v in gamma[s]) for s in styles)
    return _gamma_figure(rows, tuple(names), axis_title)


LOSSES = ("style", "content")


@functools.lru_cache(maxsize=32)
def _loss_figure(curves: tuple[tuple[float, ...], ...], steps: tuple[int, ...], names: tuple[str, ...], title: str):
    import plotly.graph_objects as go

    fig = go.Figure([go.Scatter(x=list(steps), y=list(ys), name=name) for ys, name in zip(curves, names)])
    fig.update_layout(height=220, margin=dict(l=0, r=0, t=30, b=30), title=title, legend=dict(orientation="h"))
    return fig


def loss_figure(history: list[dict], names: dict[str, str], title: str):
    """Style and content loss per Gatys step; `names` maps 'style'/'content' to their labels.
    Made once per run and language (the page asks on every rerun)."""
    curves = tuple(tuple(h[k] for h in history) for k in LOSSES)
    return _loss_figure(curves, tuple(h["step"] for h in history), tuple(names[k] for k in LOSSES), title)
