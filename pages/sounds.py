"""Teachable sounds: record or upload clips, see the log-mel spectrogram, train a small CNN, try it, export it."""
import hashlib

import streamlit as st

from models.sound.figures import clip_figure
from models.teachable.figures import confusion_figure, curves_figure, probability_figure
from ui import sound_state as state
from ui.errors import show_failure
from ui.i18n import t, tl
from ui.jobs import JobCancelled, cancelled_note, run_job
from ui.page import setup_page
from ui.teach_io import export_button, import_box
from ui.results import remembered
from ui.plots import chart

lang = setup_page("sounds")
ss = st.session_state
classes: dict = ss.setdefault("sounds_classes", {})
seen: set = ss.setdefault("sounds_seen", set())
AUDIO_TYPES = ["wav", "ogg", "mp3", "flac"]


def clip_input(label: str, key: str) -> bytes | None:
    """A recording (microphone) or an uploaded file, as bytes."""
    rec, up = st.columns(2)
    recorded = rec.audio_input(label, key=f"{key}_rec")
    uploaded = up.file_uploader(t("sounds.upload"), type=AUDIO_TYPES, key=f"{key}_up")
    chosen = recorded or uploaded
    return chosen.getvalue() if chosen else None


def say_error(code: str) -> None:
    st.error(t(f"sounds.errors.{code}"))


st.title(f"🔊 {t('sounds.title')}")
st.caption(t("sounds.subtitle"))

st.subheader(t("sounds.listen.header"))
data = clip_input(t("sounds.listen.record"), "sounds_listen")
if data:
    from models.sound.audio import AudioError, read_clip
    try:
        clip, fig = remembered("sounds_listened", (hashlib.sha1(data).hexdigest(), lang),  # once per clip
                               lambda: ((c := read_clip(data)), clip_figure(c.wave, state.words(lang))))
        st.caption(t("sounds.listen.caption", seconds=clip.seconds))
        chart(fig, key="sounds_clip_fig")
        st.caption(t("sounds.listen.what"))
    except AudioError as exc:
        say_error(exc.code)

st.subheader(t("sounds.teach.header"))
st.markdown(t("sounds.teach.intro"))
if st.button(t("sounds.teach.example"), key="sounds_example"):
    ss["sounds_classes"] = classes = run_job(state.example_classes, kind="sounds")
    ss["sounds_is_example"] = True
with st.expander(t("sounds.teach.add"), expanded=len(classes) < 2):
    name = st.text_input(t("sounds.teach.class_name"), max_chars=20, key="sounds_new_name").strip()
    new = clip_input(t("sounds.teach.record"), f"sounds_add_{ss.setdefault('sounds_add_n', 0)}")
    if st.button(t("sounds.teach.add_button"), disabled=not (name and new), key="sounds_add_btn"):
        if name not in classes and len(classes) >= 6:
            say_error("too_many")
        elif err := state.add_clip(classes, name, new, seen):
            say_error(err)
        else:
            ss["sounds_is_example"] = False
            ss["sounds_add_n"] += 1  # fresh, empty inputs for the next clip
for label, waves in list(classes.items()):
    left, right = st.columns([4, 1])
    left.markdown(t("sounds.teach.class_line", name=label, n=len(waves)))
    if right.button(t("sounds.teach.remove"), key=f"sounds_rm_{label}"):
        del classes[label]
        st.rerun()

epochs = st.slider(t("sounds.teach.epochs"), 5, 60, 20, 5, key="sounds_epochs", help=t("sounds.teach.epochs_help"))
ready = sum(1 for w in classes.values() if len(w) >= 3) >= 2
if not ready:
    st.info(t("sounds.teach.need"))
if st.button(t("sounds.teach.train"), type="primary", disabled=not ready, key="sounds_train"):
    try:
        taught = run_job(state.teach_job, classes, epochs, size="long", kind="sounds", progress=True,
                         preview=lambda h: chart(curves_figure(h, epochs, state.curve_words(lang)),
                                                 key=f"sounds_live_{len(h.loss)}"),
                         progress_text=lambda p: t("sounds.teach.epoch", epoch=int(p.done), epochs=int(p.total)))
        test = (run_job(state.test_accuracy_job, taught.model, taught.labels, kind="sounds")
                if ss.get("sounds_is_example") else None)
        ss["sounds_result"] = {"taught": taught, "epochs": epochs, "test": test, "figs": {}}
        ss["sounds_model"] = (taught.model, taught.labels)
    except JobCancelled:
        cancelled_note()
    except Exception as exc:  # noqa: BLE001 - clips stay; say what went wrong
        code = getattr(exc, "code", None)
        say_error(code) if code in ("few", "classes") else show_failure(exc, "sounds.failed")

if result := ss.get("sounds_result"):
    taught, figs = result["taught"], result["figs"]
    st.success(t("sounds.results.done", train=len(taught.train_idx), val=len(taught.val_idx), seconds=taught.seconds,
                 acc=100 * taught.evaluation.accuracy))
    if result["test"] is not None:
        st.markdown(t("sounds.results.test", acc=100 * result["test"], n=len(state.example_test())))
    if lang not in figs:
        figs[lang] = (curves_figure(taught.history, result["epochs"], state.curve_words(lang)),
                      confusion_figure(taught.labels, taught.evaluation.confusion, t("teach.results.true"),
                                       t("teach.results.predicted")))
    chart(figs[lang][0], key="sounds_curves")
    if taught.overfitting:
        st.warning(t(f"teach.overfit.{taught.overfitting}"))
    st.markdown(f"**{t('sounds.results.confusion')}**")
    chart(figs[lang][1], key="sounds_confusion")


@st.fragment
def try_it() -> None:
    model, labels = ss["sounds_model"]
    st.subheader(t("sounds.try.header"))
    clip = clip_input(t("sounds.try.record"), "sounds_try")
    if ss.get("sounds_is_example"):
        tests = state.example_test()
        pick = st.selectbox(t("sounds.try.heldout"), [None] + list(range(len(tests))), key="sounds_try_pick",
                            format_func=lambda i: "—" if i is None else f"{tests[i][0]}")
        clip = clip or (tests[pick][2] if pick is not None else None)
    if clip:
        try:
            probs = remembered("sounds_tries", (model, hashlib.sha1(clip).hexdigest()),
                               lambda: run_job(state.predict_job, model, clip, kind="sounds"))
            st.audio(clip)
            st.markdown(t("sounds.try.answer", label=labels[int(probs.argmax())], p=100 * float(probs.max())))
            chart(probability_figure(labels, probs.tolist()), key="sounds_probs")
        except Exception as exc:  # noqa: BLE001
            say_error(exc.code) if hasattr(exc, "code") else show_failure(exc, "sounds.failed")


if ss.get("sounds_model"):
    try_it()
    export_button("sounds", result, state.export_job, "sounds.keras")
import_box("sounds", state.import_job)
with st.expander(t("sounds.how.title")):
    st.markdown("\n".join(f"- {step}" for step in tl("sounds.how.steps")))  # one element, not one per step
