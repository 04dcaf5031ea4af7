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


def test_english_teach_two_poses_train_and_predict(page, app_url, tmp_path):
    from PIL import Image, ImageOps

    person = Image.open(PERSON).convert("RGB")
    files = {}
    for name, flip in (("facing", False), ("mirrored", True)):
        files[name] = []
        for i in range(3):
            path = tmp_path / f"{name}_{i}.jpg"
            (ImageOps.mirror(person) if flip else person).resize((640 - 60 * i, 424 - 40 * i)).save(path)
            files[name].append(str(path))
    page.set_viewport_size({"width": 1400, "height": 1200})
    page.goto(f"{app_url}/pose?lang=en")
    wait_idle(page)
    for name, paths in files.items():
        box = page.get_by_label(t("pose.teach.class_name", lang="en"))
        box.fill(name)
        box.press("Enter")
        wait_idle(page)
        page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(paths)  # the example needs none
        wait_idle(page)
        page.get_by_role("button", name=t("pose.teach.add_button", lang="en")).click()
        wait_idle(page)
        page.get_by_text(t("pose.teach.class_line", lang="en", name=name, n=3).replace("**", "")).wait_for()
    page.get_by_role("button", name=t("pose.teach.train", lang="en")).click()
    wait_idle(page, timeout_ms=240_000)
    page.get_by_text("Validation accuracy", exact=False).wait_for(timeout=240_000)
    page.get_by_text(t("pose.try.header", lang="en")).wait_for()
    page.get_by_test_id("stFileUploaderDropzoneInput").nth(1).set_input_files(files["mirrored"][0])  # try-it
    wait_idle(page)
    page.get_by_text("Prediction:", exact=False).wait_for(timeout=120_000)
    assert_no_exception(page)
    page.set_viewport_size({"width": 1400, "height": 3600})
    page.wait_for_timeout(1500)
    screenshot(page, "pose_trained_en")
