"""Palette pictures and exports: WCAG levels, swatch HTML, the hue wheel, the design preview."""
import json

import pytest

from models.palette import cvd, export, figures
from models.palette.harmony import classify
from models.palette.roles import design_roles

PALETTE = ["#264653", "#2a9d8f", "#e9c46a", "#f4a261", "#e76f51"]


@pytest.mark.parametrize("ratio,level", [(21.0, "aaa"), (cvd.AAA_CONTRAST, "aaa"), (6.99, "aa"),
                                         (cvd.SAFE_CONTRAST, "aa"), (4.49, "fail"), (1.0, "fail")])
def test_contrast_levels(ratio, level):
    assert cvd.contrast_level(ratio) == level


def test_swatch_and_strip_html():
    html = figures.swatch_html("#000000")
    assert "background:#000000" in html and "color:#ffffff" in html and ">#000000</span>" in html
    strip = figures.strip_html(PALETTE, 20)
    assert strip.count("flex:1") == len(PALETTE) and "height:20px" in strip
    assert "42%" in figures.share_html("#264653", 0.42)


def test_html_escapes_words():
    card = figures.design_card_html(PALETTE, {"kicker": "<b>", "headline": "A & B", "body": "x", "button": "go"})
    assert "&lt;b&gt;" in card and "A &amp; B" in card and "<b>" not in card
    assert "&lt;script&gt;" in figures.contrast_html(cvd.best_contrast(PALETTE), "<script>")


def test_wheel_has_the_ring_the_spokes_and_one_marker_per_colour():
    harmony = classify(PALETTE)
    fig = figures.wheel(PALETTE, harmony)
    assert len(fig.data) == 2 + len(harmony.spokes)
    assert list(fig.data[-1].marker.color) == PALETTE
    assert figures.hue_ring() is figures.hue_ring()  # the rim is computed once


def test_design_chart_skips_the_background_colour():
    bg = design_roles(PALETTE)["background"]
    fig = figures.design_chart(PALETTE, "Chart", "Group {i}")
    assert bg not in fig.data[0].marker.color and len(fig.data[0].x) == len(PALETTE) - 1
    assert fig.data[0].x[0] == "Group 1" and fig.layout.paper_bgcolor == bg


def test_export_render_every_kind():
    report = cvd.check(PALETTE)
    assert set(export.FILES) == {"hex", "css", "json", "png"}
    assert export.render("hex", PALETTE, report).split() == PALETTE
    assert "--palette-1: #264653;" in export.render("css", PALETTE, report)
    assert json.loads(export.render("json", PALETTE, report))["colors"] == PALETTE
    assert export.render("png", PALETTE, report).startswith(b"\x89PNG")


@pytest.mark.parametrize("vision", cvd.VISIONS)
def test_simulated_colours_are_hex_so_the_design_preview_can_paint_with_them(vision):
    seen = cvd.simulate(PALETTE, vision, 0.7)
    assert all(len(h) == 7 and h.startswith("#") for h in seen)
    assert figures.design_chart(seen, "Chart", "Group {i}").data[0].x
