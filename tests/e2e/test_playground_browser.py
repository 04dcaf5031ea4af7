"""Playground in Chromium (Korean, English, presentation mode, phone): train live and see the decision
surface, the network picture and the epoch count change; then Dense vs LSTM and the gates."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, screenshot, wait_idle
from ui.i18n import t

pytestmark = pytest.mark.e2e
EPOCH = {"ko": re.compile(r"에포크 (\d+) ·"), "en": re.compile(r"Epoch (\d+) ·")}


def open_playground(page, url: str) -> None:
    page.goto(url)
    page.get_by_test_id("stImage").first.wait_for(timeout=180_000)
    wait_idle(page, timeout_ms=180_000)
    page.wait_for_timeout(800)
    assert_no_exception(page)


def epoch(page, lang: str) -> int:
    text = page.get_by_text(EPOCH[lang]).first.inner_text()
    return int(EPOCH[lang].search(text).group(1))


def settled_epoch(page, lang: str, quiet_s: int = 3, most_s: float = 30) -> int:
    """The epoch once it has not moved for `quiet_s` seconds (a loaded machine may still draw redraws
    that were queued before the click); after `most_s` the last value, and the caller's check fails."""
    last, quiet = epoch(page, lang), 0
    for _ in range(int(most_s)):
        page.wait_for_timeout(1000)
        now = epoch(page, lang)
        quiet = quiet + 1 if now == last else 0
        if quiet >= quiet_s:
            return now
        last = now
    return last


def network_src(page) -> str:
    return page.get_by_test_id("stImage").first.locator("img").get_attribute("src")  # an inline PNG data URI


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_playground_trains_live_and_the_picture_changes(page, app_url, lang):
    page.set_viewport_size({"width": 1400, "height": 1200})
    open_playground(page, f"{app_url}/playground?lang={lang}")
    assert epoch(page, lang) == 0
    screenshot(page, f"playground_{lang}_start")
    picture, surface = network_src(page), page.get_by_test_id("stPlotlyChart").first.screenshot()
    page.get_by_role("button", name=t("playground.controls.play", lang=lang)).click()
    page.wait_for_timeout(6000)  # live: several redraws a second
    assert epoch(page, lang) > 0
    assert network_src(page) != picture
    screenshot(page, f"playground_{lang}_training")
    page.get_by_role("button", name=t("playground.controls.pause", lang=lang)).click()
    expect(page.get_by_role("button", name=t("playground.controls.play", lang=lang))).to_be_visible(timeout=30_000)
    wait_idle(page, timeout_ms=60_000)
    stopped = settled_epoch(page, lang, quiet_s=3)  # redraws queued before the click may still land
    page.wait_for_timeout(1500)
    assert epoch(page, lang) == stopped  # paused means paused
    assert page.get_by_test_id("stPlotlyChart").first.screenshot() != surface  # the decision surface moved
    assert_no_exception(page)

    page.get_by_role("button", name=t("playground.memory.button", lang=lang)).click()
    page.get_by_text(t("playground.memory.gates_header", lang=lang)).wait_for(timeout=180_000)
    wait_idle(page, timeout_ms=120_000)
    assert_no_exception(page)
    page.wait_for_timeout(1000)
    page.get_by_test_id("stPlotlyChart").last.scroll_into_view_if_needed()
    screenshot(page, f"playground_{lang}_memory")


def test_playground_presentation_mode_and_phone(page, app_url):
    page.set_viewport_size({"width": 1600, "height": 1000})
    open_playground(page, f"{app_url}/playground?lang=ko&present=1")
    screenshot(page, "playground_ko_present")
    page.set_viewport_size({"width": 390, "height": 844})
    open_playground(page, f"{app_url}/playground?lang=en")
    page.get_by_role("button", name=t("playground.controls.step", lang="en")).click()
    wait_idle(page)
    assert epoch(page, "en") == 1
    screenshot(page, "playground_en_phone")
