"""GAN studio: make a conditional GAN draw, replay its training, play real-or-fake, train a 2-D GAN live."""

import streamlit as st

from models.gan.data import CLASSES, DATASETS
from models.gan.figures import losses, toy_frame
from models.gan.toy import SHAPES
from ui.errors import show_failure
from ui.gan_state import (card_numbers, history, quiz_job, quiz_score, samples_job, snapshot_picture, toy_job,
                          walk_job)
from ui.i18n import t
from ui.jobs import JobCancelled, cancelled_note, run_job
from ui.page import setup_page
from ui.results import remembered
from ui.plots import chart

lang = setup_page("gan")
st.title(f"🎭 {t('gan.title')}")
st.markdown(t("gan.intro"))
dataset = st.segmented_control(t("gan.dataset"), DATASETS, default="digits", required=True, key="gan_dataset",
                               format_func=lambda d: t(f"gan.datasets.{d}", lang=lang))
name = {i: t(f"gan.classes.{dataset}.{c}", lang=lang) for i, c in enumerate(CLASSES[dataset])}
loss_words = {k: t(f"gan.loss.{k}") for k in ("g", "d", "acc", "loss")}


def job(fn, *args, **kwargs):
    """A short model call through the scheduler; None (and a message) when it fails."""
    try:
        return run_job(fn, *args, kind="gan", **kwargs)
    except Exception as exc:  # noqa: BLE001 - shown to the student, page keeps working
        show_failure(exc, "gan.failed")


@st.fragment
def draw_section() -> None:
    left, right = st.columns([1, 2])
    with left:
        label = st.selectbox(t("gan.draw.label"), list(name), format_func=name.get, index=7, key=f"gan_label_{dataset}")
        seed = st.number_input(t("gan.draw.seed"), 0, 9999, 1, key="gan_seed", help=t("gan.draw.seed_help"))
        n = st.select_slider(t("gan.draw.n"), (4, 8, 16, 32), value=16, key="gan_n")
    with right:
        grid = remembered("gan_grids", (dataset, label, n, int(seed)), lambda: job(samples_job, dataset, label, n, int(seed)))
        if grid:
            st.image(grid, caption=t("gan.draw.caption", n=n, label=name[label], seed=int(seed)))
    st.subheader(t("gan.walk.heading"))
    a_col, b_col = st.columns(2)
    a = a_col.selectbox(t("gan.walk.from"), list(name), format_func=name.get, index=3, key=f"gan_from_{dataset}")
    b = b_col.selectbox(t("gan.walk.to"), list(name), format_func=name.get, index=8, key=f"gan_to_{dataset}")
    frames = remembered("gan_walks", (dataset, a, b, int(seed)), lambda: job(walk_job, dataset, a, b, int(seed), int(seed) + 1, 11))
    if frames:
        step = st.slider(t("gan.walk.slider"), 0, len(frames) - 1, 0, key="gan_walk_step", help=t("gan.walk.help"))
        st.image(frames[step], width=224, caption=t("gan.walk.caption", share=step / (len(frames) - 1),
                                                    a=name[a], b=name[b]))


@st.fragment
def learn_section() -> None:
    st.markdown(t("gan.learn.game"))
    snaps, log = history(dataset)
    count = len(snaps["steps"])
    index = st.select_slider(t("gan.learn.slider"), list(range(count)), value=count - 1, key=f"gan_snap_{dataset}",
                             format_func=lambda i: t("gan.learn.when", epoch=float(snaps["epochs"][i]), step=int(snaps["steps"][i])))
    pic, curves = st.columns([1, 1])
    pic.image(snapshot_picture(dataset, index), caption=t("gan.learn.caption"))
    fig = losses(log["history"], loss_words | {"x": t("gan.loss.x")})
    fig.add_vline(x=int(snaps["steps"][index]), line_dash="dash", line_color="#444")
    chart(curves, fig, key=f"gan_losses_{dataset}_{index}")
    st.caption(t("gan.learn.note", steps=log["steps"], epochs=log["epochs"], minutes=log["seconds"] / 60))


@st.fragment
def quiz_section() -> None:
    st.markdown(t("gan.quiz.intro"))
    if st.button(t("gan.quiz.new"), icon="🎲", key="gan_quiz_new"):
        seed = st.session_state.get("gan_quiz_seed", 0) + 1
        items = job(quiz_job, dataset, seed)
        if items:
            st.session_state.update(gan_quiz_seed=seed, gan_quiz={"items": items, "guesses": {}, "revealed": False})
    round_ = st.session_state.get("gan_quiz")
    if not round_:
        return st.info(t("gan.quiz.empty"))
    cols = st.columns(4)
    for i, item in enumerate(round_["items"]):
        with cols[i % 4]:
            st.image(item["shown"], width=140)
            round_["guesses"][i] = st.segmented_control(
                t("gan.quiz.guess", n=i + 1), ("real", "fake"), key=f"gan_guess_{st.session_state['gan_quiz_seed']}_{i}",
                format_func=lambda g: t(f"gan.quiz.{g}"), disabled=round_["revealed"])
            if round_["revealed"]:
                truth = t("gan.quiz.real" if item["real"] else "gan.quiz.fake")
                critic = t("gan.quiz.real" if item["critic_says_real"] else "gan.quiz.fake")
                st.markdown(t("gan.quiz.truth", truth=truth, critic=critic, p=item["critic_real"], cut=item["cut"]))
    if not round_["revealed"]:
        st.button(t("gan.quiz.reveal"), type="primary", key="gan_quiz_reveal", on_click=round_.update, kwargs={"revealed": True})
    if round_["revealed"]:
        you, critic, total = quiz_score(round_)
        st.success(t("gan.quiz.score", you=you, critic=critic, total=total))
        st.caption(t("gan.quiz.cut_note"))


@st.fragment
def toy_section() -> None:
    st.markdown(t("gan.toy.intro"))
    c1, c2, c3 = st.columns([3, 2, 1])
    shape = c1.segmented_control(t("gan.toy.shape"), list(SHAPES), default="ring", required=True, key="gan_toy_shape",
                                 format_func=lambda s: t(f"gan.toy.shapes.{s}", lang=lang))
    steps = c2.select_slider(t("gan.toy.steps"), (500, 1000, 2000, 3000), value=2000, key="gan_toy_steps")
    seed = c3.number_input(t("gan.toy.seed"), 0, 999, 0, key="gan_toy_seed")
    words = {"real": t("gan.toy.real"), "fake": t("gan.toy.fake"), "map": t("gan.toy.map")}
    if st.button(t("gan.toy.train"), icon="▶️", type="primary", key="gan_toy_train"):
        try:
            result = run_job(toy_job, shape, steps, int(seed), size="long", kind="gan", progress=True,
                             progress_text=lambda p: t("gan.toy.progress", done=int(p.done), total=int(p.total)),
                             preview=lambda f: chart(toy_frame(f, words | {"title": t("gan.toy.step", step=f.step)})))
            st.session_state["gan_toy"] = result
        except JobCancelled:
            cancelled_note()
        except Exception as exc:  # noqa: BLE001
            show_failure(exc, "gan.failed")
    result = st.session_state.get("gan_toy")
    if result is None:
        return st.info(t("gan.toy.empty"))
    shown_at = st.select_slider(t("gan.toy.replay"), list(range(len(result.frames))), value=len(result.frames) - 1,
                                key="gan_toy_frame", format_func=lambda i: str(result.frames[i].step))
    frame = result.frames[shown_at]
    left, right = st.columns(2)
    chart(left, toy_frame(frame, words | {"title": t("gan.toy.step", step=frame.step)}), key=f"gan_toy_map_{shown_at}")
    chart(right, losses(result.history, loss_words | {"x": t("gan.loss.x")}), key="gan_toy_losses")
    verdict = "collapse" if result.collapsed else "covered"
    text = t(f"gan.toy.{verdict}", covered=result.covered, modes=result.modes, acc=result.critic_accuracy)
    (st.warning if result.collapsed else st.success)(text)


draw_tab, learn_tab, quiz_tab, toy_tab = st.tabs([t(f"gan.tabs.{k}") for k in ("draw", "learn", "quiz", "toy")])
with draw_tab:
    draw_section()
with learn_tab:
    learn_section()
with quiz_tab:
    quiz_section()
with toy_tab:
    toy_section()
with st.expander(t("gan.quality.title")):
    st.markdown(t("gan.quality.body", **card_numbers(dataset)))
