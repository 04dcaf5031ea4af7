"""Daltonism: generate, lock and regenerate palettes; palette from a photo; harmony; colour-blind checks."""
import streamlit as st

from models.palette import cvd, figures
from models.palette.image_palette import from_image
from models.palette.suggest import MAX_N, MIN_N, suggest
from ui import palette_state as state
from ui.palette_tabs import cvd_tab, export_tab, harmony_tab, quality_tab
from ui.errors import show_failure
from ui.i18n import t, tl
from ui.image_input import image_input
from ui.jobs import JobCancelled, cancelled_note, run_job
from ui.media import shown
from ui.page import setup_page
from ui.plots import chart

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


@st.fragment
def design_tab(colors, v) -> None:
    """"See the design as" reruns only this tab; each preview is built once per view and language."""
    vision = st.segmented_control(t("palette.preview.view_as"), cvd.VISIONS, default="normal", required=True,
                                  format_func=lambda k: t(f"palette.vision.{k}", lang), key="pal_view_as")
    seen = state.simulated(v, colors, vision, ss.get("pal_severity", 1.0))
    card, fig = state.design(v, seen, lang)
    st.markdown(card, unsafe_allow_html=True)
    chart(fig, width="stretch", key="pal_chart", config={"displayModeBar": False})


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
