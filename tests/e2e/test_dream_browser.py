"""Deep Dream in Chromium: upload a photo, run a short dream, see before/after, download the PNG."""
import io
import os
import re

import pytest
from PIL import Image

from tests.e2e.conftest import assert_no_exception, screenshot, wait_idle
from ui.i18n import t

pytestmark = pytest.mark.e2e
PHOTO = "/usr/share/darknet/data/eagle.jpg"


def _photo_of_its_own(folder) -> str:
    """The eagle with one corner pixel of its own: a retried attempt's dream is not the first attempt's
    shared result (which would come back at once, without the live progress this test waits for)."""
    img = Image.open(PHOTO).convert("RGB")
    img.putpixel((0, 0), tuple(os.urandom(3)))
    path = folder / "eagle.jpg"
    img.save(path, quality=95)
    return str(path)


def test_upload_dream_compare_and_download(page, app_url, tmp_path):
    photo = _photo_of_its_own(tmp_path)
    page.goto(f"{app_url}/deep_dream?lang=en")
    wait_idle(page)
    page.get_by_role("heading", name=t("dream.title", lang="en")).first.wait_for()
    page.get_by_role("radio", name=t("common.image.upload", lang="en"), exact=True).click()  # examples come first
    wait_idle(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(photo)
    wait_idle(page)
    page.get_by_text(t("dream.preset.mobilenet.patterns.name", lang="en"), exact=True).click()
    wait_idle(page)
    page.get_by_role("button", name=t("dream.run.button", lang="en")).click()
    page.get_by_text(re.compile(r"Dreaming: step \d+ of 30")).first.wait_for(timeout=120_000)  # live progress
    wait_idle(page, timeout_ms=180_000)
    page.get_by_text(re.compile(r"Patterns · 3 octaves × 10 steps .* 512 × \d+ px")).wait_for()
    page.get_by_test_id("stImage").nth(2).wait_for()  # before, after, wipe
    assert_no_exception(page)
    page.set_viewport_size({"width": 1400, "height": 2600})
    page.wait_for_timeout(1500)
    screenshot(page, "dream_after_en")

    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").get_by_role("button").first.click()
    dreamed = Image.open(io.BytesIO(open(info.value.path(), "rb").read()))
    original = Image.open(PHOTO)
    assert dreamed.format == "PNG" and dreamed.width == 512
    assert abs(dreamed.height / dreamed.width - original.height / original.width) < 0.01


def test_korean_page_explains_the_lecture(page, app_url):
    page.goto(f"{app_url}/deep_dream?lang=ko")
    wait_idle(page)
    page.get_by_role("heading", name=t("dream.title", lang="ko")).first.wait_for()
    page.get_by_text(t("dream.lecture.heading", lang="ko")).click()
    page.get_by_text("학습을 거꾸로").wait_for()
    page.get_by_role("radio", name=t("dream.backbone.vgg16.name", lang="ko")).click()
    wait_idle(page)
    page.get_by_text(t("dream.preset.vgg16.eyes.what", lang="ko")).wait_for()
    assert_no_exception(page)
    screenshot(page, "dream_lecture_ko")
