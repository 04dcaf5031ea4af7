"""CNN page through AppTest: the notes' 3 and -3, filters and pooling on a photo and on the digit,
a bad custom kernel explained, digit feature maps with a unit worked out, ImageNet maps, ko and en."""
import pytest

from tests.apptest import open_page
from ui.i18n import t


def codes(at) -> str:
    return " ".join(c.value for c in at.code)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_notes_example_and_the_example_digit_maps_without_any_input(lang):
    at = open_page("pages/cnn.py", lang)
    assert "= 3" in codes(at) and "= -3" in codes(at)
    at.segmented_control(key="cnn_source").set_value("upload").run()  # examples are the default
    assert t("cnn.no_photo", lang=lang) in [i.value for i in at.info]
    assert any(t("cnn.digit.sum", lang=lang).split("{")[0] in m.value for m in at.markdown)  # a unit worked out


def test_filters_relu_and_pooling_on_the_digit_and_a_custom_kernel():
    at = open_page("pages/cnn.py", "en")
    at.segmented_control(key="cnn_picture").set_value("digit").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(t("cnn.filter.pixel", lang="en").split("(")[0] in m.value for m in at.markdown)
    at.toggle(key="cnn_relu").set_value(True).run()
    at.segmented_control(key="cnn_pool").set_value("mean").run()
    at.pills(key="cnn_kernel").set_value("custom").run()
    at.text_input(key="cnn_custom").set_value("1 2").run()
    assert at.error[0].value == t("cnn.kernel.bad", lang="en")
    at.text_input(key="cnn_custom").set_value("0 0 0; 0 2 0; 0 0 0").run()
    assert not at.error and not at.exception


def test_digit_layers_and_maps_can_be_picked():
    at = open_page("pages/cnn.py", "ko")
    for layer in ("pool1", "relu2", "relu3", "pool3"):
        at.segmented_control(key="cnn_layer").set_value(layer).run()
        assert not at.exception, [e.value for e in at.exception]
    at.pills(key="cnn_map_pool3").set_value(7).run()
    assert not at.exception


def test_photo_example_gives_imagenet_feature_maps():
    at = open_page("pages/cnn.py", "en")
    at.segmented_control(key="cnn_source").set_value("example").run()
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(img.caption for el in at.get("image") for img in el.proto.imgs)
    for key in ("stem_kernels", "stem", "early", "middle", "late"):
        assert t(f"cnn.imagenet.{key}", lang="en") in shown
