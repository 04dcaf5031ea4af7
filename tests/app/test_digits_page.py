"""Digits page through AppTest: an empty canvas gets a clear answer, a photo of a digit is read by both
networks with every preprocessing step shown, and the model card opens, in Korean and English."""
import io

import pytest
from PIL import Image, ImageDraw

from tests.apptest import open_page
from ui.i18n import t


def photo_of(strokes, size=(320, 260)) -> bytes:
    img = Image.new("RGB", size, (235, 232, 225))
    pen = ImageDraw.Draw(img)
    for points in strokes:
        pen.line(points, fill=(30, 30, 40), width=14, joint="curve")
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


SEVEN = [[(100, 50), (220, 50), (140, 220)]]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_empty_canvas_asks_for_a_digit(lang):
    at = open_page("pages/digits.py", lang)
    assert at.title[0].value.endswith(t("digits.title", lang=lang))
    assert t("digits.empty", lang=lang) in [i.value for i in at.info]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_photo_of_a_seven_is_read_by_both_networks_with_every_step(lang):
    at = open_page("pages/digits.py", lang)
    at.segmented_control(key="digits_input").set_value("photo").run()
    at.file_uploader(key="digits_upload").set_value(("seven.png", photo_of(SEVEN), "image/png")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [m.value for m in at.metric] == ["7", "7"]
    assert at.success[0].value == t("digits.verdict.agree", lang=lang, mlp=7, cnn=7)
    steps = [t(f"digits.steps.{s}", lang=lang) for s in ("grey", "invert", "crop", "stroke", "fit", "centre")]
    shown = " ".join(img.caption for el in at.get("image") for img in el.proto.imgs)
    assert all(step in shown for step in steps), "every preprocessing step is shown with its caption"
    assert len(at.get("plotly_chart")) == 1  # both networks' bars in one chart


def test_blank_photo_and_turning_stroke_scaling_off():
    at = open_page("pages/digits.py", "en")
    at.segmented_control(key="digits_input").set_value("photo").run()
    blank = io.BytesIO()
    Image.new("RGB", (200, 200), "white").save(blank, "PNG")
    at.file_uploader(key="digits_upload").set_value(("blank.png", blank.getvalue(), "image/png")).run()
    assert t("digits.empty_photo", lang="en") in [i.value for i in at.info]
    at.file_uploader(key="digits_upload").set_value(("seven.png", photo_of(SEVEN), "image/png")).run()
    at.toggle(key="digits_stroke").set_value(False).run()
    assert not at.exception
    shown = " ".join(img.caption for el in at.get("image") for img in el.proto.imgs)
    assert t("digits.steps.stroke", lang="en") not in shown


def test_model_card_shows_accuracy_confusion_and_worst_digits():
    at = open_page("pages/digits.py", "ko")
    at.toggle(key="digits_card_show").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    table = " ".join(m.value for m in at.markdown)
    assert t("digits.model_card.mnist_test", lang="ko") in table and t("digits.model_card.uci_digits", lang="ko") in table
    assert "%" in table
    assert len(at.get("plotly_chart")) == 1  # the confusion matrix
    at.segmented_control(key="digits_card_network").set_value("mlp").run()
    assert not at.exception
