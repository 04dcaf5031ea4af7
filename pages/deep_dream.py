"""Deep Dream studio: pick a network and the layers to amplify, watch every step, compare, download."""

import streamlit as st

from models.common.images import png_bytes
from models.dream.algorithm import HARD_MAX_SIZE, DreamSettings
from models.dream.backbones import BACKBONES
from models.dream.compare import wipe
from ui.errors import show_failure
from ui.i18n import t
from ui.image_input import image_input
from ui.jobs import JobCancelled, cancelled_note, load_once, run_job
from ui.media import shown
from ui.page import setup_page
from ui.results import keep_newest
from ui.scheduler import on_download

lang = setup_page("dream")
SIDES = tuple(s for s in (256, 384, 512, 768, 1024) if s <= HARD_MAX_SIZE)
KEEP_RESULTS = 4
PREVIEW_EVERY = 5  # steps between two pictures of the dream growing


@load_once
def backbone_model(key: str):
    from models.dream.algorithm import load_model

    return load_model(key)


@load_once
def dreamer(key: str, preset: str):
    from models.dream.algorithm import build_dreamer

    return build_dreamer(key, preset, model=backbone_model(key))


def dream_job(image, settings: DreamSettings, progress):
    """Runs in a scheduler worker: load (once per process), then dream with previews."""
    return dreamer(settings.backbone, settings.preset).dream(image, settings, progress, preview_every=PREVIEW_EVERY)


def keep(result: dict) -> None:
    """Encode the display-size pictures once, when the result is made; the PNG when it is downloaded."""
    keep_newest("dream_results", {**result, "png": on_download(png_bytes, result["image"], kind="dream"),
                                  "shown": shown(result["image"]), "shown_original": shown(result["original"])},
                KEEP_RESULTS)


def controls() -> DreamSettings:
    left, right = st.columns(2)
    with left:
        backbone = st.segmented_control(
            t("dream.controls.backbone"), list(BACKBONES), default="mobilenet", required=True,
            format_func=lambda k: t(f"dream.backbone.{k}.name", lang=lang), key="dream_backbone")
        st.caption(t(f"dream.backbone.{backbone}.help"))
        presets = list(BACKBONES[backbone].presets)
        preset = st.radio(
            t("dream.controls.preset"), presets, key=f"dream_preset_{backbone}",
            format_func=lambda p: t(f"dream.preset.{backbone}.{p}.name", lang=lang),
            captions=[t(f"dream.preset.{backbone}.{p}.what") for p in presets])
    with right:
        steps = st.slider(t("dream.controls.steps"), 1, 40, 10, key="dream_steps", help=t("dream.controls.steps_help"))
        octaves = st.slider(t("dream.controls.octaves"), 1, 5, 3, key="dream_octaves",
                            help=t("dream.controls.octaves_help"))
        scale = st.slider(t("dream.controls.octave_scale"), 1.2, 1.8, 1.4, 0.05, key="dream_scale",
                          help=t("dream.controls.octave_scale_help"))
        strength = st.slider(t("dream.controls.strength"), 0.2, 3.0, 1.0, 0.1, key="dream_strength",
                             help=t("dream.controls.strength_help"))
        side = st.select_slider(t("dream.controls.max_size"), SIDES, value=512, key="dream_max_size",
                                help=t("dream.controls.max_size_help", cap=HARD_MAX_SIZE))
    return DreamSettings(backbone, preset, steps, octaves, scale, strength, side)


def run_dream(photo, settings: DreamSettings) -> None:
    try:
        result = run_job(dream_job, photo.image, settings, size="long", kind="dream", progress=True, share=True,
                         progress_text=lambda p: t("dream.run.progress", done=int(p.done), total=int(p.total)),
                         preview=lambda img: st.image(shown(img, 640), caption=t("dream.run.preview")))
    except JobCancelled:
        cancelled_note()
        return
    except Exception as exc:  # noqa: BLE001 - keep the page and earlier results alive
        show_failure(exc, "dream.failed")
        return
    keep({"image": result.image, "original": result.original, "name": photo.name,
          "settings": result.settings, "seconds": result.seconds, "octaves": len(result.octave_sizes)})


def describe(result: dict) -> str:
    s: DreamSettings = result["settings"]
    w, h = result["image"].size
    return t("dream.result.caption", backbone=t(f"dream.backbone.{s.backbone}.name"),
             preset=t(f"dream.preset.{s.backbone}.{s.preset}.name"), octaves=result["octaves"],
             steps=s.steps, strength=s.strength, w=w, h=h, seconds=result["seconds"])


@st.fragment
def wipe_view(result: dict) -> None:
    """The wipe slider reruns only this part of the page."""
    fraction = st.slider(t("dream.result.wipe"), 0, 100, 50, key="dream_wipe", help=t("dream.result.wipe_help"))
    if result.get("wipe", (None,))[0] != fraction:  # made again only when the slider moved: one kept per result
        result["wipe"] = (fraction, shown(wipe(result["original"], result["image"], fraction / 100)))
    st.image(result["wipe"][1], width="stretch")


def show_latest(result: dict) -> None:
    st.subheader(t("dream.result.heading"))
    before, after = st.columns(2)
    before.image(result["shown_original"], caption=t("dream.result.before"), width="stretch")
    after.image(result["shown"], caption=t("dream.result.after"), width="stretch")
    wipe_view(result)
    st.caption(describe(result))
    stem = result["name"].rsplit(".", 1)[0]
    st.download_button(t("dream.result.download"), result["png"], file_name=f"dream_{stem}.png",
                       mime="image/png", key="dream_download", type="primary")


def show_history(results: list[dict]) -> None:
    with st.expander(t("dream.result.history", n=len(results))):
        for col, (i, r) in zip(st.columns(len(results)), enumerate(results)):
            col.image(r["shown"], caption=describe(r), width="stretch")
            col.download_button(t("dream.result.download"), r["png"], file_name=f"dream_{i}.png",
                                mime="image/png", key=f"dream_download_{i}")


st.title(t("dream.title"))
st.markdown(t("dream.intro"))
with st.expander(t("dream.lecture.heading")):
    st.markdown(t("dream.lecture.body"))

photos = image_input("dream", examples=("chelsea", "dog", "eagle", "giraffe", "horses", "astronaut"))
settings = controls()
if not photos:
    st.info(t("dream.no_photo"))
elif st.button(t("dream.run.button"), type="primary", key="dream_run"):
    run_dream(photos[0], settings)

results = st.session_state.get("dream_results", [])
if results:
    show_latest(results[0])
if len(results) > 1:
    show_history(results[1:])
st.caption(t("dream.credits"))
