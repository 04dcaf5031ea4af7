"""Charts, the results table and the LSTM-gates diagram of the stocks page (no Streamlit here).

Every function takes the words it draws as arguments (`labels`, titles), so it stays language-free:
`labels` maps actual, band80, band95, train, val, epoch, block ("… {n}"), range_all, history, every
model name (naive, drift, arima, lstm), `col` (column key → header) and `verdict` (verdict → words).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from models.stocks.backtest import MODELS, BacktestResult
from models.stocks.metrics import verdict
from models.stocks.series import PriceSeries

COLORS = {"actual": "#222222", "naive": "#7f7f7f", "drift": "#bcbd22", "arima": "#1f77b4", "lstm": "#d62728"}
MARGIN = dict(t=50, b=10, l=10, r=10)
LEGEND_BELOW = dict(orientation="h", y=-0.15)
TABLE_COLUMNS = ("model", "mae", "rmse", "mape", "rel", "dir", "dm", "verdict")
TABLE_FORMATS = {"mae": "{:.2f}", "rmse": "{:.2f}", "mape": "{:.2f}", "rel": "{:.3f}", "dir": "{:.1%}", "dm": "{:.3f}"}
SCORE_OF_COLUMN = {"mae": "mae", "rmse": "rmse", "mape": "mape", "rel": "rel_mae", "dir": "dir_acc", "dm": "dm_p"}
FLAG_STYLE = "background-color: #fde2e1"


def _dash(model: str) -> str:
    return "dot" if model == "naive" else "solid"


def price_figure(series: PriceSeries, title: str, labels: dict) -> go.Figure:
    fig = go.Figure(go.Scatter(x=series.dates, y=series.close, line_color=COLORS["lstm"], name=series.ticker))
    buttons = [dict(count=1, label="1M", step="month", stepmode="backward"),
               dict(count=6, label="6M", step="month", stepmode="backward"),
               dict(count=1, label="1Y", step="year", stepmode="backward"),
               dict(count=5, label="5Y", step="year", stepmode="backward"),
               dict(step="all", label=labels["range_all"])]
    fig.update_xaxes(rangeselector=dict(buttons=buttons), rangeslider=dict(visible=True, thickness=0.08))
    fig.update_layout(title=title, height=420, margin=dict(MARGIN, t=60),
                      yaxis_title="$" if series.licence != "uploaded" else None)
    return fig


def loss_figure(history: list[dict], title: str, labels: dict) -> go.Figure:
    """Training and validation loss per epoch, a dotted line where each refit starts."""
    fig = go.Figure()
    x = [e["epoch"] for e in history]
    for key, colour in (("loss", "#1f77b4"), ("val_loss", "#ff7f0e")):
        fig.add_scatter(x=x, y=[e[key] for e in history], name=labels["train" if key == "loss" else "val"],
                        mode="lines+markers", line_color=colour)
    for prev, cur in zip(history, history[1:]):
        if cur["block"] != prev["block"]:
            fig.add_vline(x=cur["epoch"] - 0.5, line_dash="dot", line_color="#999",
                          annotation_text=labels["block"].format(n=cur["block"]), annotation_position="top left")
    fig.update_layout(title=title, height=300, xaxis_title=labels["epoch"], margin=MARGIN,
                      legend=dict(orientation="h", y=-0.3))
    return fig


def add_bands(fig: go.Figure, x, band, labels: dict) -> None:
    """Shaded 95 % and 80 % bands; `band(level)` gives (lo, hi) along x."""
    for level, alpha in ((95, 0.15), (80, 0.3)):
        lo, hi = band(level)
        fig.add_scatter(x=x, y=hi, line_width=0, showlegend=False, hoverinfo="skip")
        fig.add_scatter(x=x, y=lo, line_width=0, fill="tonexty", name=labels[f"band{level}"],
                        fillcolor=f"rgba(214,39,40,{alpha})")


def _targets(result: BacktestResult, h: int):
    rows = result.scored_rows(h)
    target = result.origins[rows] + h
    return rows, target, result.series.dates[target]


def backtest_figure(result: BacktestResult, h: int, title: str, labels: dict) -> go.Figure:
    rows, target, x = _targets(result, h)
    fig = go.Figure()
    fig.add_scatter(x=x, y=result.series.close[target], name=labels["actual"],
                    line=dict(color=COLORS["actual"], width=2.5))
    for m in MODELS:
        fig.add_scatter(x=x, y=result.price_forecast(m, h)[rows], name=labels[m],
                        line=dict(color=COLORS[m], width=1.3, dash=_dash(m)))
    fig.update_layout(title=title, height=430, hovermode="x unified", margin=MARGIN, legend=LEGEND_BELOW)
    return fig


def bands_figure(result: BacktestResult, model: str, h: int, title: str, labels: dict) -> go.Figure:
    rows, target, x = _targets(result, h)
    fig = go.Figure()
    add_bands(fig, x, lambda level: [edge[rows] for edge in result.band(model, level, h)], labels)
    fig.add_scatter(x=x, y=result.price_forecast(model, h)[rows], name=labels[model],
                    line=dict(color=COLORS[model], width=1.2))
    fig.add_scatter(x=x, y=result.series.close[target], name=labels["actual"],
                    line=dict(color=COLORS["actual"], width=2))
    fig.update_layout(title=title, height=430, margin=MARGIN, legend=LEGEND_BELOW)
    return fig


def future_figure(result: BacktestResult, title: str, labels: dict, past_days: int = 120) -> go.Figure:
    series, n = result.series, result.config.h_max
    past = slice(max(0, len(series) - past_days), len(series))
    dates = pd.bdate_range(series.dates[-1] + pd.Timedelta(days=1), periods=n)
    fig = go.Figure()
    fig.add_scatter(x=series.dates[past], y=series.close[past], name=labels["history"],
                    line=dict(color=COLORS["actual"], width=2))
    add_bands(fig, dates, lambda level: result.future_band("lstm", level), labels)
    for m in MODELS:
        fig.add_scatter(x=dates, y=series.close[-1] * np.exp(result.future[m]), name=labels[m],
                        line=dict(color=COLORS[m], width=1.5, dash=_dash(m)))
    fig.update_layout(title=title, height=420, margin=MARGIN, legend=LEGEND_BELOW)
    return fig


def metric_table(result: BacktestResult, h: int, labels: dict):
    """The scores of every model at horizon h as a styled frame; rows judged "worse" are shaded."""
    col = labels["col"]
    rows, flagged = [], []
    for m, s in result.metrics[str(h)].items():
        judged = verdict(m, s)
        flagged.append(judged == "worse")
        rows.append({col["model"]: labels[m], **{col[c]: s[k] for c, k in SCORE_OF_COLUMN.items()},
                     col["verdict"]: labels["verdict"][judged]})
    frame = pd.DataFrame(rows, columns=[col[c] for c in TABLE_COLUMNS])
    styled = frame.style.format({col[c]: f for c, f in TABLE_FORMATS.items()}, na_rep="—")
    return styled.apply(lambda column: [FLAG_STYLE if f else "" for f in flagged], subset=[col["rel"], col["verdict"]])


# ---------- the LSTM cell as a Graphviz diagram ----------
GATE_NODES = (  # (node id, label key, fill colour, shape)
    ("x", "diagram_input", "#e8f0fe", "box"), ("hp", "diagram_prev", "#e8f0fe", "box"),
    ("f", "diagram_forget", "#fde2e1", "box"), ("i", "diagram_in", "#e6f4ea", "box"),
    ("g", "diagram_candidate", "#f5f5f5", "box"), ("o", "diagram_out", "#fef7e0", "box"),
    ("cp", "diagram_cell_old", "#f5f5f5", "note"), ("c", "diagram_cell", "#ffffff", "note"),
    ("h", "diagram_h", "#e8f0fe", "box"),
)
GATE_EDGES = (("x", "f"), ("x", "i"), ("x", "g"), ("x", "o"), ("hp", "f"), ("hp", "i"), ("hp", "g"), ("hp", "o"),
              ("cp", "c"), ("f", "c"), ("i", "c"), ("g", "c"), ("c", "h"), ("o", "h"))


def dot_string(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, line breaks as centred \\n."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def gates_diagram(labels: dict) -> str:
    """DOT source of the LSTM cell; `labels` maps every GATE_NODES label key to its words."""
    nodes = [f"{node} [label={dot_string(labels[key])}, fillcolor={dot_string(fill)}, shape={shape}];"
             for node, key, fill, shape in GATE_NODES]
    edges = [f"{a} -> {b};" for a, b in GATE_EDGES]
    head = 'rankdir=LR; node [style="rounded,filled", fontname="NanumGothic"];'
    return "digraph lstm {\n  " + "\n  ".join([head, *nodes, *edges]) + "\n}"
