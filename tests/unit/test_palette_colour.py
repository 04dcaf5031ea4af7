"""Colour utilities, CVD checks, harmony and exports: fast, no TensorFlow."""
import io
import json

import numpy as np
import pytest
from PIL import Image

from models.palette import cvd, export
from models.palette.colorspace import BadColor, hex_to_ucs, normalize_hex, parse_hex_list, ucs_to_hex
from models.palette.harmony import classify

OKABE_ITO = ["#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#000000"]


@pytest.mark.parametrize("text,expected", [("#ABC", "#aabbcc"), ("abc", "#aabbcc"), (" #1b3A4b ", "#1b3a4b")])
def test_normalize_hex(text, expected):
    assert normalize_hex(text) == expected


@pytest.mark.parametrize("bad", ["", "#12", "#12345", "#gggggg", "red", "#1234567"])
def test_bad_hex_is_rejected(bad):
    with pytest.raises(BadColor):
        normalize_hex(bad)


def test_parse_hex_list_accepts_commas_and_spaces():
    assert parse_hex_list("#fff, #000000 #abc") == ["#ffffff", "#000000", "#aabbcc"]


@pytest.mark.parametrize("h", ["#000000", "#ffffff", "#ff0000", "#1b3a4b", "#f2c14e", "#00ff00"])
def test_round_trip_through_cam02_ucs(h):
    assert ucs_to_hex(hex_to_ucs(h)) == h


def test_out_of_gamut_point_maps_to_a_valid_hex():
    assert normalize_hex(ucs_to_hex([50, 80, -80])) is not None


def test_red_green_collapse_under_deuteranopia_matches_course_guide():
    report = cvd.check(["#d62728", "#2ca02c"])
    assert report["min_delta"]["normal"] > 50
    assert report["min_delta"]["deutan"] < 7  # guide: 60.1 → 5.5
    assert not report["cvd_safe"]


def test_okabe_ito_keeps_distance_under_deuteranopia():
    assert cvd.min_delta(OKABE_ITO)["deutan"] > 13  # guide: 14.8


def test_severity_zero_is_typical_vision_and_severity_grows_the_collapse():
    pair = ["#d62728", "#2ca02c"]
    none, half, full = (cvd.min_delta(pair, s)["deutan"] for s in (0.0, 0.5, 1.0))
    assert none == pytest.approx(cvd.min_delta(pair)["normal"])
    assert none > half > full


def test_best_contrast_is_darkest_on_lightest():
    c = cvd.best_contrast(["#777777", "#000000", "#ffffff"])
    assert (c["text"], c["background"]) == ("#000000", "#ffffff")
    assert c["ratio"] == pytest.approx(21.0)


def test_is_safe_needs_both_distance_and_contrast():
    report = cvd.check(["#000000", "#ffffff", "#e69f00", "#0072b2"])
    assert report["cvd_safe"] == (min(report["min_delta"].values()) >= 10 and report["contrast"]["ratio"] >= 4.5)
    assert not cvd.check(["#808080", "#8a8a8a", "#949494"])["cvd_safe"]


@pytest.mark.parametrize("colors,name", [
    (["#ff0000", "#00ffff"], "complementary"),
    (["#ff0000", "#ff8800", "#ffcc00"], "analogous"),
    (["#ff0000", "#00ff00", "#0000ff"], "triadic"),
    (["#ff0000", "#cc0000", "#880000"], "monochromatic"),
    (["#222222", "#eeeeee", "#888888"], "neutral"),
])
def test_harmony_classification(colors, name):
    h = classify(colors)
    assert h.name == name
    assert len(h.hues) == len(colors)


def test_exports_parse():
    colors = ["#1b3a4b", "#f2c14e", "#ffffff"]
    assert export.as_hex_list(colors).split() == colors
    css = export.as_css(colors)
    assert css.startswith(":root {") and "--palette-2: #f2c14e;" in css
    assert json.loads(export.as_json({"colors": colors}))["colors"] == colors
    png = Image.open(io.BytesIO(export.as_png(colors, swatch=40)))
    assert png.size == (120, 40)
    assert png.getpixel((5, 5)) == (0x1b, 0x3a, 0x4b)
    assert np.asarray(png).shape == (40, 120, 3)
