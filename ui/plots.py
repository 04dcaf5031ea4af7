"""Every chart goes through `chart()`: in presentation mode its fonts are made readable from the back of a room.

Per figure at draw time (never `plotly.io.templates.default`, which all sessions share): a copy of the
figure gets every font at least `PRESENT_FONT_PX` (layout, axis ticks and titles, legends, colour bars,
annotations, trace text), a little more height for the larger text, and bar/heatmap text that never
shrinks below that size. Outside presentation mode the figure is drawn as the page made it.
"""
from __future__ import annotations

from typing import Any

import streamlit as st

PRESENT_FONT_PX = 22
_FONT_KEYS = ("font", "tickfont", "textfont", "titlefont", "insidetextfont", "outsidetextfont")


def _lift(node: Any, size: int) -> None:
    """Raise every `size` of every font-like dict under `node` to at least `size` (in place)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _FONT_KEYS and isinstance(value, dict):
                current = value.get("size")
                if isinstance(current, (list, tuple)):
                    value["size"] = [max(size, s or 0) for s in current]
                else:
                    value["size"] = max(size, current or 0)
            _lift(value, size)
    elif isinstance(node, (list, tuple)):
        for item in node:
            _lift(item, size)


def presentation_figure(fig, size: int = PRESENT_FONT_PX):
    """A copy of the plotly figure with every font at least `size` px (the original is left as cached)."""
    import plotly.graph_objects as go

    spec = fig.to_plotly_json() if hasattr(fig, "to_plotly_json") else dict(fig)
    layout = dict(spec.get("layout") or {})
    data = [dict(trace) for trace in spec.get("data") or []]
    layout["font"] = {**(layout.get("font") or {}), "size": max(size, (layout.get("font") or {}).get("size") or 0)}
    layout["hoverlabel"] = {**(layout.get("hoverlabel") or {}), "font": {"size": size}}
    layout["uniformtext"] = {"minsize": size, "mode": "show"}  # bar values never shrink to fit
    # Sizes the figure leaves unset come from Streamlit's chart theme in rem (0.75rem ticks): set them all,
    # on every axis, including the plain x and y axes a figure never touched.
    axes = {"xaxis", "yaxis", *(n for n in layout if n.startswith(("xaxis", "yaxis")))}
    for name in axes:
        axis = dict(layout.get(name) or {})
        axis["tickfont"] = {**(axis.get("tickfont") or {}), "size": max(size, (axis.get("tickfont") or {}).get("size") or 0)}
        title = axis.get("title") if isinstance(axis.get("title"), dict) else ({"text": axis["title"]} if axis.get("title") else {})
        axis["title"] = {**title, "font": {**(title.get("font") or {}), "size": max(size, (title.get("font") or {}).get("size") or 0)}}
        axis["automargin"] = True
        layout[name] = axis
    for trace in data:  # colour bars (heatmaps) take their sizes from the theme too
        if trace.get("type") in ("heatmap", "contour", "histogram2d") or "colorbar" in trace:
            bar = dict(trace.get("colorbar") or {})
            bar["tickfont"] = {**(bar.get("tickfont") or {}), "size": size}
            trace["colorbar"] = bar
    title = layout.get("title") if isinstance(layout.get("title"), dict) else ({"text": layout["title"]} if layout.get("title") else None)
    if title is not None:
        layout["title"] = {**title, "font": {**(title.get("font") or {}), "size": max(size + 4, (title.get("font") or {}).get("size") or 0)}}
    if layout.get("legend") is not None or any(t.get("showlegend") for t in data):
        layout["legend"] = {**(layout.get("legend") or {}), "font": {**((layout.get("legend") or {}).get("font") or {}), "size": size}}
    _lift(layout, size)
    _lift(data, size)
    for trace in data:  # heatmap cell text and bar values: the trace's own text size
        if any(k in trace for k in ("text", "texttemplate")):
            trace["textfont"] = {**(trace.get("textfont") or {}), "size": max(size, (trace.get("textfont") or {}).get("size") or 0)}
    if title is not None and any(isinstance(layout[n], dict) and layout[n].get("rangeselector") for n in axes):
        # the range buttons sit on the plot's top edge: give the larger title its own row above them
        margin = dict(layout.get("margin") or {})
        margin["t"] = (margin.get("t") or 80) + 2 * size
        layout["margin"] = margin
        layout["title"] = {**layout["title"], "y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 8}}
    if isinstance(layout.get("height"), (int, float)):
        layout["height"] = int(layout["height"] * 1.35)
    return go.Figure(data=data, layout=layout)


def chart(*args, **kwargs) -> Any:
    """`chart(fig, ...)` or `chart(column, fig, ...)`: `plotly_chart` with presentation-sized fonts when presenting."""
    where, fig = (st, args[0]) if len(args) == 1 else args[:2]
    if st.session_state.get("present"):
        fig = presentation_figure(fig)
    return where.plotly_chart(fig, *args[2:], **kwargs)


def table(data, **kwargs) -> Any:
    """`st.dataframe`, or when presenting the same rows as an HTML table.

    A dataframe is drawn on a canvas at the theme's small size (about 14 px), which no page CSS reaches;
    an HTML table takes the presentation CSS like any other text (ui/page.py). Values are escaped.
    """
    if not st.session_state.get("present"):
        return st.dataframe(data, **kwargs)
    import pandas as pd

    na = kwargs.get("placeholder") or ""
    if hasattr(data, "hide") and hasattr(data, "to_html") and not isinstance(data, pd.DataFrame):  # a Styler
        html = data.hide(axis="index").format(na_rep=na).to_html()
    else:
        frame = data if isinstance(data, pd.DataFrame) else pd.DataFrame(data)
        html = frame.to_html(index=not kwargs.get("hide_index", False), na_rep=na, border=0, escape=True)
    return st.markdown(html, unsafe_allow_html=True)
