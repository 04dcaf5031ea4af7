"""The teachable page's charts as plain Plotly figures; every word on them comes from the caller."""
from __future__ import annotations

from typing import Mapping, Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from models.teachable.training import History

TRAIN_COLOUR, VAL_COLOUR = "#1f77b4", "#ff7f0e"
CURVE_WORDS = ("loss", "accuracy", "train", "val", "epoch")


def curves_figure(history: History, epochs: int, words: Mapping[str, str]) -> go.Figure:
    """Loss and accuracy per epoch, training next to validation; the x axis spans all `epochs` so
    live curves grow into a fixed frame. `words` holds the CURVE_WORDS in the page's language."""
    fig = make_subplots(1, 2, subplot_titles=(words["loss"], words["accuracy"]))
    x = list(range(1, len(history.loss) + 1))
    for col, pair in enumerate(((history.loss, history.val_loss), (history.accuracy, history.val_accuracy)), 1):
        for y, name, colour in zip(pair, (words["train"], words["val"]), (TRAIN_COLOUR, VAL_COLOUR)):
            fig.add_scatter(x=x, y=y, name=name, line_color=colour, row=1, col=col, showlegend=col == 1,
                            mode="lines+markers")
    fig.update_xaxes(title_text=words["epoch"], range=[0.5, max(epochs, 2) + 0.5])
    fig.update_yaxes(range=[-0.02, 1.02], row=1, col=2)
    fig.update_layout(height=320, margin=dict(t=40, b=10, l=10, r=10), legend=dict(orientation="h", y=-0.25))
    return fig


def probability_figure(labels: Sequence[str], probs: Sequence[float]) -> go.Figure:
    """Softmax probabilities as horizontal bars, the most likely class on top."""
    order = sorted(range(len(labels)), key=lambda i: probs[i])
    fig = go.Figure(go.Bar(x=[float(probs[i]) for i in order], y=[labels[i] for i in order], orientation="h",
                           text=[f"{probs[i]:.0%}" for i in order], textposition="auto"))
    fig.update_layout(height=80 + 40 * len(labels), xaxis=dict(range=[0, 1], tickformat=".0%"),
                      margin=dict(t=10, b=10, l=10, r=10))
    return fig


def confusion_figure(labels: Sequence[str], confusion, true_title: str, predicted_title: str) -> go.Figure:
    """Counts of validation photos: rows the true class (top to bottom), columns the predicted one."""
    fig = go.Figure(go.Heatmap(z=confusion, x=labels, y=labels, colorscale="Blues", showscale=False,
                               text=confusion, texttemplate="%{text}"))
    fig.update_layout(height=120 + 50 * len(labels), xaxis_title=predicted_title, yaxis_title=true_title,
                      yaxis_autorange="reversed", margin=dict(t=10, b=10, l=10, r=10))
    return fig
