"""Pictures of a palette for the page: swatches and strips (HTML), the hue wheel, the design preview.

No Streamlit here, and no words of its own: every label is an argument, already translated.
"""
from __future__ import annotations

import html
import math
from functools import lru_cache

import plotly.graph_objects as go

from models.palette import cvd
from models.palette.roles import design_roles

BORDER = "1px solid #00000022"


def swatch_html(color: str, height: int = 90) -> str:
    """One big swatch with its hex written in black or white, whichever reads better."""
    ink = cvd.readable_ink(color)
    text = f"<span style='color:{ink};font-family:monospace;font-size:0.9rem'>{html.escape(color)}</span>"
    return (f"<div style='background:{color};height:{height}px;border-radius:8px;display:flex;"
            f"align-items:flex-end;padding:6px;border:{BORDER}'>{text}</div>")


def strip_html(colors: list[str], height: int = 36) -> str:
    """The palette as one rounded strip of equal cells."""
    cells = "".join(f"<div style='flex:1;background:{c}' title='{c}'></div>" for c in colors)
    return (f"<div style='display:flex;height:{height}px;border-radius:6px;overflow:hidden;"
            f"margin:2px 0 8px 0'>{cells}</div>")


def share_html(color: str, share: float) -> str:
    """A photo colour: a thin strip, its hex and its share of the pixels."""
    return f"{strip_html([color], 20)}<small>{html.escape(color)} · {share:.0%}</small>"


def contrast_html(pair: dict, sample: str) -> str:
    """`sample` text in the palette's best text colour on its best background."""
    return (f"<div style='background:{pair['background']};color:{pair['text']};padding:14px 18px;"
            f"border-radius:10px;font-size:1.3rem;border:{BORDER}'>{html.escape(sample)}</div>")


@lru_cache(maxsize=1)
def hue_ring() -> tuple[tuple[float, ...], tuple[str, ...]]:
    """The wheel's rim, fixed for every palette: 36 sector centres (degrees) and their CAM02-UCS colours."""
    from models.palette.colorspace import ucs_to_hex

    theta = tuple(h + 5.0 for h in range(0, 360, 10))
    return theta, tuple(ucs_to_hex([65, 28 * math.cos(math.radians(h)), 28 * math.sin(math.radians(h))])
                        for h in theta)


def wheel(colors: list[str], harmony) -> go.Figure:
    """Hue wheel: each colour at its CAM02-UCS hue, further out = more colourful; spokes = the rule."""
    fig = go.Figure()
    theta, ring_colours = hue_ring()
    fig.add_trace(go.Barpolar(r=[6] * len(theta), theta=theta, width=[10] * len(theta), base=44,
                              marker_color=ring_colours, marker_line_width=0, hoverinfo="skip", showlegend=False))
    for s in harmony.spokes:
        fig.add_trace(go.Scatterpolar(r=[0, 44], theta=[s, s], mode="lines", showlegend=False, hoverinfo="skip",
                                      line=dict(color="#495057", dash="dash", width=2)))
    fig.add_trace(go.Scatterpolar(r=harmony.chromas, theta=harmony.hues, mode="markers+text", text=colors,
                                  textposition="top center", showlegend=False,
                                  marker=dict(size=26, color=colors, line=dict(color="#212529", width=1.5))))
    fig.update_layout(height=430, margin=dict(l=30, r=30, t=30, b=30),
                      polar=dict(radialaxis=dict(range=[0, 50], showticklabels=False),
                                 angularaxis=dict(direction="counterclockwise", rotation=0)))
    return fig


def design_card_html(colors: list[str], words: dict) -> str:
    """A sample card painted with the palette; `words` holds kicker, headline, body and button."""
    roles = design_roles(colors)
    bg, fg, ac, ink = roles["background"], roles["text"], roles["accent"], roles["accent_ink"]
    w = {k: html.escape(v) for k, v in words.items()}
    chips = "".join(f"<span style='background:{c};width:28px;height:28px;border-radius:50%;display:inline-block;"
                    f"margin-right:6px;border:{BORDER}'></span>" for c in colors)
    return f"""
<div style='background:{bg};color:{fg};border-radius:16px;padding:22px 26px;border:{BORDER};max-width:520px'>
  <div style='font-size:0.8rem;letter-spacing:0.1em;text-transform:uppercase;opacity:0.8'>{w['kicker']}</div>
  <div style='font-size:1.6rem;font-weight:700;margin:4px 0 8px 0'>{w['headline']}</div>
  <div style='font-size:1rem;margin-bottom:14px'>{w['body']}</div>
  <div style='margin-bottom:14px'>{chips}</div>
  <span style='background:{ac};color:{ink};padding:8px 18px;border-radius:999px;font-weight:600'>{w['button']}</span>
</div>"""


def design_chart(colors: list[str], title: str, series: str) -> go.Figure:
    """A bar chart with one palette colour per group on the palette's background; `series` = "… {i}"."""
    roles = design_roles(colors)
    bg, fg = roles["background"], roles["text"]
    bars = [c for c in colors if c != bg]  # a bar in the background colour would be invisible
    fig = go.Figure(go.Bar(x=[series.format(i=i + 1) for i in range(len(bars))],
                           y=[3 + (i * 7) % 5 for i in range(len(bars))], marker_color=bars))
    fig.update_layout(height=260, margin=dict(l=10, r=10, t=30, b=10), title=title,
                      plot_bgcolor=bg, paper_bgcolor=bg, font=dict(color=fg))
    return fig
