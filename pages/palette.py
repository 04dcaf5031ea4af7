"""Daltonism: generate, lock and regenerate palettes; palette from a photo; harmony; colour-blind checks."""
from functools import partial

import streamlit as st

from models.palette import cvd, export, figures
from models.palette.image_palette import from_image
from models.palette.model import card_metrics
from models.palette.suggest import MAX_N, MIN_N, suggest
from ui import palette_state as state
from ui.errors import show_failure
from ui.i18n import t, tl
from ui.image_input import image_input
from ui.jobs import JobCancelled, cancelled_note, run_job
from ui.media import shown
from ui.page import setup_page

lang = setup_page("palette")
ss = st.session_state
SIZES = list(range(MIN_N, MAX_N + 1))
PHOTO_EXAMPLES = ("chelsea", "coffee", "astronaut", "scream", "kite")
TABS = ("photo", "harmony", "cvd", "design", "export", "quality")


def ask(job, *args, **kwargs) -> dict | None:
    """One short scheduler job → its palette; None (said on the page) if it failed, was stopped or found none."""
    try:
        out = run_job(job, *args, kind="palette", **kwargs)
    except JobCancelled:
        return cancelled_note()
    except Exception as exc:  # noqa: BLE001 - keep the current palette and say what happened
        return show_failure(exc, "palette.failed")
    if not out:
        st.warning(t("palette.safe_none"))
    return out[0] if out else None


def photo_tab(colors, v) -> None:
    st.markdown(t("palette.photo.explain"))
    images = image_input("palette_photo", examples=PHOTO_EXAMPLES)
    n_photo = st.slider(t("palette.photo.how_many"), 1, ss["pal_n"], min(3, ss["pal_n"]), key="pal_from_photo")
    if not images:
        return
    left, right = st.columns([1, 2])
    left.image(state.latest(ss, "pal_photo_shown", images[0].digest, lambda: shown(images[0].image, 640)),
               width="stretch")
    with right:
        if st.button(t("palette.photo.go"), type="primary", key="pal_photo_go"):
            made = ask(from_image, images[0].image, n=ss["pal_n"], from_photo=n_photo, cvd_safe=ss["pal_cvd_safe"])
            if made:
                ss["pal_photo"] = made["photo_colours"]
                state.park(ss, made["colors"], made["source"])
                st.rerun()
        if ss.get("pal_photo"):
            st.markdown(t("palette.photo.found"))
            for c in ss["pal_photo"]:
                st.markdown(figures.share_html(c["hex"], c["share"]), unsafe_allow_html=True)


def harmony_tab(colors, v) -> None:
    harmony = v["harmony"]
    st.subheader(t(f"palette.harmony.{harmony.name}"))
    st.markdown(t(f"palette.harmony_explain.{harmony.name}"))
    if harmony.spokes:
        st.caption(t("palette.harmony_miss", miss=harmony.miss))
    st.plotly_chart(v["wheel"], width="stretch", key="pal_wheel", config={"displayModeBar": False})
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
    st.dataframe(state.cvd_rows(deltas, lang), hide_index=True, width="stretch")
    st.caption(t("palette.cvd.delta_note"))
    pair = v["report"]["contrast"]
    st.markdown(f"#### {t('palette.contrast.title')}")
    st.markdown(figures.contrast_html(pair, t("palette.contrast.sample")), unsafe_allow_html=True)
    st.markdown(state.contrast_words(pair, lang))
    st.markdown(t("palette.cvd.verdict_safe") if v["report"]["cvd_safe"] else t("palette.cvd.verdict_unsafe"))


@st.fragment
def design_tab(colors, v) -> None:
    """"See the design as" reruns only this tab; each preview is built once per view and language."""
    vision = st.segmented_control(t("palette.preview.view_as"), cvd.VISIONS, default="normal", required=True,
                                  format_func=lambda k: t(f"palette.vision.{k}", lang), key="pal_view_as")
    seen = state.simulated(v, colors, vision, ss.get("pal_severity", 1.0))
    card, chart = state.design(v, seen, lang)
    st.markdown(card, unsafe_allow_html=True)
    st.plotly_chart(chart, width="stretch", key="pal_chart", config={"displayModeBar": False})


def export_tab(colors, v) -> None:
    st.code(" ".join(colors), language=None)
    for col, (kind, (name, mime)) in zip(st.columns(len(export.FILES)), export.FILES.items()):
        col.download_button(t(f"palette.export.{kind}"), partial(export.render, kind, colors, v["json"]), name, mime,
                            key=f"pal_dl_{kind}", on_click="ignore")  # the file is made only when clicked
    st.code(export.as_css(colors), language="css")


def quality_tab(colors, v) -> None:
    st.markdown(t("palette.quality.explain"))
    if card_metrics():
        st.dataframe(state.quality_rows(lang), hide_index=True, width="stretch")
        st.caption(t("palette.quality.anchors"))
        for col, (label, value, words) in zip(st.columns(3), state.quality_metrics(lang)):
            col.metric(label, value, help=words)


st.title(t("palette.heading"))
st.markdown(t("palette.intro"))
with st.expander(t("palette.lecture.title")):
    st.markdown("\n".join(f"- {line}" for line in tl("palette.lecture.points")))

state.apply_parked(ss)
if "pal_colors" not in ss:
    first = ask(suggest, [None] * state.FIRST_SIZE)
    if first is None:
        st.stop()
    state.adopt(ss, first["colors"], ["model"] * state.FIRST_SIZE)
state.take_picks(ss)

c1, c2, c3 = st.columns([1.2, 1.5, 1])
size = c1.select_slider(t("palette.size"), SIZES, key="pal_size")
cvd_safe = c2.toggle(t("palette.cvd_safe"), key="pal_cvd_safe", help=t("palette.cvd_safe_help"))
clicked = c3.button(t("palette.generate"), type="primary", key="pal_generate", width="stretch")
st.caption(t("palette.lock_hint"))
locks = state.wanted(ss, size, clicked)
if locks is not None and (new := ask(suggest, locks, cvd_safe=cvd_safe)):
    state.adopt(ss, new["colors"], state.sources(ss, locks))

colors = ss["pal_colors"][: ss["pal_n"]]
for i, (col, c) in enumerate(zip(st.columns(len(colors)), colors)):
    with col:
        st.markdown(figures.swatch_html(c), unsafe_allow_html=True)
        st.toggle(t("palette.lock"), key=f"pal_lock_{i}")
        st.color_picker(t("palette.pick"), key=f"pal_pick_{i}", label_visibility="collapsed")
        st.caption(t(f"palette.source.{ss['pal_source'][i]}"))

if ss.get("pal_history"):
    with st.expander(t("palette.history")):
        for j, old in enumerate(ss["pal_history"]):
            a, b = st.columns([5, 1])
            a.markdown(figures.strip_html(old, 28), unsafe_allow_html=True)
            if b.button(t("palette.restore"), key=f"pal_restore_{j}"):
                state.park(ss, old, ["you"] * len(old))
                st.rerun()

view = state.view(ss, colors)
for tab, draw in zip(st.tabs([t(f"palette.tab.{k}") for k in TABS]),
                     (photo_tab, harmony_tab, cvd_tab, design_tab, export_tab, quality_tab)):
    with tab:
        draw(colors, view)

st.divider()
st.caption(t("palette.attribution"))
