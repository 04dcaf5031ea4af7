"""Style page through AppTest: thumbnail grid, fast style with mixing, any painting (The Scream),
a short Gatys run, junk uploads, and results that survive reruns and language switches."""
from streamlit.testing.v1 import AppTest

from tests.apptest import open_page
from ui.i18n import catalog

DOG = ("dog.jpg", open("/usr/share/darknet/data/dog.jpg", "rb").read(), "image/jpeg")


def page(lang="en") -> AppTest:
    return open_page("pages/style_transfer.py", lang, timeout=240)


def with_photo(lang="en") -> AppTest:
    at = page(lang)
    at.segmented_control(key="style_content_source").set_value("upload").run()  # examples are the default
    at.file_uploader(key="style_content_upload").set_value(DOG).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_grid_of_26_thumbnails_and_picking_one():
    at = page()
    [grid] = [el for el in at.get("image") if len(el.proto.imgs) == 26]  # one element holds all 26 pictures
    assert grid.proto.imgs[16].caption == "No. 16 · " + catalog("en", "style")["short.16"]
    assert at.pills(key="style_pick").value == 0  # the style chosen is the number lit
    at.pills(key="style_pick").set_value(7).run()
    assert at.selectbox(key="style_a").value == 7
    at.selectbox(key="style_a").set_value(3).run()  # the dropdown (all a phone shows) moves the lit number
    assert at.pills(key="style_pick").value == 3
    at.pills(key="style_pick").set_value(None).run()  # pressing the lit number again keeps the style
    assert at.selectbox(key="style_a").value == 3 and at.pills(key="style_pick").value == 3
    at.segmented_control(key="style_content_source").set_value("upload").run()  # examples are the default
    assert any(m.value == catalog("en", "style")["no_content"] for m in at.info)


def test_fast_style_with_mixing_keeps_aspect_and_persists():
    at = with_photo()
    at.toggle(key="style_mix_on").set_value(True).run()
    at.selectbox(key="style_b").set_value(20)
    at.slider(key="style_mix").set_value(0.3)
    at.select_slider(key="style_max_side").set_value(256)
    at.button(key="style_run_fast").click().run()
    assert not at.exception
    (result,) = at.session_state["style_results"]
    assert result["kind"] == "mix" and result["image"].size == (256, 192)
    mixed = "Style 0 · Delaunay, “Air, Iron and Water” + 20 · Johannes Molzahn, “Idea – Movement – Struggle” (30% of 20)"
    assert any(mixed in c.value for c in at.caption)
    at.query_params["lang"] = "ko"
    at.run()  # results survive reruns
    assert len(at.session_state["style_results"]) == 1 and len(at.get("download_button")) == 1


def test_any_painting_with_the_scream_example():
    # Korean: ui/image_input formats its source options with the run's language only inside a run
    at = with_photo("ko")
    at.segmented_control(key="style_mode").set_value("arbitrary").run()
    at.segmented_control(key="style_painting_source").set_value("upload").run()  # examples are the default
    assert at.button(key="style_run_arbitrary").disabled  # no painting yet
    at.segmented_control(key="style_painting_source").set_value("example").run()
    assert at.pills(key="style_painting_example").value == "scream"
    at.select_slider(key="style_arb_side").set_value(384)
    at.button(key="style_run_arbitrary").click().run()
    assert not at.exception
    result = at.session_state["style_results"][0]
    assert result["kind"] == "arbitrary" and result["image"].size == (384, 288)
    assert result["params"]["name"] == "scream.jpg"


def test_short_gatys_run_shows_progress_and_keeps_the_result():
    at = with_photo("ko")
    at.segmented_control(key="style_mode").set_value("gatys").run()
    at.segmented_control(key="style_painting_source").set_value("example").run()
    at.slider(key="style_gatys_steps").set_value(10)
    at.select_slider(key="style_gatys_side").set_value(128)
    at.button(key="style_gatys_start").click().run()
    assert not at.exception, [e.value for e in at.exception]
    run = at.session_state["style_gatys_run"]
    assert run.state == "done" and run.job.steps_done == 10
    result = at.session_state["style_results"][0]
    assert result["kind"] == "gatys" and result["image"].size == (128, 96)
    assert len(at.get("plotly_chart")) == 1  # loss curve
    at.run()  # a rerun (which would stop a running job) after the end changes nothing
    assert run.state == "done" and len(at.session_state["style_results"]) == 1
    assert len(at.get("plotly_chart")) == 1 and not any("멈췄어요" in m.value for m in at.info)


def test_junk_upload_gives_a_clear_message():
    at = page("ko")
    at.segmented_control(key="style_content_source").set_value("upload").run()  # examples are the default
    at.file_uploader(key="style_content_upload").set_value(("notes.png", b"not an image", "image/png")).run()
    assert not at.exception
    assert at.error and "notes.png" in at.error[0].value
    assert at.button(key="style_run_fast").disabled
