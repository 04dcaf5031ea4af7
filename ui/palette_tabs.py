"""The palette page's read-only tabs: harmony wheel, colour-blind checks, export files, model quality.

Each takes the current colours and the page's per-palette view (`ui.palette_state.view`), whose
reports and figures are computed once per palette.
"""
from __future__ import annotations

from functools import partial

import streamlit as st

from models.palette import cvd, export, figures
from models.palette.model import card_metrics
from ui import palette_state as state
from ui.i18n import current_lang, t
from ui.plots import chart, table


def harmony_tab(colors, v) -> None:
    harmony = v["harmony"]
    st.subheader(t(f"palette.harmony.{harmony.name}"))
    st.markdown(t(f"palette.harmony_explain.{harmony.name}"))
    if harmony.spokes:
        st.caption(t("palette.harmony_miss", miss=harmony.miss))
    chart(v["wheel"], width="stretch", key="pal_wheel", config={"displayModeBar": False})
    st.caption(t("palette.wheel_caption"))


def cvd_tab(colors, v) -> None:
    st.markdown(t("palette.cvd.explain"))
    severity = st.slider(t("palette.cvd.severity"), 0.0, 1.0, 1.0, 0.1, key="pal_severity",
                         help=t("palette.cvd.severity_help"))
    deltas, safe = cvd.min_delta(colors, severity), f"{cvd.SAFE_DELTA:g}"
    for vision in cvd.VISIONS:
        a, b = st.columns([4, 1])
        a.markdown(f"**{t(f'palette.vision.{vision}')}**" + figures.strip_html(
            state.simulated(v, colors, vision, severity)), unsafe_allow_html=True)
        b.metric(t("palette.cvd.min_delta"), f"{deltas[vision]:.1f}")
        b.caption(f"✅ ≥ {safe}" if deltas[vision] >= cvd.SAFE_DELTA else f"❌ < {safe}")
    table(state.cvd_rows(deltas, current_lang()), hide_index=True, width="stretch")
    st.caption(t("palette.cvd.delta_note"))
    pair = v["report"]["contrast"]
    st.markdown(f"#### {t('palette.contrast.title')}")
    st.markdown(figures.contrast_html(pair, t("palette.contrast.sample")), unsafe_allow_html=True)
    st.markdown(state.contrast_words(pair, current_lang()))
    st.markdown(t("palette.cvd.verdict_safe") if v["report"]["cvd_safe"] else t("palette.cvd.verdict_unsafe"))


def export_tab(colors, v) -> None:
    st.code(" ".join(colors), language=None)
    for col, (kind, (name, mime)) in zip(st.columns(len(export.FILES)), export.FILES.items()):
        col.download_button(t(f"palette.export.{kind}"), partial(export.render, kind, colors, v["json"]), name, mime,
                            key=f"pal_dl_{kind}", on_click="ignore")  # the file is made only when clicked
    st.code(export.as_css(colors), language="css")


def quality_tab(colors, v) -> None:
    st.markdown(t("palette.quality.explain"))
    if card_metrics():
        table(state.quality_rows(current_lang()), hide_index=True, width="stretch")
        st.caption(t("palette.quality.anchors"))
        for col, (label, value, words) in zip(st.columns(3), state.quality_metrics(current_lang())):
            col.metric(label, value, help=words)
