"""GAN studio in Chromium (Korean, English, presentation mode, phone): samples appear, a quiz round is
played and scored, and the toy GAN trains live with its map and verdict."""
import pytest

from tests.e2e.conftest import assert_no_exception, screenshot, wait_idle
from ui.i18n import t

pytestmark = pytest.mark.e2e


def open_gan(page, url: str) -> None:
    page.goto(url)
    page.get_by_test_id("stImage").first.wait_for(timeout=180_000)
    wait_idle(page, timeout_ms=180_000)
    assert_no_exception(page)


def tab(page, key: str, lang: str) -> None:
    page.get_by_role("tab", name=t(f"gan.tabs.{key}", lang=lang)).click()
    wait_idle(page)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_gan_generates_plays_the_quiz_and_trains_the_toy(page, app_url, lang):
    page.set_viewport_size({"width": 1400, "height": 1200})
    open_gan(page, f"{app_url}/gan?lang={lang}")
    screenshot(page, f"gan_{lang}_draw")

    tab(page, "learn", lang)
    page.get_by_text(t("gan.learn.caption", lang=lang)).wait_for(timeout=60_000)
    screenshot(page, f"gan_{lang}_learn")

    tab(page, "quiz", lang)
    page.get_by_role("button", name=t("gan.quiz.new", lang=lang)).click()
    page.get_by_role("button", name=t("gan.quiz.reveal", lang=lang)).wait_for(timeout=120_000)
    wait_idle(page)
    for i in range(8):
        page.get_by_role("radio", name=t("gan.quiz.real", lang=lang), exact=True).nth(i).click()
        wait_idle(page)
    page.get_by_role("button", name=t("gan.quiz.reveal", lang=lang)).click()
    wait_idle(page)
    score = t("gan.quiz.score", lang=lang, you=0, critic=0, total=8).split("0")[0][:6]
    page.get_by_text(score).first.wait_for(timeout=60_000)
    assert_no_exception(page)
    screenshot(page, f"gan_{lang}_quiz")

    tab(page, "toy", lang)
    page.get_by_role("button", name=t("gan.toy.train", lang=lang)).click()
    page.get_by_text(t("gan.toy.replay", lang=lang)).wait_for(timeout=120_000)
    wait_idle(page)
    assert page.get_by_test_id("stPlotlyChart").count() >= 2
    assert_no_exception(page)
    screenshot(page, f"gan_{lang}_toy")


def test_gan_presentation_mode_and_phone(page, app_url):
    page.set_viewport_size({"width": 1600, "height": 1000})
    open_gan(page, f"{app_url}/gan?lang=ko&present=1")
    screenshot(page, "gan_ko_present")
    page.set_viewport_size({"width": 390, "height": 844})
    open_gan(page, f"{app_url}/gan?lang=en")
    screenshot(page, "gan_en_phone")


def test_stop_cancels_training_inside_its_fragment(page, app_url):
    """The toy tab is an `st.fragment`: its Stop does not interrupt the run (Streamlit queues a fragment's
    rerun), so `run_job` sees the click waiting and cancels the training instead of finishing it."""
    page.set_viewport_size({"width": 1400, "height": 1200})
    open_gan(page, f"{app_url}/gan?lang=ko")
    tab(page, "toy", "ko")
    page.get_by_role("button", name=t("gan.toy.train", lang="ko")).click()
    stop = page.get_by_role("button", name=t("jobs.cancel", lang="ko"), exact=True)
    stop.wait_for(timeout=60_000)
    stop.click()
    page.get_by_test_id("stToast").filter(has_text=t("jobs.cancelled", lang="ko")).wait_for(timeout=30_000)
    wait_idle(page)
    assert page.get_by_text(t("gan.toy.replay", lang="ko")).count() == 0  # no trained result: it stopped
    assert_no_exception(page)
    screenshot(page, "gan_ko_toy_stopped")
