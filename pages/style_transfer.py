"""Style transfer studio: 26 ready-made styles (Keras port), any painting (onnxruntime), Gatys (VGG16)."""
import time

import plotly.graph_objects as go
import streamlit as st

from models.common.images import png_bytes
from models.common.weights import WeightsError
from ui.i18n import t
from ui.image_input import image_input
from ui.compute import compute_slots
from ui.errors import show_failure
from ui.page import setup_page
from ui.results import keep_newest

lang = setup_page("style")
MODES = ("fast", "arbitrary", "gatys")
FAST_SIDES = (256, 384, 512, 768, 1024)
ARBITRARY_SIDES = (384, 512, 768, 1024)
GATYS_SIDES = (128, 192, 256, 320, 384)
GRID_COLUMNS = 9
KEEP_RESULTS = 6


@st.cache_resource(show_spinner=False)
def multistyle():
    from models.style.multistyle import load_multistyle

    return load_multistyle()


@st.cache_resource(show_spinner=False)
def arbitrary():
    from models.style.arbitrary import load_arbitrary

    return load_arbitrary()


@st.cache_resource(show_spinner=False)
def gatys_model():
    from models.style.gatys import load_gatys

    return load_gatys()


@st.cache_resource(show_spinner=False)
def thumbnails():
    from models.style.thumbnails import style_thumbnails

    return style_thumbnails(multistyle())


def keep(result: dict) -> None:
    """Newest first, a few per session; the download is encoded once, when the result is made."""
    keep_newest("style_results", {**result, "png": png_bytes(result["image"])}, KEEP_RESULTS)


def label(result: dict) -> str:
    p = result["params"]
    text = t(f"style.result.{result['kind']}", **p)
    return text if p.get("strength", 1.0) >= 1.0 else f"{text} · {t('style.result.strength', **p)}"


def show_result(result: dict, key: str) -> None:
    before, after = st.columns(2)
    before.image(result["original"], caption=t("style.result.before"), width="stretch")
    after.image(result["image"], caption=t("style.result.after"), width="stretch")
    w, h = result["image"].size
    st.caption(t("style.result.caption", label=label(result), w=w, h=h, seconds=result["seconds"]))
    st.download_button(t("style.result.download"), result["png"], file_name=f"style_{key}.png",
                       mime="image/png", key=f"style_download_{key}")


def style_name(n: int) -> str:
    """Bound to this run's language (AppTest formats options outside the script run)."""
    return t("style.fast.style_n", lang=lang, n=n)


def pick_style(n: int) -> None:
    st.session_state["style_a"] = n


def gamma_chart(a: int, b: int | None) -> None:
    gamma = multistyle().norm_params()["contract_0_norm"][0]
    fig = go.Figure([go.Bar(y=gamma[s], name=style_name(s)) for s in ([a, b] if b is not None else [a])])
    fig.update_layout(height=220, margin=dict(l=0, r=0, t=10, b=30), barmode="group",
                      xaxis_title=t("style.fast.gamma_axis"), legend=dict(orientation="h"))
    st.plotly_chart(fig, width="stretch", key="style_gamma", config={"displayModeBar": False})
    st.caption(t("style.fast.gamma_caption"))


def fast_mode(content) -> None:
    from models.common.images import fit_within
    from models.style.multistyle import NUM_STYLES, style_weights

    st.markdown(t("style.fast.explain"))
    st.markdown(f"**{t('style.fast.grid_heading')}**")
    with st.spinner(t("style.loading")):
        thumbs = thumbnails()
    chosen = st.session_state.get("style_a", 0)
    for row in range(0, NUM_STYLES, GRID_COLUMNS):
        for col, n in zip(st.columns(GRID_COLUMNS), range(row, min(row + GRID_COLUMNS, NUM_STYLES))):
            col.image(thumbs[n], width="stretch")
            col.button(style_name(n), key=f"style_pick_{n}", on_click=pick_style, args=(n,),
                       type="primary" if n == chosen else "secondary", width="stretch")
    left, right = st.columns(2)
    with left:
        a = st.selectbox(t("style.fast.style_a"), range(NUM_STYLES), key="style_a",
                         format_func=style_name)
        mixing = st.toggle(t("style.fast.mix_on"), key="style_mix_on")
        b = share = None
        if mixing:
            b = st.selectbox(t("style.fast.style_b"), range(NUM_STYLES), index=17, key="style_b",
                             format_func=style_name)
            share = st.slider(t("style.fast.mix"), 0.0, 1.0, 0.5, 0.05, key="style_mix", help=t("style.fast.mix_help"))
        strength = st.slider(t("style.fast.strength"), 0.0, 1.0, 1.0, 0.05, key="style_strength",
                             help=t("style.fast.strength_help"))
        side = st.select_slider(t("style.fast.max_side"), FAST_SIDES, value=512, key="style_max_side")
    with right:
        gamma_chart(a, b)
    if st.button(t("style.fast.run"), type="primary", key="style_run_fast", disabled=content is None):
        try:
            start = time.perf_counter()
            with compute_slots("style", 2):
                image = multistyle().stylise(content, style_weights(a, b, share or 0.0), side, strength)
            params = {"a": a, "strength": strength} | ({"b": b, "share": share} if b is not None else {})
            keep({"kind": "mix" if b is not None else "fast", "params": params, "image": image,
                  "original": fit_within(content, side), "seconds": time.perf_counter() - start})
        except Exception as exc:  # noqa: BLE001 - shown to the user, earlier results kept
            show_failure(exc, "style.failed")


def arbitrary_mode(content, painting) -> None:
    from models.common.images import fit_within
    from models.style.arbitrary import STYLE_SIDE
    from models.style.imaging import centre_square

    st.markdown(t("style.arbitrary.explain"))
    strength = st.slider(t("style.arbitrary.strength"), 0.0, 1.0, 1.0, 0.05, key="style_arb_strength",
                         help=t("style.arbitrary.strength_help"))
    side = st.select_slider(t("style.arbitrary.max_side"), ARBITRARY_SIDES, value=768, key="style_arb_side")
    if painting is not None:
        st.image(centre_square(painting.image, STYLE_SIDE), caption=t("style.arbitrary.preview"), width=160)
    if st.button(t("style.arbitrary.run"), type="primary", key="style_run_arbitrary",
                 disabled=content is None or painting is None):
        try:
            start = time.perf_counter()
            with compute_slots("style", 2):
                image = arbitrary().stylise(content, painting.image, strength, side)
            keep({"kind": "arbitrary", "params": {"name": painting.name, "strength": strength}, "image": image,
                  "original": fit_within(content, side), "seconds": time.perf_counter() - start})
        except Exception as exc:  # noqa: BLE001
            show_failure(exc, "style.failed")


def gatys_mode(content, painting) -> None:
    """Steps run inside the script; the job lives in session_state, so a Stop click (or any other
    widget) interrupts the run between steps and nothing painted so far is lost."""
    from models.style.gatys import GatysJob

    st.markdown(t("style.gatys.explain"))
    steps = st.slider(t("style.gatys.steps"), 10, 300, 80, 10, key="style_gatys_steps")
    side = st.select_slider(t("style.gatys.max_side"), GATYS_SIDES, value=256, key="style_gatys_side",
                            help=t("style.gatys.max_side_help"))
    strength = st.slider(t("style.fast.strength"), 0.0, 1.0, 1.0, 0.05, key="style_gatys_strength",
                         help=t("style.fast.strength_help"))
    start_col, stop_col = st.columns(2)
    start = start_col.button(t("style.gatys.start"), type="primary", key="style_gatys_start",
                             disabled=content is None or painting is None, width="stretch")
    stop = stop_col.button(t("style.gatys.stop"), key="style_gatys_stop", width="stretch")
    run = st.session_state.get("style_gatys_run")
    if start:
        try:
            with st.spinner(t("style.gatys.loading")):
                job = GatysJob(gatys_model(), content, painting.image, max_side=side)
            run = {"job": job, "total": steps, "name": painting.name, "strength": strength, "seconds": 0.0,
                   "state": "running"}
            st.session_state["style_gatys_run"] = run
        except Exception as exc:  # noqa: BLE001
            show_failure(exc, "style.failed")
            return
    if run is None:
        return
    if stop and run["state"] == "running":
        run["state"] = "stopped"
        finish(run)
    if run["state"] == "running":
        paint_steps(run)
    if run["state"] == "stopped":
        st.info(t("style.gatys.stopped", step=run["job"].steps_done))
    loss_chart(run["job"].history)


def paint_steps(run: dict) -> None:
    job = run["job"]
    st.caption(t("style.gatys.running"))
    bar, live = st.progress(0.0), st.empty()
    while job.steps_done < run["total"]:
        started = time.perf_counter()
        with compute_slots("style", 2):
            rec = job.step()
        run["seconds"] += time.perf_counter() - started
        bar.progress(rec["step"] / run["total"], text=t("style.gatys.progress", step=rec["step"],
                                                          total=run["total"], loss=rec["loss"]))
        if rec["step"] % 5 == 0 or rec["step"] == 1:
            live.image(job.image(), width=min(512, job.content.width * 2))
    live.empty()
    run["state"] = "done"
    finish(run)


def finish(run: dict) -> None:
    from models.style.imaging import blend

    job = run["job"]
    if job.steps_done == 0:
        return
    keep({"kind": "gatys", "params": {"name": run["name"], "steps": job.steps_done, "strength": run["strength"]},
          "image": blend(job.content, job.image(), run["strength"]), "original": job.content,
          "seconds": run["seconds"]})


def loss_chart(history: list[dict]) -> None:
    if len(history) < 2:
        return
    steps = [h["step"] for h in history]
    fig = go.Figure([go.Scatter(x=steps, y=[h[k] for h in history], name=t(f"style.gatys.loss_{k}"))
                     for k in ("style", "content")])
    fig.update_layout(height=220, margin=dict(l=0, r=0, t=30, b=30), title=t("style.gatys.loss_heading"),
                      legend=dict(orientation="h"))
    st.plotly_chart(fig, width="stretch", key="style_gatys_loss", config={"displayModeBar": False})


st.title(t("style.title"))
st.markdown(t("style.intro"))
with st.expander(t("style.lecture.heading")):
    st.markdown(t("style.lecture.body"))

images = image_input("style_content", examples=("chelsea", "dog", "horses", "astronaut", "coffee"),
                     label=t("style.content_label"))
content = images[0].image if images else None
mode = st.segmented_control(t("style.mode.label"), MODES, format_func=lambda m: t(f"style.mode.{m}", lang=lang),
                            default="fast", required=True, key="style_mode")
painting = None
if mode != "fast":
    paintings = image_input("style_painting", examples=("scream",), label=t("style.painting_label"))
    painting = paintings[0] if paintings else None
if content is None:
    st.info(t("style.no_content"))
elif mode != "fast" and painting is None:
    st.info(t("style.no_painting"))

try:
    {"fast": lambda: fast_mode(content), "arbitrary": lambda: arbitrary_mode(content, painting),
     "gatys": lambda: gatys_mode(content, painting)}[mode]()
except WeightsError as exc:
    show_failure(exc, "style.failed")

results = st.session_state.get("style_results", [])
if results:
    st.subheader(t("style.result.heading"))
    show_result(results[0], "latest")
    if len(results) > 1:
        with st.expander(t("style.result.history")):
            for i, old in enumerate(results[1:], start=1):
                show_result(old, f"old{i}")
