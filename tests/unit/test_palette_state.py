"""The palette page's rules without AppTest: adopting a palette (history, locks, widget values),
picked colours, resizing, who chose each colour, and what is computed once per palette."""
import pytest

from models.palette import cvd
from ui import palette_state as state
from ui.i18n import LANGS

A = ["#112233", "#445566", "#778899", "#aabbcc", "#ddeeff"]
B = ["#010203", "#040506", "#070809", "#0a0b0c", "#0d0e0f"]


def fresh(colors=A, source=None) -> dict:
    ss = {}
    state.adopt(ss, colors, source or ["model"] * len(colors))
    return ss


def test_adopt_sets_the_palette_widgets_and_history():
    ss = fresh()
    assert ss["pal_colors"] == A and ss["pal_n"] == ss["pal_size"] == 5 and "pal_history" not in ss
    assert [ss[f"pal_pick_{i}"] for i in range(5)] == A
    assert not any(ss[f"pal_lock_{i}"] for i in range(5))
    state.adopt(ss, B, ["you", "model", "photo", "model", "model"])
    assert ss["pal_history"] == [A] and ss["pal_colors"] == B
    assert [ss[f"pal_lock_{i}"] for i in range(5)] == [True, False, True, False, False]
    state.adopt(ss, B, ["model"] * 5)  # the same colours again: no history entry
    assert ss["pal_history"] == [A]


def test_history_is_bounded():
    ss = fresh()
    for k in range(state.HISTORY_KEPT + 3):
        state.adopt(ss, [f"#0000{k:02x}"] * 3, ["model"] * 3)
    assert len(ss["pal_history"]) == state.HISTORY_KEPT


def test_adopt_leaves_a_drawn_size_slider_alone_when_the_size_is_unchanged():
    class DrawnSlider(dict):
        def __setitem__(self, key, value):
            if key == "pal_size":
                raise AssertionError("pal_size set after the slider was drawn")
            super().__setitem__(key, value)

    ss = DrawnSlider(fresh())
    state.adopt(ss, B, ["model"] * 5)
    assert ss["pal_colors"] == B


def test_parked_palettes_are_adopted_on_the_next_run():
    ss = fresh()
    state.park(ss, B, ["you"] * 5)
    assert ss["pal_colors"] == A
    state.apply_parked(ss)
    assert ss["pal_colors"] == B and "pal_pending" not in ss and ss["pal_lock_0"]
    state.apply_parked(ss)  # nothing parked: nothing happens
    assert ss["pal_history"] == [A]


def test_a_picked_colour_becomes_a_locked_seed():
    ss = fresh()
    ss["pal_pick_2"] = "#1b3a4b"
    state.take_picks(ss)
    assert ss["pal_colors"][2] == "#1b3a4b" and ss["pal_source"][2] == "you" and ss["pal_lock_2"]
    assert ss["pal_colors"][0] == A[0] and ss["pal_source"][0] == "model"


def test_locks_and_sources():
    ss = fresh(source=["you", "model", "photo", "model", "model"])
    ss["pal_lock_2"] = False
    assert state.locks(ss) == [A[0], None, None, None, None]
    assert state.sources(ss, [A[0], None, A[2], None, None, "#000000"]) == ["you", "model", "photo", "model",
                                                                           "model", "you"]


def test_wanted_generate_shrink_and_grow():
    ss = fresh()
    ss["pal_lock_1"] = True
    assert state.wanted(ss, 5, generate=False) is None
    assert state.wanted(ss, 5, generate=True) == [None, A[1], None, None, None]
    assert state.wanted(ss, 3, generate=False) is None  # smaller: cut at once, nothing to draw
    assert ss["pal_colors"] == A[:3] and ss["pal_n"] == 3 and len(ss["pal_source"]) == 3
    assert state.wanted(ss, 6, generate=False) == [None, A[1], None, None, None, None]  # bigger: fill
    assert ss["pal_n"] == 6
    assert state.wanted(ss, 6, generate=False) is None  # asked once, even if the fill failed


def test_view_is_computed_once_per_palette():
    ss = fresh()
    v = state.view(ss, A)
    assert state.view(ss, list(A)) is v
    assert v["report"] == cvd.check(A) and v["json"]["harmony"] == v["harmony"].name
    assert v["json"]["delta"] == "CAM02-UCS" and v["wheel"].data
    assert state.view(ss, B) is not v


def test_simulations_and_design_previews_are_kept_per_palette():
    v = state.view({}, A)
    seen = state.simulated(v, A, "deutan", 0.5)
    assert seen == cvd.simulate(A, "deutan", 0.5) and state.simulated(v, A, "deutan", 0.5) is seen
    card, chart = state.design(v, seen, "en")
    assert state.design(v, seen, "en")[1] is chart and state.design(v, seen, "ko")[1] is not chart
    for k in range(state.FIGURES_KEPT + 2):
        state.kept(v, ("x", k), lambda: k)
    assert len(v["figs"]) == state.FIGURES_KEPT


@pytest.mark.parametrize("lang", LANGS)
def test_tables_and_words(lang):
    rows = state.cvd_rows({"normal": 25.0, "protan": 4.0}, lang)
    assert [list(r.values())[2] for r in rows] == ["✓", "✗"]
    assert f"{cvd.SAFE_DELTA:g}" in list(rows[0])[2]
    words = state.contrast_words({"text": "#000000", "background": "#ffffff", "ratio": 21.0}, lang)
    assert "21.0" in words and "7" in words  # AAA, with its threshold
    quality = state.quality_rows(lang)
    assert len(quality) == 4 and all(not str(list(r.values())[0]).startswith("palette.") for r in quality)
    assert [m[0] for m in state.quality_metrics(lang)] and state.quality_metrics(lang)[0][2]
