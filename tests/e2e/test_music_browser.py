"""Music studio in Chromium: generate two variations, hear them (audio player), see the piano roll,
drumify one; moving a tab's slider re-sends no piano roll (the tabs are fragments); Korean results
and a broken MIDI upload in Korean get a clear message."""
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, screenshot, wait_idle
from ui.i18n import t

pytestmark = pytest.mark.e2e


def watch_frames(page) -> list[bytes]:
    """Every websocket message the server sends to this page, as bytes (call before `goto`)."""
    frames: list[bytes] = []
    page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda payload: frames.append(payload if isinstance(payload, bytes) else payload.encode())))
    return frames


def piano_rolls_sent(frames: list[bytes]) -> int:
    return sum(frame.count(b"hovertemplate") for frame in frames)  # each roll trace has one


def open_page(page, url: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 2400})
    page.goto(url)
    page.get_by_test_id("stTabs").first.wait_for(timeout=180_000)
    wait_idle(page, timeout_ms=180_000)
    assert_no_exception(page)


def test_generate_listen_and_drumify(page, app_url):
    frames = watch_frames(page)
    open_page(page, f"{app_url}/music?lang=en")
    page.get_by_role("button", name=t("music.generate_button", lang="en")).click()
    page.get_by_test_id("stAudio").first.wait_for(timeout=180_000)
    wait_idle(page, timeout_ms=180_000)
    assert_no_exception(page)
    expect(page.get_by_test_id("stAudio")).to_have_count(2)
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(2)
    expect(page.get_by_test_id("stDownloadButton")).to_have_count(6)
    duration = page.get_by_test_id("stAudio").first.evaluate(
        "el => new Promise(r => { const a = el.tagName === 'AUDIO' ? el : el.querySelector('audio');"
        " if (a.readyState > 0) r(a.duration); else a.addEventListener('loadedmetadata', () => r(a.duration)); })")
    assert duration > 8 * 4 * 60 / 110 - 0.5         # 8 bars at 110 BPM, plus the release tail
    with page.expect_download(timeout=60_000) as download:   # WAV is rendered only on this click
        page.get_by_test_id("stDownloadButton").filter(has_text=t("music.download_wav", lang="en")).first.click()
    assert open(download.value.path(), "rb").read(4) == b"RIFF"
    with page.expect_download(timeout=60_000) as download:   # the MIDI file too is written on its click
        page.get_by_test_id("stDownloadButton").filter(has_text=t("music.download_midi", lang="en")).first.click()
    assert open(download.value.path(), "rb").read(4) == b"MThd"
    wait_idle(page)
    screenshot(page, "music_generate_en")

    assert piano_rolls_sent(frames) >= 2   # the rolls did travel once
    frames.clear()
    bars = page.get_by_test_id("stSlider").filter(has_text=t("music.bars", lang="en")).first.get_by_role("slider")
    bars.focus()
    bars.press("ArrowRight")
    wait_idle(page)
    assert_no_exception(page)
    assert frames and piano_rolls_sent(frames) == 0  # only the Generate tab reran
    expect(page.get_by_test_id("stAudio")).to_have_count(2)

    page.get_by_role("tab", name=t("music.tabs.drums", lang="en")).click()
    page.get_by_role("button", name=t("music.drumify_button", lang="en")).click()
    page.get_by_text("Drumify ·").first.wait_for(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    expect(page.get_by_test_id("stAudio")).to_have_count(3)
    screenshot(page, "music_drumify_en")


def test_generate_in_korean(page, app_url):
    open_page(page, f"{app_url}/music?lang=ko")
    page.get_by_role("button", name=t("music.generate_button", lang="ko")).click()
    page.get_by_test_id("stAudio").first.wait_for(timeout=180_000)
    wait_idle(page)
    assert_no_exception(page)
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(2)
    expect(page.locator(".xtitle", has_text=t("music.roll.x", lang="ko")).first).to_be_visible()  # Korean roll
    screenshot(page, "music_generate_ko")


def test_broken_midi_in_korean(page, app_url, tmp_path):
    bad = tmp_path / "broken.mid"
    bad.write_bytes(b"MThd\x00\x00\x00\x06garbage")
    open_page(page, f"{app_url}/music?lang=ko")
    page.get_by_role("tab", name=t("music.tabs.continue", lang="ko")).click()
    page.get_by_text(t("music.continue.upload", lang="ko"), exact=True).click()
    wait_idle(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(bad))
    page.get_by_test_id("stAlert").filter(has_text="broken.mid").first.wait_for(timeout=60_000)
    assert_no_exception(page)
    screenshot(page, "music_bad_midi_ko")
