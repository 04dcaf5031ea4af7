"""Handwritten digits: draw or photograph a digit, watch the preprocessing, compare the MLP and the CNN."""
import hashlib

import numpy as np
import streamlit as st

from models.digits.figures import confusion, gallery, hidden_units, pixels, probability_bars
from ui.errors import show_failure
from ui.i18n import t
from ui.image_input import image_input
from ui.jobs import load_once, run_job
from ui.model_card import markdown_table
from ui.page import setup_page
from ui.plots import chart

lang = setup_page("digits")
KEEP = 4  # readings a session keeps (a canvas sends one picture per stroke)


@load_once
def digit_models():
    from models.digits.predict import load_models

    return load_models()


@load_once
def worst_digits() -> dict:
    from models.digits.evaluate import read_report, worst_pictures

    report = read_report()
    return {"report": report, **worst_pictures(report)}


def read_job(picture, photo: bool, scale_stroke: bool):
    from models.digits.predict import read_digit
    from models.digits.preprocess import EmptyDrawing

    try:
        return read_digit(digit_models(), picture, photo=photo, scale_stroke=scale_stroke)
    except EmptyDrawing:
        return None


def drawing():
    from streamlit_drawable_canvas import st_canvas

    pen = st.slider(t("digits.pen"), 6, 40, 18, key="digits_pen", help=t("digits.pen_help"))
    canvas = st_canvas(stroke_width=pen, stroke_color="#000000", background_color="#FFFFFF", height=280,
                       width=280, drawing_mode="freedraw", return_image_data=True, key="digits_canvas")
    st.caption(t("digits.canvas_help"))
    return canvas.image_data


def reading_for(picture, photo: bool, scale_stroke: bool) -> dict:
    """Both networks on the picture, once per distinct picture and setting; figures built with it."""
    store: dict = st.session_state.setdefault("digits_readings", {})
    key = hashlib.sha1(np.ascontiguousarray(picture).tobytes() + bytes([photo, scale_stroke, lang == "ko"])).hexdigest()
    if key not in store:
        reading = run_job(read_job, picture, photo, scale_stroke, kind="digits")
        entry = {"reading": reading}
        if reading is not None:
            entry["bars"] = probability_bars({"mlp": reading.mlp.probs, "cnn": reading.cnn.probs},
                                             {k: t(f"digits.{k}.name") for k in ("mlp", "cnn")}, t("digits.prob_axis"))
            entry["steps"] = [(name, pixels(a, 140)) for name, a in reading.pre.steps]
            entry["hidden"] = hidden_units(reading.hidden)
        store[key] = entry
        while len(store) > KEEP:
            store.pop(next(iter(store)))
    return store[key]


def show_steps(entry: dict) -> None:
    st.markdown(f"#### {t('digits.steps.heading')}")
    for col, (name, img) in zip(st.columns(len(entry["steps"])), entry["steps"]):
        col.image(img, caption=t(f"digits.steps.{name}"), width="stretch")


def answer(name: str, ans) -> None:
    st.markdown(f"#### {t(f'digits.{name}.name')}")
    st.caption(t(f"digits.{name}.what"))
    value = str(ans.digit) if ans.sure else t("digits.not_sure")
    st.metric(t("digits.answer"), value, t("digits.top", digit=ans.digit, p=f"{ans.top:.0%}"), delta_color="off",
              delta_arrow="off")


def show_reading(entry: dict) -> None:
    reading = entry["reading"]
    verdict = t(f"digits.verdict.{reading.verdict}", mlp=reading.mlp.digit, cnn=reading.cnn.digit)
    (st.success if reading.verdict == "agree" else st.warning)(verdict)
    mlp_col, cnn_col = st.columns(2)
    with mlp_col:
        answer("mlp", reading.mlp)
    with cnn_col:
        answer("cnn", reading.cnn)
    chart(entry["bars"], width="stretch", key="digits_bars", config={"displayModeBar": False})
    st.markdown(f"#### {t('digits.hidden.heading')}")
    st.image(entry["hidden"], caption=t("digits.hidden.caption"), width="stretch")


def model_card() -> None:
    data = run_job(worst_digits, kind="digits")
    report = data["report"]
    names = {k: t(f"digits.{k}.name") for k in ("mlp", "cnn")}
    rows = [(t(f"digits.model_card.{split}"), f"{report[split]['n']:,}",
             *[f"{report[split][k]['accuracy']:.2%}" for k in ("mlp", "cnn")]) for split in ("mnist_test", "uci_digits")]
    st.markdown(markdown_table((t("digits.model_card.set"), t("digits.model_card.n"), names["mlp"], names["cnn"]), rows))
    st.caption(t("digits.model_card.sets_note"))
    which = st.segmented_control(t("digits.model_card.network"), ["mlp", "cnn"], default="cnn", required=True,
                                 format_func=lambda k: names[k], key="digits_card_network")
    chart(confusion(report["mnist_test"][which]["confusion"], t("digits.model_card.answer_axis"),
                              t("digits.model_card.true_axis")), width="stretch", key="digits_confusion",
                    config={"displayModeBar": False})
    st.markdown(t("digits.model_card.worst", network=names[which]))
    st.image(gallery(data[which]), width="stretch")
    st.caption(" · ".join(t("digits.model_card.worst_item", label=w["label"], answer=w["answer"], p=f"{w['p_answer']:.0%}")
                          for w in report["mnist_test"][which]["worst"]))
    st.caption(t("digits.model_card.credits"))


st.title(f"✍️ {t('digits.title')}")
st.markdown(t("digits.intro"))
left, right = st.columns([1, 1.5], gap="large")
with left:
    source = st.segmented_control(t("digits.source"), ["draw", "photo"], default="draw", required=True,
                                  format_func=lambda s: t(f"digits.source_{s}", lang=lang), key="digits_input")
    if source == "draw":
        picture, photo = drawing(), False
    else:
        photos = image_input("digits", examples=())
        picture, photo = (np.asarray(photos[0].image) if photos else None), True
    scale_stroke = st.toggle(t("digits.scale_stroke"), value=True, key="digits_stroke", help=t("digits.scale_stroke_help"))
entry = {"reading": None}
with right:
    try:
        entry = reading_for(picture, photo, scale_stroke) if picture is not None else entry
        if entry["reading"]:
            show_reading(entry)
        else:
            st.info(t("digits.empty_photo" if photo else "digits.empty"))
    except Exception as exc:  # noqa: BLE001 - keep the page alive
        show_failure(exc, "digits.failed")
if entry.get("steps"):
    show_steps(entry)
with st.expander(t("digits.model_card.title")):
    if st.toggle(t("digits.model_card.show"), key="digits_card_show"):
        try:
            model_card()
        except Exception as exc:  # noqa: BLE001
            show_failure(exc, "digits.failed")
