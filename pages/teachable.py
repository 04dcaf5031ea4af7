"""Teach your own classifier: classes of photos → frozen EfficientNet-Lite0 features → a softmax head."""
import streamlit as st

from ui.compute import compute_slots
from ui.errors import show_failure
from ui.page import setup_page

lang = setup_page("teach")

import hashlib  # noqa: E402

import plotly.graph_objects as go  # noqa: E402
from plotly.subplots import make_subplots  # noqa: E402

from models.common.images import fit_within  # noqa: E402
from models.common.weights import WeightsError  # noqa: E402
from models.teachable.dataset import MAX_CLASSES, TeachError, check_classes  # noqa: E402
from models.teachable.features import FeatureCache, image_key  # noqa: E402
from models.teachable.training import History, Settings  # noqa: E402
from ui.i18n import t, tl  # noqa: E402
from ui.image_input import image_digest, image_input  # noqa: E402

EXAMPLES = ("chelsea", "coffee", "astronaut", "rocket", "dog", "person", "eagle", "giraffe", "horses", "kite", "scream")
STORE_SIDE, THUMB_SIDE, THUMBS_SHOWN = 384, 160, 12  # 384: enough for the 224 crop, small in memory
EPOCH_CHOICES, LR_CHOICES, BATCH_CHOICES = (1, 100), (0.0001, 0.0005, 0.001, 0.005, 0.01), (4, 8, 16, 32, 64)
ss = st.session_state


@st.cache_resource(show_spinner=False)
def embedder():
    """The frozen backbone, once per process (shared by every visitor)."""
    from models.teachable.features import load_embedder

    return load_embedder()


def error(exc: TeachError) -> None:
    st.error(t(f"teach.errors.{exc.code}", **exc.fmt))


# ---------- state: classes of photos (kept across reruns and errors) ----------
def new_class(n: int) -> dict:
    return {"id": n, "name": t("teach.classes.default_name", n=n), "photos": {}}


if "teach_classes" not in ss:
    ss.teach_classes = [new_class(1), new_class(2)]
    ss.teach_next_id = 3
    ss.teach_cache = FeatureCache()


def add_photos(cls: dict, images) -> tuple[int, int]:
    """Add PIL photos to a class; the same photo twice is kept once."""
    added = 0
    for img in images:
        key = image_key(img)
        if key not in cls["photos"]:
            stored = fit_within(img, STORE_SIDE)
            cls["photos"][key] = {"image": stored, "thumb": fit_within(stored, THUMB_SIDE)}
            added += 1
    return added, len(images) - added


def remove_photo(cid: int, key: str) -> None:
    for cls in ss.teach_classes:
        if cls["id"] == cid:
            cls["photos"].pop(key, None)
    ss.teach_cache.forget({k for c in ss.teach_classes for k in c["photos"]})


def add_class() -> None:
    ss.teach_classes.append(new_class(ss.teach_next_id))
    ss.teach_next_id += 1


def load_sample() -> None:
    """One click for a classroom demo: cat vs coffee, 12 package-shipped photos each."""
    from models.teachable.samples import sample_classes

    ss.teach_classes = []
    for name, photos in sample_classes(("cat", "coffee"), 12).items():
        add_class()
        ss.teach_classes[-1]["name"] = t(f"teach.classes.sample_{name}")
        add_photos(ss.teach_classes[-1], photos)


def delete_class(cid: int) -> None:
    ss.teach_classes = [c for c in ss.teach_classes if c["id"] != cid]


def signature() -> tuple:
    return tuple((c["name"].strip(), tuple(c["photos"])) for c in ss.teach_classes)


def class_card(cls: dict) -> None:
    cid = cls["id"]
    with st.container(border=True):
        cls["name"] = st.text_input(t("teach.classes.name_label"), value=cls["name"], key=f"teach_name_{cid}",
                                    max_chars=40)
        st.caption(t("teach.classes.count", n=len(cls["photos"])))
        images = image_input(f"teach_add_{cid}", examples=EXAMPLES, multiple=True)
        if st.button(t("teach.classes.add_button", n=len(images), name=cls["name"]), key=f"teach_addbtn_{cid}",
                     disabled=not images, type="primary"):
            added, dup = add_photos(cls, [im.image for im in images])
            st.toast(t("teach.classes.added", n=added))
            if dup:
                st.info(t("teach.classes.duplicates", n=dup))
            st.rerun()
        photos = list(cls["photos"].items())
        if not photos:
            st.caption(t("teach.classes.empty"))
        cols = st.columns(4)
        for i, (key, photo) in enumerate(photos[:THUMBS_SHOWN]):
            with cols[i % 4]:
                st.image(photo["thumb"], width="stretch")
                st.button("✕", key=f"teach_rm_{cid}_{key[:12]}", help=t("teach.classes.remove_image"),
                          on_click=remove_photo, args=(cid, key))
        if len(photos) > THUMBS_SHOWN:
            st.caption(t("teach.classes.more_photos", n=len(photos) - THUMBS_SHOWN))
        st.button(t("teach.classes.remove_class"), key=f"teach_del_{cid}", on_click=delete_class, args=(cid,))


# ---------- charts ----------
def curves_figure(history: History, epochs: int) -> go.Figure:
    fig = make_subplots(1, 2, subplot_titles=(t("teach.curves.loss"), t("teach.curves.accuracy")))
    x = list(range(1, len(history.loss) + 1))
    for col, (train, val) in enumerate(((history.loss, history.val_loss),
                                        (history.accuracy, history.val_accuracy)), start=1):
        fig.add_scatter(x=x, y=train, name=t("teach.curves.train"), line_color="#1f77b4", row=1, col=col,
                        showlegend=col == 1, mode="lines+markers")
        fig.add_scatter(x=x, y=val, name=t("teach.curves.val"), line_color="#ff7f0e", row=1, col=col,
                        showlegend=col == 1, mode="lines+markers")
    fig.update_xaxes(title_text=t("teach.curves.epoch"), range=[0.5, max(epochs, 2) + 0.5])
    fig.update_yaxes(range=[-0.02, 1.02], row=1, col=2)
    fig.update_layout(height=320, margin=dict(t=40, b=10, l=10, r=10), legend=dict(orientation="h", y=-0.25))
    return fig


def probability_figure(labels: list[str], probs) -> go.Figure:
    order = sorted(range(len(labels)), key=lambda i: probs[i])
    fig = go.Figure(go.Bar(x=[float(probs[i]) for i in order], y=[labels[i] for i in order], orientation="h",
                           text=[f"{probs[i]:.0%}" for i in order], textposition="auto"))
    fig.update_layout(height=80 + 40 * len(labels), xaxis=dict(range=[0, 1], tickformat=".0%"),
                      margin=dict(t=10, b=10, l=10, r=10))
    return fig


def confusion_figure(labels: list[str], cm) -> go.Figure:
    fig = go.Figure(go.Heatmap(z=cm, x=labels, y=labels, colorscale="Blues", showscale=False,
                               text=cm, texttemplate="%{text}"))
    fig.update_layout(height=120 + 50 * len(labels), xaxis_title=t("teach.results.predicted"),
                      yaxis_title=t("teach.results.true"), yaxis_autorange="reversed",
                      margin=dict(t=10, b=10, l=10, r=10))
    return fig


# ---------- training ----------
def train(settings: Settings) -> None:
    from models.teachable.pipeline import teach

    classes = ss.teach_classes
    labels = [c["name"].strip() for c in classes]
    try:
        check_classes(labels, [len(c["photos"]) for c in classes])
    except TeachError as exc:
        error(exc)
        return
    photos = [p for c in classes for p in c["photos"].values()]
    targets = [i for i, c in enumerate(classes) for _ in c["photos"]]
    try:
        with st.spinner(t("teach.train.loading")):
            backbone = embedder()
    except WeightsError as exc:
        show_failure(exc)
        return
    progress = st.progress(0.0, text=t("teach.train.features", n=len(photos)))
    chart = st.empty()
    live = History()

    def on_epoch(log) -> None:
        live.add(log)
        progress.progress(log.epoch / log.epochs, text=t("teach.train.epoch", epoch=log.epoch, epochs=log.epochs,
                                                         acc=log.val_accuracy))
        chart.plotly_chart(curves_figure(live, log.epochs), key=f"teach_live_{log.epoch}")

    try:
        with compute_slots("teach", 2):
            taught = teach(backbone, ss.teach_cache, [p["image"] for p in photos], targets, labels, settings,
                           on_epoch)
    except TeachError as exc:
        error(exc)
        return
    except Exception as exc:  # noqa: BLE001 - the user's photos stay; say what failed
        st.error(t("teach.errors.training", detail=f"{type(exc).__name__}: {exc}"))
        return
    progress.empty()
    chart.empty()
    ss.teach_result = {"taught": taught, "val_thumbs": [photos[i]["thumb"] for i in taught.val_idx],
                       "signature": signature(), "epochs": settings.epochs}
    ss.teach_active = "trained"


def show_results(result: dict) -> None:
    taught = result["taught"]
    ev, labels = taught.evaluation, taught.labels
    st.success(t("teach.train.done", train=len(taught.train_idx), val=len(taught.val_idx),
                 seconds=sum(taught.seconds.values())))
    if result["signature"] != signature():
        st.info(t("teach.train.stale"))
    st.plotly_chart(curves_figure(taught.history, result["epochs"]), key="teach_curves")
    if taught.overfitting:
        st.warning(t(f"teach.overfit.{taught.overfitting}"))
    st.subheader(t("teach.results.header"))
    left, right = st.columns([1, 2])
    with left:
        st.metric(t("teach.results.val_accuracy"), f"{ev.accuracy:.0%}",
                  help=t("teach.results.val_help", n=len(taught.val_idx)))
        if len(taught.val_idx) < 2 * len(labels):
            st.caption(t("teach.results.small_val", n=len(taught.val_idx)))
        st.markdown(f"**{t('teach.results.per_class')}**")
        st.dataframe({t("teach.classes.name_label"): labels,
                      t("teach.curves.accuracy"): [f"{a:.0%}" for a in ev.per_class_accuracy]},
                     hide_index=True)
    with right:
        st.markdown(f"**{t('teach.results.confusion')}**")
        st.plotly_chart(confusion_figure(labels, ev.confusion), key="teach_confusion")
    st.markdown(f"**{t('teach.results.misclassified')}**")
    if not ev.misclassified:
        st.caption(t("teach.results.no_mistakes"))
    cols = st.columns(6)
    for n, (i, true, pred, prob) in enumerate(ev.misclassified[:12]):
        cols[n % 6].image(result["val_thumbs"][i], width="stretch",
                          caption=t("teach.results.mistake", true=labels[true], pred=labels[pred], prob=prob))


# ---------- try it, export, import ----------
def active_model():
    """(model, predict(PIL) -> probs) of the model in use, or None; `model.labels` names its classes."""
    if ss.get("teach_active") == "imported" and ss.get("teach_imported"):
        from models.backbones.efficientnet_lite import center_crop

        clf = ss.teach_imported[1]
        return clf, lambda img: clf.probabilities(center_crop(img)[None])[0]
    if ss.get("teach_result"):
        taught = ss.teach_result["taught"]
        return taught, lambda img: taught.probabilities(embedder(), [img])[0]
    return None


def try_probabilities(model, predict, img):
    """The model's answer for the try-it photo, computed once rather than on every rerun of the page."""
    digest = image_digest(img)
    memo = ss.get("teach_try")
    if not (memo and memo["model"] is model and memo["photo"] == digest):
        memo = ss.teach_try = {"model": model, "photo": digest, "probs": predict(img.image)}
    return memo["probs"]


def try_it() -> None:
    st.subheader(t("teach.try.header"))
    active = active_model()
    if active is None:
        st.info(t("teach.try.nothing"))
        return
    model, predict = active
    labels = model.labels
    if ss.get("teach_active") == "imported":
        st.caption(t("teach.try.using_imported", labels=", ".join(labels)))
        if ss.get("teach_result") and st.button(t("teach.export.use_trained"), key="teach_use_trained"):
            ss.teach_active = "trained"
            st.rerun()
    else:
        st.caption(t("teach.try.using_trained"))
    st.caption(t("teach.try.help"))
    left, right = st.columns([1, 1])
    with left:
        images = image_input("teach_try", examples=EXAMPLES)
    if images:
        probs = try_probabilities(model, predict, images[0])
        best = int(probs.argmax())
        with left:
            st.image(fit_within(images[0].image, 480))
        with right:
            st.markdown(t("teach.try.prediction", label=labels[best], prob=float(probs[best])))
            if len(probs) > 1 and sorted(probs)[-1] - sorted(probs)[-2] < 0.2:
                st.caption(t("teach.try.unsure"))
            st.plotly_chart(probability_figure(labels, probs), key="teach_probs")


def export_import() -> None:
    st.subheader(t("teach.export.header"))
    result = ss.get("teach_result")
    if result:
        if "export" not in result:  # built once per training, then kept with the result
            from models.teachable.export import full_model, to_bytes

            taught = result["taught"]
            result["export"] = to_bytes(full_model(embedder().extractor, taught.head, taught.labels))
        st.download_button(t("teach.export.download"), data=result["export"], file_name="teachable_model.keras",
                           mime="application/octet-stream", on_click="ignore", key="teach_download",
                           help=t("teach.export.download_help"))
    upload = st.file_uploader(t("teach.export.import_label"), type=["keras"], key="teach_import")
    if upload is not None:
        data = upload.getvalue()
        digest = hashlib.sha1(data).hexdigest()
        if ss.get("teach_import_tried") != digest:
            ss.teach_import_tried = digest
            from models.teachable.export import from_bytes

            try:
                ss.teach_imported = (digest, from_bytes(data))
                ss.teach_active = "imported"
                st.rerun()
            except TeachError as exc:
                ss.teach_import_error = exc
        if ss.get("teach_imported") and ss.teach_imported[0] == digest:
            st.success(t("teach.export.imported", labels=", ".join(ss.teach_imported[1].labels)))
        elif ss.get("teach_import_error"):
            error(ss.teach_import_error)


# ---------- page ----------
st.title(f"🧑‍🏫 {t('teach.title')}")
st.markdown(t("teach.intro"))
with st.expander(t("teach.lecture.title")):
    st.markdown("\n".join(f"- {p}" for p in tl("teach.lecture.points")))

st.subheader(t("teach.classes.header"))
st.caption(t("teach.classes.help"))
if not any(c["photos"] for c in ss.teach_classes):
    st.button(t("teach.classes.sample"), key="teach_sample", on_click=load_sample, help=t("teach.classes.sample_help"))
classes = ss.teach_classes
per_row = 2 if len(classes) in (1, 2, 4) else 3
for row in range(0, len(classes), per_row):
    for col, cls in zip(st.columns(per_row), classes[row : row + per_row]):
        with col:
            class_card(cls)
if len(classes) < MAX_CLASSES:
    st.button(t("teach.classes.add_class"), key="teach_add_class", on_click=add_class)
else:
    st.caption(t("teach.classes.max_classes"))

st.subheader(t("teach.train.header"))
st.caption(t("teach.train.split_note"))
c1, c2, c3, c4 = st.columns(4)
epochs = c1.slider(t("teach.train.epochs"), *EPOCH_CHOICES, value=20, key="teach_epochs", help=t("teach.train.epochs_help"))
lr = c2.select_slider(t("teach.train.lr"), LR_CHOICES, value=0.001, key="teach_lr", help=t("teach.train.lr_help"))
batch = c3.select_slider(t("teach.train.batch"), BATCH_CHOICES, value=16, key="teach_batch",
                         help=t("teach.train.batch_help"))
augment = c4.toggle(t("teach.train.augment"), value=True, key="teach_augment", help=t("teach.train.augment_help"))
if st.button(t("teach.train.button"), type="primary", key="teach_train"):
    train(Settings(epochs=epochs, learning_rate=lr, batch_size=batch, augment=augment))
if ss.get("teach_result"):
    show_results(ss.teach_result)

try_it()
export_import()
