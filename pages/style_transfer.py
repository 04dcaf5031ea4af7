"""Style transfer studio: 26 ready-made styles (Keras port), any painting (onnxruntime), Gatys (VGG16)."""
import streamlit as st

from models.style.figures import gamma_figure, loss_figure
from models.style.multistyle import NUM_STYLES
from ui import style_state as state
from ui.i18n import t
from ui.image_input import image_input
from ui.jobs import start_job, try_job
from ui.page import setup_page
from ui.plots import chart
from ui.results import keep_newest

lang = setup_page("style")
MODES = ("fast", "arbitrary", "gatys")
KEEP_RESULTS = 6
CHART = {"width": "stretch", "config": {"displayModeBar": False}}


def style_name(n: int) -> str:  # bound to this run's language (AppTest formats options outside the run)
    return t("style.fast.style_n", lang=lang, n=n, name=t(f"style.names.{n}", lang=lang))


def pick_style() -> None:
    """A number pressed under the pictures chooses that style (pressing the lit one again keeps it)."""
    if st.session_state["style_pick"] is not None:
        st.session_state["style_a"] = st.session_state["style_pick"]


def keep(result: dict | None) -> None:
    """Newest first, a few per session; the pictures came back encoded once, with the result."""
    if result is not None:
        keep_newest("style_results", result, KEEP_RESULTS)


def fast_mode(content, _painting=None) -> None:
    st.markdown(t("style.fast.explain"))
    overview = state.ready_overview()  # made once per process: no job, no encoding on reruns
    if overview is None:
        with st.spinner(t("style.loading")):
            if (overview := try_job(state.overview, kind="style")) is None:
                return
    grid = st.container(key="style_grid")  # hidden on phones (ui/page.py): the dropdown below picks the style
    grid.markdown(f"**{t('style.fast.grid_heading')}**")  # the 26 pictures and their numbers: two elements, not 56
    grid.image(list(overview.thumbnails), width=state.thumb_width(st.session_state.get("present", False)),
               caption=[t("style.fast.thumb", n=n, short=t(f"style.short.{n}")) for n in range(NUM_STYLES)])
    st.session_state["style_pick"] = st.session_state.get("style_a", 0)  # the number lit is the style chosen
    grid.pills(t("style.fast.pick_label"), range(NUM_STYLES), key="style_pick", on_change=pick_style,
               format_func=lambda n: t("style.fast.pick", lang=lang, n=n))
    grid.caption(t("style.fast.names_note"))
    left, right = st.columns(2)
    request = lambda: state.fast_request(content, st.session_state)  # noqa: E731 - read when called
    with left:
        a = st.selectbox(t("style.fast.style_a"), range(NUM_STYLES), key="style_a", format_func=style_name)
        b = None  # the job reads every setting from the session (`request`), as the button's on_click does
        if st.toggle(t("style.fast.mix_on"), key="style_mix_on"):
            b = st.selectbox(t("style.fast.style_b"), range(NUM_STYLES), index=17, key="style_b",
                             format_func=style_name)
            st.slider(t("style.fast.mix"), 0.0, 1.0, 0.5, 0.05, key="style_mix", help=t("style.fast.mix_help"))
        st.slider(t("style.fast.strength"), 0.0, 1.0, 1.0, 0.05, key="style_strength", help=t("style.fast.strength_help"))
        st.select_slider(t("style.fast.max_side"), state.SIDES["fast"], value=512, key="style_max_side")
        clicked = st.button(t("style.fast.run"), type="primary", key="style_run_fast", disabled=content is None,
                            on_click=lambda: start_job(state.fast_job, *request(), kind="style"))  # works while we draw
    with right:  # after the button: on a phone the columns stack and the chart comes below it
        styles = [a] if b is None else [a, b]
        chart(gamma_figure(overview.gamma, styles, [style_name(s) for s in styles],
                                     t("style.fast.gamma_axis")), key="style_gamma", **CHART)
        st.caption(t("style.fast.gamma_caption"))
    if clicked:
        keep(try_job(state.fast_job, *request(), kind="style", share=True))


def arbitrary_mode(content, painting) -> None:
    st.markdown(t("style.arbitrary.explain"))
    strength = st.slider(t("style.arbitrary.strength"), 0.0, 1.0, 1.0, 0.05, key="style_arb_strength",
                         help=t("style.arbitrary.strength_help"))
    side = st.select_slider(t("style.arbitrary.max_side"), state.SIDES["arbitrary"], value=768, key="style_arb_side")
    if painting is not None:
        st.image(state.square_preview(painting), caption=t("style.arbitrary.preview"), width=160)
    if st.button(t("style.arbitrary.run"), type="primary", key="style_run_arbitrary",
                 disabled=content is None or painting is None):
        keep(try_job(state.arbitrary_job, content, painting.image, painting.name, strength, side, kind="style", share=True))


def gatys_mode(content, painting) -> None:
    """A long job with a picture every few steps; its Stop (or any other click) keeps what is painted."""
    st.markdown(t("style.gatys.explain"))
    steps = st.slider(t("style.gatys.steps"), 10, 300, 80, 10, key="style_gatys_steps")
    side = st.select_slider(t("style.gatys.max_side"), state.SIDES["gatys"], value=256, key="style_gatys_side",
                            help=t("style.gatys.max_side_help"))
    strength = st.slider(t("style.fast.strength"), 0.0, 1.0, 1.0, 0.05, key="style_gatys_strength",
                         help=t("style.fast.strength_help"))
    run = st.session_state.get("style_gatys_run")
    if st.button(t("style.gatys.start"), type="primary", key="style_gatys_start",
                 disabled=content is None or painting is None):
        run = st.session_state["style_gatys_run"] = state.GatysRun(steps, painting.name, strength)
        try_job(run.paint, content, painting.image, side, kind="style", size="long", progress=True,
            progress_text=lambda p: t("style.gatys.progress", step=int(p.done), total=int(p.total),
                                      loss=p.info["loss"]),
            preview=lambda jpeg: st.image(jpeg, caption=t("style.gatys.running"), width=run.preview_width))
        keep(run.close())
    if run is not None and run.state == "stopped" and run.steps_done:
        st.info(t("style.gatys.stopped", step=run.steps_done))
    elif run is not None and run.state == "done":  # the last preview above says "while painting": say it ended
        st.success(t("style.gatys.done", step=run.steps_done))
    if run is not None and len(run.history) >= 2:
        names = {k: t(f"style.gatys.loss_{k}") for k in ("style", "content")}
        chart(loss_figure(run.history, names, t("style.gatys.loss_heading")), key="style_gatys_loss", **CHART)


def show_result(result: dict, key: str) -> None:
    before, after = st.columns(2)
    before.image(result["shown_original"], caption=t("style.result.before"), width="stretch")
    after.image(result["shown"], caption=t("style.result.after"), width="stretch")
    w, h = result["image"].size
    st.caption(t("style.result.caption", label=state.label(result, t), w=w, h=h, seconds=result["seconds"]))
    st.download_button(t("style.result.download"), result["png"], file_name=f"style_{key}.png",
                       mime="image/png", key=f"style_download_{key}")


st.title(t("style.title"))
st.markdown(t("style.intro"))
with st.expander(t("style.lecture.heading")):
    st.markdown(t("style.lecture.body"))

if (unfinished := st.session_state.get("style_gatys_run")) and not unfinished.closed:
    keep(unfinished.settle().close())  # Stop (or any other click) interrupted the page while it painted

images = image_input("style_content", examples=("chelsea", "dog", "horses", "astronaut", "coffee"),
                     label=t("style.content_label"))
content = images[0].image if images else None
mode = st.segmented_control(t("style.mode.label"), MODES, format_func=lambda m: t(f"style.mode.{m}", lang=lang),
                            default="fast", required=True, key="style_mode")
paintings = [] if mode == "fast" else image_input("style_painting", examples=("scream",),
                                                  label=t("style.painting_label"))
painting = paintings[0] if paintings else None
if content is None:
    st.info(t("style.no_content"))
elif mode != "fast" and painting is None:
    st.info(t("style.no_painting"))
{"fast": fast_mode, "arbitrary": arbitrary_mode, "gatys": gatys_mode}[mode](content, painting)

results = st.session_state.get("style_results", [])
if results:
    st.subheader(t("style.result.heading"))
    show_result(results[0], "latest")
    if len(results) > 1:
        with st.expander(t("style.result.history")):
            for i, old in enumerate(results[1:], start=1):
                show_result(old, f"old{i}")
