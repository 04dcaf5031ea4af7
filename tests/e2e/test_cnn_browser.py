"""CNN page in Chromium: the notes' 3 and -3, an example photo through the vertical-edge filter and the
ImageNet network's feature maps, then the digit drawn on the digits page inside the digits CNN; ko and en,
presentation mode and phone width."""
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, screenshot, wait_idle
from tests.e2e.test_digits_browser import SEVEN, draw
from ui.i18n import t

pytestmark = pytest.mark.e2e


def test_example_photo_filters_and_imagenet_maps_in_english_presentation_mode(page, app_url):
    page.set_viewport_size({"width": 1600, "height": 1200})
    page.goto(f"{app_url}/cnn?lang=en&present=1")
    wait_idle(page, timeout_ms=180_000)
    page.get_by_text("= -3").first.wait_for()
    page.get_by_role("radio", name=t("common.image.example", lang="en")).click()
    wait_idle(page, timeout_ms=180_000)
    page.get_by_text(t("cnn.imagenet.late", lang="en")).wait_for(timeout=180_000)
    assert_no_exception(page)
    expect(page.get_by_text(t("cnn.filter.signed", lang="en"))).to_be_visible()
    screenshot(page, "cnn_photo_en_present")
    page.get_by_text(t("cnn.imagenet.late", lang="en")).scroll_into_view_if_needed()
    screenshot(page, "cnn_imagenet_en_present")


def test_drawn_digit_inside_the_cnn_in_korean(page, app_url):
    page.set_viewport_size({"width": 1400, "height": 1400})
    page.goto(f"{app_url}/digits?lang=ko")
    wait_idle(page, timeout_ms=180_000)
    draw(page, SEVEN)
    page.get_by_test_id("stMetricValue").nth(1).wait_for(timeout=120_000)
    wait_idle(page)
    page.get_by_test_id("stSidebar").get_by_text(t("cnn.title", lang="ko")).click()  # same session: same digit
    wait_idle(page, timeout_ms=180_000)
    page.get_by_role("radio", name=t("cnn.source_digit", lang="ko")).click()
    wait_idle(page)
    page.get_by_role("radio", name=t("cnn.digit.relu2", lang="ko")).click()
    wait_idle(page)
    assert_no_exception(page)
    page.get_by_text(t("cnn.digit.field", lang="ko", block=2)).wait_for()
    screenshot(page, "cnn_digit_ko")


def test_phone_width(page, app_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{app_url}/cnn?lang=ko")
    wait_idle(page, timeout_ms=180_000)
    page.get_by_text("= 3").first.wait_for()
    assert_no_exception(page)
    screenshot(page, "cnn_phone_ko")
