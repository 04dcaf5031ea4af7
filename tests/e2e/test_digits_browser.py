"""Digits page in Chromium: draw digits with mouse strokes on the canvas and read both networks' answer,
in English and Korean, in presentation mode and at phone width; an empty canvas asks for a digit."""
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, screenshot, wait_idle
from ui.i18n import t

pytestmark = pytest.mark.e2e
# Strokes in canvas fractions (0–1): a one, a seven.
ONE = [[(0.52, 0.15), (0.50, 0.50), (0.48, 0.85)]]
SEVEN = [[(0.25, 0.18), (0.50, 0.18), (0.75, 0.18), (0.60, 0.45), (0.45, 0.85)]]


def draw(page, strokes) -> None:
    """Mouse strokes on the drawable canvas (Fabric.js listens on its upper canvas)."""
    canvas = page.locator("canvas.upper-canvas").first
    canvas.wait_for(timeout=60_000)
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    for stroke in strokes:
        (x0, y0), rest = stroke[0], stroke[1:]
        page.mouse.move(box["x"] + x0 * box["width"], box["y"] + y0 * box["height"])
        page.mouse.down()
        for x, y in rest:
            page.mouse.move(box["x"] + x * box["width"], box["y"] + y * box["height"], steps=12)
        page.mouse.up()


def open_digits(page, app_url, lang: str, extra: str = "") -> None:
    page.goto(f"{app_url}/digits?lang={lang}{extra}")
    wait_idle(page)
    page.get_by_text(t("digits.empty", lang=lang)).wait_for(timeout=120_000)


def answers(page) -> list[str]:
    return [v.strip() for v in page.get_by_test_id("stMetricValue").all_inner_texts()]


def test_draw_a_seven_in_english(page, app_url):
    page.set_viewport_size({"width": 1400, "height": 1400})
    open_digits(page, app_url, "en")
    draw(page, SEVEN)
    page.get_by_test_id("stMetricValue").nth(1).wait_for(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    assert answers(page) == ["7", "7"]
    expect(page.get_by_text(t("digits.steps.centre", lang="en"))).to_be_visible()
    page.get_by_test_id("stPlotlyChart").first.wait_for()
    screenshot(page, "digits_draw_seven_en")
    page.get_by_text(t("digits.steps.centre", lang="en")).scroll_into_view_if_needed()
    page.mouse.move(700, 500)
    page.mouse.wheel(0, 300)
    page.wait_for_timeout(300)
    screenshot(page, "digits_steps_en")
    page.get_by_text(t("digits.model_card.title", lang="en")).click()
    page.get_by_text(t("digits.model_card.show", lang="en")).click()
    page.get_by_text(t("digits.model_card.credits", lang="en")[:40]).wait_for(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    page.get_by_text(t("digits.model_card.credits", lang="en")[:40]).scroll_into_view_if_needed()
    screenshot(page, "digits_model_card_en")


def test_draw_a_one_in_korean_presentation_mode(page, app_url):
    page.set_viewport_size({"width": 1600, "height": 1200})
    open_digits(page, app_url, "ko", "&present=1")
    draw(page, ONE)
    page.get_by_test_id("stMetricValue").nth(1).wait_for(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    assert answers(page) == ["1", "1"]
    page.get_by_text(t("digits.verdict.agree", lang="ko", mlp=1, cnn=1).replace("**", "")).wait_for()
    screenshot(page, "digits_draw_one_ko_present")


def test_phone_width_draws_and_reads(page, app_url):
    page.set_viewport_size({"width": 390, "height": 844})
    open_digits(page, app_url, "ko")
    draw(page, SEVEN)
    page.get_by_test_id("stMetricValue").nth(1).wait_for(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    assert answers(page) == ["7", "7"]
    screenshot(page, "digits_phone_ko")
