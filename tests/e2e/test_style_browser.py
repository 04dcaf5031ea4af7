"""Style page in Chromium: upload a photo, pick a style from the thumbnail grid and paint it; then,
in Korean, paint it like The Scream and stop a Gatys run half-way with the job's Stop button (the
picture so far is kept)."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, screenshot, wait_idle
from ui.i18n import t

pytestmark = pytest.mark.e2e
DOG = "/usr/share/darknet/data/dog.jpg"


def natural_width(page, nth: int = -1) -> int:
    img = page.get_by_test_id("stImage").nth(nth).locator("img")
    return img.evaluate("img => img.naturalWidth")


def open_with_photo(page, url: str) -> None:
    """Open the page, wait for the 26-style grid, upload the dog photo."""
    page.set_viewport_size({"width": 1400, "height": 2600})
    page.goto(url)
    page.locator(".st-key-style_grid img").nth(25).wait_for(timeout=180_000)  # one image element, 26 pictures
    wait_idle(page, timeout_ms=180_000)
    expect(page.locator(".st-key-style_grid img")).to_have_count(26)
    page.get_by_role("radio", name=t("common.image.upload", lang="ko" if "lang=ko" in url else "en"), exact=True).click()  # examples come first
    wait_idle(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(DOG)
    wait_idle(page)


def paint(page, button: str, lang: str) -> None:
    page.get_by_role("button", name=button).click()
    page.get_by_text(t("style.result.heading", lang=lang), exact=True).wait_for(timeout=180_000)
    wait_idle(page, timeout_ms=180_000)
    assert_no_exception(page)


def test_upload_pick_style_and_paint(page, app_url):
    open_with_photo(page, f"{app_url}/style_transfer?lang=en")
    page.get_by_role("radio", name="No. 16", exact=True).click()  # the numbers under the pictures are pills
    expect(page.get_by_role("radio", name="No. 16", exact=True)).to_have_attribute("aria-checked", "true")
    wait_idle(page)
    paint(page, t("style.fast.run", lang="en"), "en")
    expect(page.get_by_text(re.compile(r"Style 16 · Luigi Russolo, “Perfume” · 512 × 384 px"))).to_have_count(1)
    assert natural_width(page) == 512  # the painted result, aspect ratio kept
    page.get_by_test_id("stDownloadButton").wait_for()
    screenshot(page, "style_fast_en")


def test_korean_scream_and_stopping_gatys(page, app_url):
    open_with_photo(page, f"{app_url}/style_transfer?lang=ko")
    page.get_by_role("radio", name=t("style.mode.arbitrary", lang="ko")).click()
    wait_idle(page)
    # the second image input is the painting: switch it to the examples (The Scream is the only one)
    page.get_by_role("radio", name=t("common.image.example", lang="ko")).nth(1).click()
    wait_idle(page)
    paint(page, t("style.arbitrary.run", lang="ko"), "ko")
    expect(page.get_by_text(re.compile(r"그림 “scream.jpg”의 화풍 · 768 × 576 픽셀"))).to_have_count(1)
    screenshot(page, "style_scream_ko")

    page.get_by_role("radio", name=t("style.mode.gatys", lang="ko")).click()
    wait_idle(page)
    page.get_by_role("button", name=t("style.gatys.start", lang="ko")).click()
    page.get_by_text(re.compile(r"80단계 중 1[0-9]단계")).wait_for(timeout=180_000)
    expect(page.get_by_text(t("style.gatys.running", lang="ko"))).to_have_count(1)  # the live picture
    screenshot(page, "style_gatys_running_ko")
    page.get_by_role("button", name=t("jobs.cancel", lang="ko"), exact=True).click()  # the job's own Stop
    page.get_by_text(re.compile(r"\d+단계에서 멈췄어요")).wait_for(timeout=60_000)
    page.get_by_text(t("jobs.cancelled", lang="ko")).wait_for(timeout=30_000)  # the shared "stopped" toast
    wait_idle(page)
    assert_no_exception(page)
    expect(page.get_by_text(re.compile(r"Gatys \d+단계"))).to_have_count(1)  # the stopped picture is kept
    page.get_by_text(re.compile(r"\d+단계에서 멈췄어요")).scroll_into_view_if_needed()
    screenshot(page, "style_gatys_stopped_ko")
