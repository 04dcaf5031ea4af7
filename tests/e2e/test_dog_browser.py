"""Dog page in Chromium: upload darknet's dog photo, see P(dog), breed bars and the Grad-CAM overlay;
then, in Korean, the dog and coffee examples as one batch: a breed for one, "no dog" for the other."""
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, screenshot, wait_idle
from ui.i18n import t

pytestmark = pytest.mark.e2e
DOG = "/usr/share/darknet/data/dog.jpg"


def test_upload_dog_shows_bars_and_heatmap(page, app_url):
    page.set_viewport_size({"width": 1400, "height": 1500})
    page.goto(f"{app_url}/dog_breeds?lang=en")
    wait_idle(page)
    page.get_by_role("radio", name=t("common.image.upload", lang="en"), exact=True).click()  # examples come first
    wait_idle(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(DOG)
    page.get_by_text(t("dog.generalist_header", lang="en")).wait_for(timeout=180_000)
    wait_idle(page, timeout_ms=180_000)
    assert_no_exception(page)
    page.get_by_test_id("stPlotlyChart").nth(1).wait_for()  # plotly draws after the run ends
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(2)
    page.get_by_text("Alaskan Malamute").first.wait_for()
    heatmap = page.get_by_test_id("stImage").first
    heatmap.wait_for()
    assert heatmap.locator("img").evaluate("img => img.naturalWidth") > 200
    page.get_by_text("Grad-CAM for").nth(0).wait_for()
    screenshot(page, "dog_breeds_en")


def test_korean_no_dog_example(page, app_url):
    page.set_viewport_size({"width": 1400, "height": 1500})
    page.goto(f"{app_url}/dog_breeds?lang=ko")
    wait_idle(page)
    page.get_by_role("radio", name=t("common.image.example", lang="ko")).click()
    wait_idle(page)
    # the dog example is preselected and named in Korean; picking the coffee replaces it (no stacking)
    page.get_by_text("알래스칸 맬러뮤트").first.wait_for(timeout=180_000)
    page.get_by_test_id("stButtonGroup").get_by_text(t("common.example.coffee", lang="ko")).click()
    wait_idle(page, timeout_ms=180_000)
    page.get_by_text("espresso").first.wait_for(timeout=180_000)
    expect(page.get_by_test_id("stAlert").filter(has_text="강아지를 찾지 못했어요")).to_have_count(1)
    expect(page.get_by_role("heading", name="dog.jpg")).to_have_count(0)  # the first example is gone, not stacked
    assert_no_exception(page)
    screenshot(page, "dog_breeds_ko_no_dog")
