"""Pictures of the neuron page and the playground: Plotly figures and one PIL network drawing.

Every word on a figure comes from the caller (`words` dicts), so the code stays language-free.
Colours follow TensorFlow Playground: blue for class 1 and positive values, orange for class 0 and
negative values, white for zero.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Mapping

import numpy as np
import plotly.graph_objects as go
from PIL import Image, ImageDraw, ImageFont
from plotly.subplots import make_subplots

from models.neurons import datasets
from models.neurons.perceptron import INPUTS, TARGETS, activate

BLUE, ORANGE, GREY = "#0877bd", "#f59322", "#777777"
DIVERGING = [[0.0, ORANGE], [0.5, "#ffffff"], [1.0, BLUE]]
MARGIN = dict(t=40, b=10, l=10, r=10)
BOX = (-0.5, 1.5)  # the neuron pictures show the unit square with some room around it


# ---------- one neuron ----------

def half_plane(w1: float, w2: float, b: float, box=BOX) -> tuple[list, list]:
    """The polygon of the box where w1·x + w2·y + b > 0 (Sutherland–Hodgman against one line)."""
    lo, hi = box
    corners = [(lo, lo), (hi, lo), (hi, hi), (lo, hi)]
    inside = [w1 * x + w2 * y + b > 0 for x, y in corners]
    poly = []
    for k, (p, q) in enumerate(zip(corners, corners[1:] + corners[:1])):
        zp, zq = w1 * p[0] + w2 * p[1] + b, w1 * q[0] + w2 * q[1] + b
        if inside[k]:
            poly.append(p)
        if (zp > 0) != (zq > 0):
            s = zp / (zp - zq)
            poly.append((p[0] + s * (q[0] - p[0]), p[1] + s * (q[1] - p[1])))
    return [p[0] for p in poly] + [poly[0][0]] if poly else [], [p[1] for p in poly] + [poly[0][1]] if poly else []


def line_points(w1: float, w2: float, b: float, box=BOX) -> tuple[list, list]:
    """Two ends of the line w1·x + w2·y + b = 0 across the box ([], [] when w1 = w2 = 0)."""
    lo, hi = box
    if abs(w2) > 1e-9 and abs(w2) >= abs(w1):
        return [lo, hi], [-(w1 * lo + b) / w2, -(w1 * hi + b) / w2]
    if abs(w1) > 1e-9:
        return [-(w2 * lo + b) / w1, -(w2 * hi + b) / w1], [lo, hi]
    return [], []


def _points(fig: go.Figure, targets, words: Mapping[str, str], **where) -> None:
    for cls, colour in ((1, BLUE), (0, ORANGE)):
        mask = np.asarray(targets) == cls
        fig.add_scatter(x=INPUTS[mask, 0], y=INPUTS[mask, 1], mode="markers+text", name=words[f"class{cls}"],
                        text=[f"({int(a)},{int(b)})" for a, b in INPUTS[mask]], textposition="top center",
                        marker=dict(size=18, color=colour, line=dict(color="black", width=1.5)), **where)


def _square_axes(fig: go.Figure, box=BOX, **where) -> None:
    fig.update_xaxes(range=box, constrain="domain", zeroline=False, title_text="x₁", **where)
    fig.update_yaxes(range=box, scaleanchor="x" if not where else None, zeroline=False, title_text="x₂", **where)


def neuron_figure(w1: float, w2: float, b: float, activation: str, gate: str, words: Mapping[str, str]) -> go.Figure:
    """The neuron's output over the square, its decision line and the four points of `gate`."""
    axis = np.linspace(*BOX, 61)
    xx, yy = np.meshgrid(axis, axis)
    out = activate(w1 * xx + w2 * yy + b, activation)
    fig = go.Figure(go.Heatmap(x=axis, y=axis, z=out, colorscale=[[0, "#fdf0dc"], [1, "#cfe3f3"]], showscale=True,
                               zmin=0, zmax=max(1.0, float(out.max())), colorbar=dict(title=words["output"], len=0.8),
                               hovertemplate="x₁=%{x:.2f}<br>x₂=%{y:.2f}<br>%{z:.2f}<extra></extra>"))
    lx, ly = line_points(w1, w2, b)
    fig.add_scatter(x=lx, y=ly, mode="lines", line=dict(color="black", width=3), name=words["line"])
    _points(fig, TARGETS[gate], words)
    _square_axes(fig)
    fig.update_layout(height=420, margin=MARGIN, title=words["title"], legend=dict(orientation="h", y=-0.15))
    return fig


def learning_figure(weights: list[tuple[float, float, float]], errors: list[int], gate: str,
                    words: Mapping[str, str]) -> go.Figure:
    """The perceptron rule epoch by epoch as a Plotly animation: the line moves, the 1-side is shaded."""
    def state(k: int) -> list[go.Scatter]:
        w1, w2, b = weights[k]
        px, py = half_plane(w1, w2, b)
        lx, ly = line_points(w1, w2, b)
        return [go.Scatter(x=px, y=py, fill="toself", mode="lines", line=dict(width=0), fillcolor="rgba(8,119,189,0.15)",
                           name=words["says1"], hoverinfo="skip"),
                go.Scatter(x=lx, y=ly, mode="lines", line=dict(color="black", width=3), name=words["line"])]

    def title(k: int) -> str:
        w1, w2, b = weights[k]
        mistakes = errors[k - 1] if k else "–"
        return words["frame"].format(epoch=k, errors=mistakes, w1=w1, w2=w2, b=b)

    fig = go.Figure(state(0))
    _points(fig, TARGETS[gate], words)
    fig.frames = [go.Frame(data=state(k), traces=[0, 1], name=str(k), layout=dict(title_text=title(k)))
                  for k in range(len(weights))]
    steps = [dict(method="animate", label=str(k), args=[[str(k)], dict(mode="immediate", frame=dict(duration=0, redraw=False))])
             for k in range(len(weights))]
    fig.update_layout(
        height=480, margin=dict(MARGIN, t=60, b=80), title=title(0), legend=dict(orientation="h", y=-0.32),
        updatemenus=[dict(type="buttons", x=0, y=1.13, xanchor="left", showactive=False, direction="left",
                          buttons=[dict(label=f"▶ {words['play']}", method="animate",
                                        args=[None, dict(frame=dict(duration=350, redraw=False), fromcurrent=True,
                                                         transition=dict(duration=150))])])],
        sliders=[dict(active=0, steps=steps, y=-0.05, currentvalue=dict(prefix=words["epoch"] + " "))])
    _square_axes(fig)
    return fig


def errors_figure(errors: list[int], words: Mapping[str, str]) -> go.Figure:
    fig = go.Figure(go.Bar(x=list(range(1, len(errors) + 1)), y=errors, marker_color=ORANGE, name=words["errors"]))
    fig.update_layout(height=220, margin=MARGIN, title=words["errors"], xaxis_title=words["epoch"],
                      yaxis=dict(range=[0, 4.2], dtick=1))
    return fig


def xor_figure(net, words: Mapping[str, str]) -> go.Figure:
    """Left: the two hidden neurons' lines and the network's output; right: the points in hidden space."""
    fig = make_subplots(1, 2, subplot_titles=(words["input_space"], words["hidden_space"]), horizontal_spacing=0.12)
    axis = np.linspace(*BOX, 61)
    xx, yy = np.meshgrid(axis, axis)
    out = net.output(np.stack([xx.ravel(), yy.ravel()], 1)).reshape(xx.shape)
    fig.add_heatmap(x=axis, y=axis, z=out, colorscale=[[0, "#fdf0dc"], [1, "#cfe3f3"]], zmin=0, zmax=1,
                    showscale=False, row=1, col=1, hovertemplate="%{z:.2f}<extra></extra>")
    for j, (colour, (w1, w2, b)) in enumerate(zip(("#2ca02c", "#9467bd"), net.lines()), 1):
        lx, ly = line_points(w1, w2, b)
        fig.add_scatter(x=lx, y=ly, mode="lines", line=dict(color=colour, width=3, dash="dash"),
                        name=words["hidden_line"].format(j=j), row=1, col=1)
    _points(fig, TARGETS["xor"], words, row=1, col=1)
    hidden = net.hidden(INPUTS)
    lo, hi = -1.15, 1.15
    px, py = half_plane(net.out_kernel[0], net.out_kernel[1], net.out_bias, (lo, hi))
    fig.add_scatter(x=px, y=py, fill="toself", mode="lines", line=dict(width=0), fillcolor="rgba(8,119,189,0.15)",
                    name=words["says1"], row=1, col=2, hoverinfo="skip")
    lx, ly = line_points(net.out_kernel[0], net.out_kernel[1], net.out_bias, (lo, hi))
    fig.add_scatter(x=lx, y=ly, mode="lines", line=dict(color="black", width=3), name=words["out_line"], row=1, col=2)
    for cls, colour in ((1, BLUE), (0, ORANGE)):
        mask = TARGETS["xor"] == cls
        fig.add_scatter(x=hidden[mask, 0], y=hidden[mask, 1], mode="markers+text", showlegend=False,
                        text=[f"({int(a)},{int(b)})" for a, b in INPUTS[mask]], textposition="top center",
                        marker=dict(size=16, color=colour, line=dict(color="black", width=1.5)), row=1, col=2)
    fig.update_xaxes(range=BOX, title_text="x₁", row=1, col=1)
    fig.update_yaxes(range=BOX, title_text="x₂", row=1, col=1)
    fig.update_xaxes(range=(lo, hi), title_text="h₁", row=1, col=2)
    fig.update_yaxes(range=(lo, hi), title_text="h₂", row=1, col=2)
    fig.update_layout(height=440, margin=dict(MARGIN, t=50), legend=dict(orientation="h", y=-0.2))
    return fig


# ---------- playground ----------

def surface_figure(surface: np.ndarray, data: datasets.Split, words: Mapping[str, str], show_test: bool = True) -> go.Figure:
    """The decision surface (probability of blue) with the training points, and the test points outlined."""
    axis = np.linspace(-datasets.EXTENT, datasets.EXTENT, surface.shape[0])
    fig = go.Figure(go.Heatmap(x=axis, y=axis, z=surface, zmin=0, zmax=1, showscale=False, hoverinfo="skip",
                               colorscale=[[0, "#f8c98f"], [0.5, "#ffffff"], [1, "#8cc0e3"]]))
    sets = [("train", data.x_train, data.y_train, "white")] + ([("test", data.x_test, data.y_test, "black")] if show_test else [])
    for name, x, y, edge in sets:
        colours = np.where(y == 1, BLUE, ORANGE)
        fig.add_scatter(x=x[:, 0], y=x[:, 1], mode="markers", name=words[name], hoverinfo="skip",
                        marker=dict(size=7, color=colours, line=dict(color=edge, width=1.2)))
    ext = (-datasets.EXTENT, datasets.EXTENT)
    fig.update_xaxes(range=ext, constrain="domain", showgrid=False, zeroline=False)
    fig.update_yaxes(range=ext, scaleanchor="x", showgrid=False, zeroline=False)
    fig.update_layout(height=420, margin=dict(t=30, b=10, l=10, r=10), title=words["surface"],
                      legend=dict(orientation="h", y=-0.08), uirevision="surface")
    return fig


def loss_figure(history: list[dict], words: Mapping[str, str], overfit: dict | None = None) -> go.Figure:
    """Train and test loss per epoch; when overfitting is detected, a line where the test loss was lowest."""
    x = [h["epoch"] for h in history]
    fig = go.Figure()
    for key, colour, name in (("train_loss", GREY, words["train"]), ("test_loss", "#111111", words["test"])):
        fig.add_scatter(x=x, y=[h[key] for h in history], mode="lines", line=dict(color=colour, width=2,
                        dash="solid" if key == "test_loss" else "dot"), name=name)
    if overfit:
        fig.add_vline(x=overfit["best_epoch"], line=dict(color="#d62728", dash="dash"),
                      annotation_text=words["best"], annotation_position="top right")
    fig.update_layout(height=260, margin=dict(t=30, b=10, l=10, r=10), title=words["loss"], xaxis_title=words["epoch"],
                      legend=dict(orientation="h", y=-0.35), uirevision="loss")
    return fig


@lru_cache(maxsize=1)
def _font(size: int = 13):
    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",):
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def _tile(values: np.ndarray, size: int) -> Image.Image:
    """A neuron's output over the square as a small picture: orange (−1) – white (0) – blue (+1)."""
    v = np.clip(values, -1, 1)[::-1]  # image rows run top-down, the plot's y axis bottom-up
    blue, orange, white = np.array([8, 119, 189]), np.array([245, 147, 34]), np.array([255, 255, 255])
    pos, neg = np.clip(v, 0, 1)[..., None], np.clip(-v, 0, 1)[..., None]
    rgb = white + pos * (blue - white) + neg * (orange - white)
    return Image.fromarray(rgb.astype(np.uint8)).resize((size, size), Image.BILINEAR)


def network_picture(neurons: list[np.ndarray], kernels: list[np.ndarray], feature_names: list[str],
                    tile: int = 44, gap_x: int = 110, gap_y: int = 14, margin: int = 70) -> Image.Image:
    """The whole network: every neuron as a heatmap of its output, every weight as a line whose colour is
    its sign (blue +, orange −) and whose width is its size. The output tile is the decision surface."""
    columns = [n.shape[-1] for n in neurons]
    height = max(columns) * (tile + gap_y) + 2 * gap_y
    width = margin + (len(columns) - 1) * (tile + gap_x) + tile + 20
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)

    def top_left(layer: int, k: int) -> tuple[int, int]:
        col_h = columns[layer] * (tile + gap_y) - gap_y
        return margin + layer * (tile + gap_x), (height - col_h) // 2 + k * (tile + gap_y)

    biggest = max((float(np.abs(k).max()) for k in kernels), default=1.0) or 1.0
    for layer, kernel in enumerate(kernels):
        for i in range(kernel.shape[0]):
            for j in range(kernel.shape[1]):
                w = float(kernel[i, j])
                (x0, y0), (x1, y1) = top_left(layer, i), top_left(layer + 1, j)
                width_px = max(1, round(1 + 7 * abs(w) / biggest))
                colour = (8, 119, 189) if w > 0 else (245, 147, 34)
                draw.line([(x0 + tile, y0 + tile // 2), (x1, y1 + tile // 2)], fill=colour, width=width_px)
    for layer, values in enumerate(neurons):
        scale = 2.0 if layer == len(neurons) - 1 else 1.0  # the output is a probability: 0.5 ↦ white
        for k in range(values.shape[-1]):
            v = values[..., k] if layer else values[..., k] / max(1e-6, float(np.abs(values[..., k]).max()))
            v = (v - 0.5) * scale if layer == len(neurons) - 1 else v
            x, y = top_left(layer, k)
            img.paste(_tile(v, tile), (x, y))
            draw.rectangle([x - 1, y - 1, x + tile, y + tile], outline=(90, 90, 90))
    for k, name in enumerate(feature_names):
        x, y = top_left(0, k)
        draw.text((x - 8, y + tile // 2), name, fill=(30, 30, 30), font=_font(), anchor="rm")
    return img


# ---------- memory: Dense vs LSTM ----------

def sequence_history_figure(history: dict[str, list[float]], every: int, words: Mapping[str, str]) -> go.Figure:
    fig = go.Figure()
    for kind, colour in (("dense", ORANGE), ("lstm", BLUE)):
        y = history.get(kind, [])
        fig.add_scatter(x=[every * (i + 1) for i in range(len(y))], y=y, mode="lines+markers", name=words[kind],
                        line_color=colour)
    fig.update_layout(height=260, margin=MARGIN, title=words["title"], xaxis_title=words["epoch"],
                      yaxis=dict(range=[0, 1.05], tickformat=".0%"), legend=dict(orientation="h", y=-0.35))
    return fig


def gates_figure(gates: dict[str, np.ndarray], window, words: Mapping[str, str]) -> go.Figure:
    """Forget, input and output gate values (0–1) of every LSTM unit at each step of the window."""
    names = ("forget", "input", "output")
    fig = make_subplots(1, 3, subplot_titles=[words[n] for n in names], horizontal_spacing=0.06)
    steps = [words["step"].format(n=int(n)) for n in window]
    for c, name in enumerate(names, 1):
        fig.add_heatmap(z=gates[name].T, x=steps, y=[f"{u + 1}" for u in range(gates[name].shape[1])], zmin=0, zmax=1,
                        colorscale="Blues", showscale=c == 3, row=1, col=c, texttemplate="%{z:.1f}",
                        hovertemplate="%{x}<br>unit %{y}: %{z:.2f}<extra></extra>")
    fig.update_yaxes(title_text=words["unit"], row=1, col=1)
    fig.update_layout(height=330, margin=dict(MARGIN, t=50))
    return fig


# ---------- tables ----------

def truth_frame(table: dict, words: Mapping[str, str]):
    """The neuron's truth table next to the four gates' targets (✓ where the neuron's answer matches)."""
    import pandas as pd

    rows = []
    for k, ((x1, x2), z, out, fires) in enumerate(zip(table["x"], table["z"], table["output"], table["fires"])):
        row = {"x₁": x1, "x₂": x2, words["z"]: round(z, 2), words["output"]: round(out, 3), words["says"]: fires}
        for gate in TARGETS:
            target = int(TARGETS[gate][k])
            row[gate.upper()] = f"{target} {'✓' if target == fires else '✗'}"
        rows.append(row)
    return pd.DataFrame(rows)


def hidden_frame(net, words: Mapping[str, str]):
    """XOR's four rows through the 2-2-1 net: both hidden neurons' outputs and the network's answer."""
    import pandas as pd

    hidden, out = net.hidden(INPUTS), net.output(INPUTS)
    return pd.DataFrame([{"x₁": int(a), "x₂": int(b), "h₁": round(float(h[0]), 2), "h₂": round(float(h[1]), 2),
                          words["output"]: round(float(o), 3), "XOR": int(y)}
                         for (a, b), h, o, y in zip(INPUTS, hidden, out, TARGETS["xor"])])


def sequence_frame(result, words: Mapping[str, str]):
    """One period of the sequence: what each network saw, the true next number, each one's guess."""
    import pandas as pd

    from models.neurons.sequence import is_turning_point

    turning = is_turning_point(result.seen)
    rows = []
    for k, (seen, nxt) in enumerate(zip(result.seen, result.target)):
        row = {words["seen"]: ", ".join(str(int(n)) for n in seen), words["next"]: int(nxt)}
        for kind in ("dense", "lstm"):
            p = result.probs[kind][k]
            guess = int(p.argmax()) + 1
            row[words[kind]] = f"{guess} ({p.max():.0%}) {'✓' if guess == nxt else '✗'}"
        row[words["turning"]] = "⚠️" if turning[k] else ""
        rows.append(row)
    return pd.DataFrame(rows)


def data_uri(img: Image.Image) -> str:
    """A PNG data URI: the page shows each live redraw's picture inline, with no media file to fetch."""
    import base64
    import io

    buf = io.BytesIO()
    img.save(buf, "PNG", compress_level=1)  # fast: it is redrawn five times a second
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
