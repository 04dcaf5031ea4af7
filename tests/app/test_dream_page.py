"""Deep Dream page through AppTest: presets per backbone, a short dream that keeps aspect ratio and
survives reruns, the Korean page, and a junk upload that leaves earlier results alone."""
from streamlit.testing.v1 import AppTest

from tests.apptest import open_page
from ui.i18n import catalog

DOG = ("dog.jpg", open("/usr/share/darknet/data/dog.jpg", "rb").read(), "image/jpeg")  # 768 × 576


def page(lang="en") -> AppTest:
    return open_page("pages/deep_dream.py", lang, timeout=240)


def short_dream(at: AppTest, backbone="mobilenet", side=256) -> AppTest:
    at.segmented_control(key="dream_backbone").set_value(backbone).run()
    at.slider(key="dream_steps").set_value(2)
    at.slider(key="dream_octaves").set_value(2)
    at.select_slider(key="dream_max_size").set_value(side)
    at.button(key="dream_run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_page_asks_for_a_photo_and_lists_presets_per_backbone():
    at = page()
    at.segmented_control(key="dream_source").set_value("upload").run()  # examples are the default
    assert any(m.value == catalog("en", "dream")["no_photo"] for m in at.info)
    assert at.radio(key="dream_preset_mobilenet").options == ["Puppyslug", "Patterns", "Dog faces"]
    at.segmented_control(key="dream_backbone").set_value("vgg16").run()
    assert at.radio(key="dream_preset_vgg16").value == "eyes"
    assert len(at.radio(key="dream_preset_vgg16").options) == 4


def test_short_dream_keeps_aspect_ratio_and_persists():
    at = page()
    at.segmented_control(key="dream_source").set_value("upload").run()  # examples are the default
    at.file_uploader(key="dream_upload").set_value(DOG).run()
    short_dream(at)
    (result,) = at.session_state["dream_results"]
    assert result["image"].size == result["original"].size == (256, 192)
    assert len(at.get("download_button")) == 1
    assert any("2 octaves × 2 steps" in c.value for c in at.caption)
    first_wipe = result["wipe"]
    at.slider(key="dream_wipe").set_value(20).run()  # rerun: result still shown
    assert len(at.session_state["dream_results"]) == 1 and len(at.get("download_button")) == 1
    moved = at.session_state["dream_results"][0]["wipe"]
    assert first_wipe[0] == 50 and moved[0] == 20 and moved[1] != first_wipe[1]
    at.segmented_control(key="dream_backbone").set_value("vgg16").run()  # a rerun that moved no slider
    assert at.session_state["dream_results"][0]["wipe"][1] is moved[1]  # the picture is not made again


def test_korean_vgg_dream_then_junk_upload_keeps_the_result():
    at = page("ko")
    assert at.title[0].value == catalog("ko", "dream")["title"]
    at.segmented_control(key="dream_source").set_value("upload").run()  # examples are the default
    at.file_uploader(key="dream_upload").set_value(DOG).run()
    short_dream(at, "vgg16", 256)
    assert at.session_state["dream_results"][0]["settings"].preset == "eyes"
    assert any("옥타브 2개" in c.value for c in at.caption)
    at.segmented_control(key="dream_source").set_value("upload").run()  # examples are the default
    at.file_uploader(key="dream_upload").set_value(("notes.jpg", b"not an image", "image/jpeg")).run()
    assert not at.exception
    assert any(catalog("ko", "common")["image_error.not_image"] in e.value for e in at.error)
    assert len(at.session_state["dream_results"]) == 1 and len(at.get("download_button")) == 1
