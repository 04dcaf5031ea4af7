"""Palette page in Chromium: lock a swatch and regenerate (it stays), make a palette from an uploaded
photo (photo vs model colours are labelled), look at the colour-blind check; Korean CVD-safe run."""
import re

import pytest
from playwright.sync_api import expect

from models.palette import cvd
from tests.e2e.conftest import assert_no_exception, screenshot, wait_idle
from ui.i18n import t

pytestmark = pytest.mark.e2e
KITE = "/usr/share/darknet/data/kite.jpg"
HEX = re.compile(r"^#[0-9a-f]{6}$")


def swatches(page) -> list[str]:
    """The hex labels drawn on the palette swatches (first row of monospace labels)."""
    labels = page.locator("[data-testid='stMarkdownContainer'] span").filter(has_text=HEX)
    return [labels.nth(i).inner_text() for i in range(5)]


def open_page(page, url: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 2200})
    page.goto(url)
    page.get_by_test_id("stPlotlyChart").first.wait_for(state="attached", timeout=180_000)
    wait_idle(page, timeout_ms=180_000)
    assert_no_exception(page)


def test_lock_regenerate_photo_and_cvd_check(page, app_url):
    open_page(page, f"{app_url}/palette?lang=en")
    before = swatches(page)
    assert all(HEX.match(h) for h in before)
    page.get_by_text(t("palette.lock", lang="en")).first.click()
    wait_idle(page)
    page.get_by_role("button", name=t("palette.generate", lang="en")).click()
    wait_idle(page)
    after = swatches(page)
    assert after[0] == before[0] and after != before

    page.get_by_role("radio", name=t("common.image.upload", lang="en"), exact=True).click()  # examples come first
    wait_idle(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(KITE)
    wait_idle(page)
    page.get_by_role("button", name=t("palette.photo.go", lang="en")).click()
    page.get_by_text(t("palette.photo.found", lang="en")).wait_for(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    expect(page.get_by_text(t("palette.source.photo", lang="en"), exact=True)).to_have_count(3)
    expect(page.get_by_text(t("palette.source.model", lang="en"), exact=True)).to_have_count(2)
    screenshot(page, "palette_photo_en")

    page.get_by_role("tab", name=t("palette.tab.cvd", lang="en")).click()
    wait_idle(page)
    assert page.get_by_text(t("palette.vision.deutan", lang="en")).first.is_visible()
    screenshot(page, "palette_cvd_en")


def test_korean_cvd_safe_palette(page, app_url):
    open_page(page, f"{app_url}/palette?lang=ko")
    page.get_by_text(t("palette.cvd_safe", lang="ko"), exact=True).click()
    wait_idle(page)
    page.get_by_role("button", name=t("palette.generate", lang="ko")).click()
    wait_idle(page)
    assert_no_exception(page)
    assert cvd.check(swatches(page))["cvd_safe"]
    page.get_by_role("tab", name=t("palette.tab.design", lang="ko")).click()
    wait_idle(page)
    screenshot(page, "palette_design_ko")
