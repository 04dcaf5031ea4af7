"""Pose page in Chromium: the skeleton on the example photo (English), an uploaded photo in Korean
presentation mode, and "no person" on a phone-width screen."""
import pytest

from tests.e2e.conftest import assert_no_exception, screenshot, wait_idle
from ui.i18n import t

pytestmark = pytest.mark.e2e
PERSON = "/usr/share/darknet/data/person.jpg"


def test_english_example_skeleton(page, app_url):
    page.goto(f"{app_url}/pose?lang=en")
    wait_idle(page)
    page.get_by_text(t("pose.hover", lang="en")).wait_for(timeout=120_000)
    page.get_by_test_id("stPlotlyChart").first.wait_for()
    assert_no_exception(page)
    page.wait_for_timeout(1000)
    screenshot(page, "pose_example_en")


def test_korean_upload_in_presentation_mode(page, app_url):
    page.set_viewport_size({"width": 1600, "height": 1200})
    page.goto(f"{app_url}/pose?lang=ko&present=1")
    wait_idle(page)
    page.get_by_text(t("common.image.upload", lang="ko"), exact=True).first.click()
    wait_idle(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(PERSON)
    wait_idle(page)
    page.get_by_text(t("pose.hover", lang="ko")).wait_for(timeout=120_000)
    assert_no_exception(page)
    page.wait_for_timeout(1000)
    screenshot(page, "pose_upload_ko_present")


def test_phone_no_person(page, app_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{app_url}/pose?lang=ko")
    wait_idle(page)
    page.get_by_text(t("common.example.dog", lang="ko"), exact=True).first.click()
    wait_idle(page)
    page.get_by_text(t("pose.no_person", lang="ko")).wait_for(timeout=120_000)
    assert_no_exception(page)
    screenshot(page, "pose_no_person_ko_phone")
