"""Sounds page in Chromium: upload a clip (waveform + log-mel), train on the ready-made example in Korean
presentation mode, try a held-out clip; English at phone width."""
import re

import pytest

from models.sound.example import EXAMPLE_DIR
from tests.e2e.conftest import assert_no_exception, screenshot, wait_idle
from ui.i18n import t

pytestmark = pytest.mark.e2e


def test_korean_example_trains_and_predicts_in_presentation_mode(page, app_url):
    page.set_viewport_size({"width": 1600, "height": 1200})
    page.goto(f"{app_url}/sounds?lang=ko&present=1")
    wait_idle(page)
    page.get_by_role("button", name=t("sounds.teach.example", lang="ko")).click()
    wait_idle(page)
    page.get_by_text(re.compile("소리 10개")).first.wait_for()
    page.get_by_role("button", name=t("sounds.teach.train", lang="ko")).click()
    wait_idle(page, timeout_ms=240_000)
    page.get_by_text(re.compile("검증 정확도")).wait_for(timeout=240_000)
    page.get_by_text(re.compile("시험한 정확도")).wait_for()
    assert_no_exception(page)
    page.set_viewport_size({"width": 1600, "height": 4000})
    page.wait_for_timeout(1500)
    screenshot(page, "sounds_trained_ko_present")


def test_english_upload_shows_spectrogram_on_a_phone(page, app_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{app_url}/sounds?lang=en")
    wait_idle(page)
    clip = next((EXAMPLE_DIR / "test" / "휘파람").glob("*.wav"))
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(clip))
    wait_idle(page)
    page.get_by_text(re.compile("1.0-second clip")).wait_for()
    page.get_by_test_id("stPlotlyChart").first.wait_for()
    assert_no_exception(page)
    page.wait_for_timeout(1000)
    screenshot(page, "sounds_clip_en_phone")
