"""Palette page through AppTest: first palette, lock + regenerate, picker seeds, photo palette with
sources, CVD-safe mode, severity, exports, bad uploads and Korean."""
from streamlit.testing.v1 import AppTest

from models.palette import cvd
from tests.apptest import open_page
from ui.i18n import catalog, t

KITE = ("kite.jpg", open("/usr/share/darknet/data/kite.jpg", "rb").read(), "image/jpeg")
JUNK = ("notes.png", b"this is not a png", "image/png")


def page(lang="en") -> AppTest:
    return open_page("pages/palette.py", lang, timeout=240)


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_first_visit_shows_a_palette_wheel_and_downloads():
    at = page()
    colors = at.session_state["pal_colors"]
    assert len(colors) == 5 and all(c.startswith("#") and len(c) == 7 for c in colors)
    assert len(at.get("plotly_chart")) >= 2  # harmony wheel + design chart
    assert len(at.get("download_button")) == 4
    assert catalog("en", "palette")["attribution"][:20] in " ".join(c.value for c in at.caption)


def test_lock_and_regenerate_keeps_locked_swatches():
    at = page()
    before = list(at.session_state["pal_colors"])
    at.toggle(key="pal_lock_0").set_value(True)
    at.toggle(key="pal_lock_3").set_value(True)
    ok(at.button(key="pal_generate").click().run())
    after = at.session_state["pal_colors"]
    assert after[0] == before[0] and after[3] == before[3]
    assert after != before
    assert at.session_state["pal_history"][0] == before


def test_picked_colour_seeds_and_locks_the_swatch():
    at = page()
    ok(at.color_picker(key="pal_pick_2").pick("#1b3a4b").run())
    assert at.session_state["pal_colors"][2] == "#1b3a4b"
    assert at.toggle(key="pal_lock_2").value is True
    ok(at.button(key="pal_generate").click().run())
    assert at.session_state["pal_colors"][2] == "#1b3a4b"
    assert at.session_state["pal_source"][2] == "you"


def test_cvd_safe_mode_generates_a_safe_palette():
    at = page()
    at.toggle(key="pal_cvd_safe").set_value(True)
    ok(at.button(key="pal_generate").click().run())
    assert cvd.check(at.session_state["pal_colors"])["cvd_safe"]


def test_size_change_and_severity_slider():
    at = page()
    ok(at.select_slider(key="pal_size").set_value(7).run())
    assert len(at.session_state["pal_colors"]) == 7
    colors = at.session_state["pal_colors"]
    label = t("palette.cvd.min_delta", lang="en")
    shown = lambda: [m.value for m in at.metric if m.label == label]  # noqa: E731 - one line per vision
    assert shown() == [f"{cvd.min_delta(colors, 1.0)[v]:.1f}" for v in cvd.VISIONS]
    ok(at.slider(key="pal_severity").set_value(0.3).run())
    milder = [f"{cvd.min_delta(colors, 0.3)[v]:.1f}" for v in cvd.VISIONS]
    assert shown() == milder and milder != [f"{cvd.min_delta(colors, 1.0)[v]:.1f}" for v in cvd.VISIONS]
    ok(at.segmented_control(key="pal_view_as").set_value("deutan").run())  # design seen by a deuteranope


def test_photo_palette_marks_photo_and_model_colours():
    at = page()
    at.segmented_control(key="palette_photo_source").set_value("upload").run()  # examples are the default
    ok(at.file_uploader(key="palette_photo_upload").set_value(KITE).run())
    ok(at.button(key="pal_photo_go").click().run())
    source = at.session_state["pal_source"]
    assert source.count("photo") == 3 and source.count("model") == 2
    photo = {c["hex"] for c in at.session_state["pal_photo"]}
    assert {c for c, s in zip(at.session_state["pal_colors"], source) if s == "photo"} == photo


def test_bad_upload_gives_a_clear_error_and_keeps_the_palette():
    at = page()
    before = list(at.session_state["pal_colors"])
    at.segmented_control(key="palette_photo_source").set_value("upload").run()  # examples are the default
    ok(at.file_uploader(key="palette_photo_upload").set_value(JUNK).run())
    assert any("notes.png" in e.value for e in at.error)
    assert at.session_state["pal_colors"] == before


def test_korean_strings():
    at = page("ko")
    assert at.title[0].value == catalog("ko", "palette")["heading"]
