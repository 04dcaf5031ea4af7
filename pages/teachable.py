"""Teach your own classifier: classes of photos → frozen EfficientNet-Lite0 features → a softmax head."""
import itertools

import streamlit as st

from models.teachable.export import from_bytes
from models.teachable.safe_import import MAX_MODEL_BYTES
from models.teachable.figures import probability_figure
from models.teachable.training import Settings
from ui import teach_state as state
from ui.errors import report_failure
from ui.i18n import josa, t, tl
from ui.image_input import image_input, uploader
from ui.jobs import run_job
from ui.page import setup_page
from ui.plots import chart
from ui.teach_classes import class_editor

lang = setup_page("teach")
ss = st.session_state
classes = state.classes(ss, lang)


def job(fn, *args, **kwargs):
    """`fn` through the scheduler; None, after saying why, when stopped or failed (classes and results stay)."""
    try:
        return run_job(fn, *args, kind="teach", **kwargs)
    except Exception as exc:  # noqa: BLE001 - reported in the visitor's language, never a traceback
        report_failure(exc, "teach")


def train(settings: Settings) -> None:
    """A short job reads every photo through the backbone once; a long one trains the head, curves drawn live."""
    try:
        photos, targets = classes.training_set()
        images, labels = [p.image for p in photos], classes.labels
        run_job(state.features_job, classes.cache, images, targets, settings, kind="teach", progress=True,
                progress_text=lambda p: t("teach.train.features", n=len(images)))
        taught = run_job(state.teach_job, classes.cache, images, targets, labels, settings, size="long", kind="teach",
                         progress=True, preview=lambda history: chart(
                             state.curves(history, settings.epochs, lang), key=f"teach_live_{len(history.loss)}"),
                         progress_text=lambda p: t("teach.train.epoch", epoch=int(p.done), epochs=int(p.total),
                                                   acc=p.info["acc"]))
    except Exception as exc:  # noqa: BLE001 - the classes and photos stay; say what went wrong
        return report_failure(exc, "teach")
    state.keep_trained(ss, taught, photos, classes, settings.epochs)


def show_results(result: dict) -> None:
    taught = result["taught"]
    ev, labels, n_val = taught.evaluation, taught.labels, len(taught.val_idx)
    st.success(t("teach.train.done", train=len(taught.train_idx), val=n_val, seconds=sum(taught.seconds.values())))
    if result["signature"] != classes.signature():
        st.info(t("teach.train.stale"))
    chart(state.figure(result, "curves", lang, lambda: state.curves(taught.history, result["epochs"], lang)),
                    key="teach_curves")
    if taught.overfitting:
        st.warning(t(f"teach.overfit.{taught.overfitting}"))
    st.subheader(t("teach.results.header"))
    left, right = st.columns([1, 2])
    left.metric(t("teach.results.val_accuracy"), f"{ev.accuracy:.0%}", help=t("teach.results.val_help", n=n_val))
    if n_val < 2 * len(labels):
        left.caption(t("teach.results.small_val", n=n_val))
    left.markdown(f"**{t('teach.results.per_class')}**")
    left.dataframe({t("teach.classes.name_label"): labels,
                    t("teach.curves.accuracy"): [f"{a:.0%}" for a in ev.per_class_accuracy]}, hide_index=True)
    right.markdown(f"**{t('teach.results.confusion')}**")
    chart(right, state.figure(result, "confusion", lang, lambda: state.confusion(result, lang)),
                       key="teach_confusion")
    st.markdown(f"**{t('teach.results.misclassified')}**")
    if not ev.misclassified:
        st.caption(t("teach.results.no_mistakes"))
    for col, (i, true, pred, prob) in zip(itertools.cycle(st.columns(6)), ev.misclassified[: state.THUMBS_SHOWN]):
        col.image(result["val_thumbs"][i], width="stretch",
                  caption=t("teach.results.mistake", true=labels[true], pred=labels[pred], prob=prob))


def try_it() -> None:
    st.subheader(t("teach.try.header", n=4 if ss.get("teach_result") else 3))  # 3 · results appear only after training
    if (active := state.active_model(ss)) is None:
        return st.info(t("teach.try.nothing"))
    model, imported = active
    st.caption(t("teach.try.using_imported", labels=", ".join(model.labels)) if imported
               else t("teach.try.using_trained"))
    if imported and ss.get("teach_result"):
        st.button(t("teach.export.use_trained"), key="teach_use_trained", on_click=ss.update,
                  args=({"teach_active": "trained"},))
    st.caption(t("teach.try.help"))
    left, right = st.columns(2)
    with left:
        photos = image_input("teach_try", examples=state.EXAMPLES)
    if not photos or (memo := state.prediction(  # once per model and photo, not on every rerun
            ss, model, photos[0], lambda: job(state.predict_job, model, photos[0].image, imported))) is None:
        return
    probs, labels, (second, first) = memo["probs"], model.labels, sorted(memo["probs"])[-2:]
    left.image(memo["shown"])
    label = labels[int(probs.argmax())]
    right.markdown(t("teach.try.prediction", label=label, ro=josa(label, "으로/로"), prob=float(first)))
    if first - second < 0.2:
        right.caption(t("teach.try.unsure"))
    chart(right, state.figure(memo, "probs", lang, lambda: probability_figure(labels, probs)), key="teach_probs")


def export_import() -> None:
    st.subheader(t("teach.export.header"))
    result = ss.get("teach_result")
    if result and "export" not in result:  # built once per training, then kept with the result
        result["export"] = job(state.export_job, result["taught"])
    if result and result["export"]:
        st.download_button(t("teach.export.download"), result["export"], "teachable_model.keras",
                           "application/octet-stream", key="teach_download", help=t("teach.export.download_help"),
                           on_click="ignore")
    upload = uploader(t("teach.export.import_label"), MAX_MODEL_BYTES, type=["keras"], key="teach_import")
    if upload is None:
        return
    if state.import_once(ss, upload.getvalue(), lambda data: run_job(from_bytes, data, kind="teach")):
        st.rerun()  # the try-it panel above switches to the imported model
    if (error := ss["teach_import_tried"][1]) is not None:
        return report_failure(error, "teach")
    st.success(t("teach.export.imported", labels=", ".join(ss.teach_imported.labels)))


st.title(f"🧑‍🏫 {t('teach.title')}")
st.markdown(t("teach.intro"))
with st.expander(t("teach.lecture.title")):
    st.markdown("\n".join(f"- {p}" for p in tl("teach.lecture.points")))
class_editor(classes, lang)
st.subheader(t("teach.train.header"))
st.caption(t("teach.train.split_note"))
c1, c2, c3, c4 = st.columns(4)
settings = Settings(
    epochs=c1.slider(t("teach.train.epochs"), 1, 100, 20, key="teach_epochs", help=t("teach.train.epochs_help")),
    learning_rate=c2.select_slider(t("teach.train.lr"), (0.0001, 0.0005, 0.001, 0.005, 0.01), 0.001, key="teach_lr",
                                   help=t("teach.train.lr_help")),
    batch_size=c3.select_slider(t("teach.train.batch"), (4, 8, 16, 32, 64), 16, key="teach_batch",
                                help=t("teach.train.batch_help")),
    augment=c4.toggle(t("teach.train.augment"), True, key="teach_augment", help=t("teach.train.augment_help")))
if st.button(t("teach.train.button"), type="primary", key="teach_train"):
    train(settings)
if ss.get("teach_result"):
    show_results(ss.teach_result)
try_it()
export_import()
