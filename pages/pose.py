"""Poses: BlazePose's 33 landmarks on a photo, then teach a small network your own poses from them."""
import numpy as np
import streamlit as st

from models.common.images import MAX_FILE_BYTES
from models.pose.figures import skeleton_figure
from models.teachable.figures import confusion_figure, curves_figure, probability_figure
from ui import pose_state as state
from ui.errors import show_failure
from ui.i18n import t, tl
from ui.image_input import decoded, image_input, uploader
from ui.jobs import JobCancelled, cancelled_note, run_job
from ui.page import setup_page
from ui.teach_io import export_button, import_box
from ui.results import remembered
from ui.plots import chart
from ui.sound_state import curve_words

lang = setup_page("pose")
ss = st.session_state
classes: dict = ss.setdefault("pose_classes", {})
seen: set = ss.setdefault("pose_seen", set())


def show_pose(img, pose, key: str, fingerprint) -> None:
    if pose is None:
        st.warning(t("pose.no_person"))
        st.image(img, width=320)
        return
    if pose.people > 1:
        st.info(t("pose.several", n=pose.people))
    fig = remembered("pose_figures", (fingerprint, lang), lambda: skeleton_figure(
        np.asarray(img.convert("RGB")), pose.xy, pose.visibility, state.joint_names(lang)))
    chart(fig, key=key, config={"displayModeBar": False})
    st.caption(t("pose.hover"))


st.title(f"🧍 {t('pose.title')}")
st.caption(t("pose.subtitle"))
st.subheader(t("pose.see.header"))
images = image_input("pose", examples=("person", "astronaut", "dog"))
if images:
    try:
        with st.spinner(t("pose.finding")):
            found = remembered("pose_found", images[0].digest, lambda: (run_job(state.landmarks_job, images[0].image, share=True,
                                                                                  kind="pose"),))[0]
        show_pose(images[0].image, found, "pose_skeleton", images[0].digest)
    except Exception as exc:  # noqa: BLE001 - keep the page alive
        show_failure(exc, "pose.failed")

st.subheader(t("pose.teach.header"))
st.markdown(t("pose.teach.intro"))
with st.expander(t("pose.teach.add"), expanded=len(classes) < 2):
    name = st.text_input(t("pose.teach.class_name"), max_chars=20, key="pose_new_name").strip()
    files = uploader(t("pose.teach.photos"), MAX_FILE_BYTES, type=["jpg", "jpeg", "png", "webp"], accept_multiple_files=True,
                             key=f"pose_add_up_{ss.setdefault('pose_add_n', 0)}")
    snap = st.camera_input(t("pose.teach.camera"), key="pose_add_cam") if st.toggle(
        t("pose.teach.use_camera"), key="pose_cam_on") else None
    todo = [f for f in (files or []) + ([snap] if snap else []) if (name, f.file_id) not in seen]
    if st.button(t("pose.teach.add_button"), disabled=not (name and todo), key="pose_add_btn"):
        if name not in classes and len(classes) >= 6:
            st.error(t("pose.errors.too_many"))
        else:
            try:
                photos = [img.image for f in todo if (img := decoded(f)) is not None]
                feats = run_job(state.features_job, photos, kind="pose")
                classes.setdefault(name, []).extend(f for f in feats if f is not None)
                seen.update((name, f.file_id) for f in todo)
                ss["pose_add_n"] += 1  # a fresh, empty uploader for the next class
                if missing := sum(f is None for f in feats):
                    st.warning(t("pose.errors.no_person_in", n=missing))
            except Exception as exc:  # noqa: BLE001
                show_failure(exc, "pose.failed")
for label, feats in list(classes.items()):
    left, right = st.columns([4, 1])
    left.markdown(t("pose.teach.class_line", name=label, n=len(feats)))
    if right.button(t("pose.teach.remove"), key=f"pose_rm_{label}"):
        del classes[label]
        st.rerun()

epochs = st.slider(t("pose.teach.epochs"), 10, 150, 30, 10, key="pose_epochs")
ready = sum(1 for f in classes.values() if len(f) >= 3) >= 2
if not ready:
    st.info(t("pose.teach.need"))
if st.button(t("pose.teach.train"), type="primary", disabled=not ready, key="pose_train"):
    try:
        taught = run_job(state.teach_job, classes, epochs, size="long", kind="pose", progress=True,
                         preview=lambda h: chart(curves_figure(h, epochs, curve_words(lang)),
                                                 key=f"pose_live_{len(h.loss)}"),
                         progress_text=lambda p: t("pose.teach.epoch", epoch=int(p.done), epochs=int(p.total)))
        ss["pose_result"] = {"taught": taught, "epochs": epochs, "figs": {}}
        ss["pose_model"] = (taught.model, taught.labels)
    except JobCancelled:
        cancelled_note()
    except Exception as exc:  # noqa: BLE001
        show_failure(exc, "pose.failed")

if result := ss.get("pose_result"):
    taught, figs = result["taught"], result["figs"]
    st.success(t("pose.results.done", train=len(taught.train_idx), val=len(taught.val_idx), seconds=taught.seconds,
                 acc=100 * taught.evaluation.accuracy))
    if lang not in figs:
        figs[lang] = (curves_figure(taught.history, result["epochs"], curve_words(lang)),
                      confusion_figure(taught.labels, taught.evaluation.confusion, t("teach.results.true"),
                                       t("teach.results.predicted")))
    chart(figs[lang][0], key="pose_curves")
    st.markdown(f"**{t('pose.results.confusion')}**")
    chart(figs[lang][1], key="pose_confusion")


@st.fragment
def try_it() -> None:
    model, labels = ss["pose_model"]
    st.subheader(t("pose.try.header"))
    shot = image_input("pose_try", examples=("person", "astronaut"), default_source="upload")
    if shot:
        probs, pose = remembered("pose_tries", (model, shot[0].digest),
                                 lambda: run_job(state.predict_job, model, shot[0].image, kind="pose"))
        if probs is None:
            st.warning(t("pose.no_person"))
            return
        st.markdown(t("pose.try.answer", label=labels[int(probs.argmax())], p=100 * float(probs.max())))
        chart(probability_figure(labels, probs.tolist()), key="pose_probs")


if ss.get("pose_model"):
    try_it()
    export_button("pose", result, state.export_job, "poses.keras")
import_box("pose", state.import_job)
with st.expander(t("pose.how.title")):
    st.markdown("\n".join(f"- {step}" for step in tl("pose.how.steps")))  # one element, not one per step
