"""The shell in a real browser: cold home in Korean and English, language switch, cold deep link."""
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, screenshot, start_server, stop_server, wait_idle
from ui.i18n import t
from ui.registry import existing_pages

pytestmark = pytest.mark.e2e


def open_home(browser, url, locale):
    context = browser.new_context(viewport={"width": 1300, "height": 1000}, locale=locale)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(url)
    wait_idle(page)
    return context, page


def test_home_korean_by_browser_locale(browser, app_url):
    context, page = open_home(browser, app_url, "ko-KR")
    page.get_by_role("heading", name=t("home.heading", lang="ko")).wait_for()
    assert_no_exception(page)
    for demo in existing_pages():
        page.get_by_text(t(f"{demo.key}.title", lang="ko")).first.wait_for(timeout=30_000)
    screenshot(page, "home_ko")
    context.close()


def test_home_english_and_switch_keeps_url(browser, app_url):
    context, page = open_home(browser, app_url, "en-US")
    page.get_by_role("heading", name=t("home.heading", lang="en")).wait_for()
    screenshot(page, "home_en")
    page.get_by_test_id("stSidebar").get_by_role("radio", name="ko").click()
    page.get_by_role("heading", name=t("home.heading", lang="ko")).wait_for()
    assert "lang=ko" in page.url
    assert_no_exception(page)
    context.close()


def test_presentation_mode(browser, app_url):
    context, page = open_home(browser, f"{app_url}/?lang=en&present=1", "en-US")
    page.get_by_role("heading", name=t("home.heading", lang="en")).wait_for()
    size = page.evaluate("getComputedStyle(document.querySelector('h1')).fontSize")
    assert float(size.rstrip("px")) >= 44
    screenshot(page, "home_present")
    context.close()


def test_cold_deep_link_to_a_demo_page(browser):
    pages = existing_pages()
    if not pages:
        pytest.fail("no demo page registered")
    url, proc = start_server()  # a fresh server: the deep link is the very first request
    try:
        context, page = open_home(browser, f"{url}/{pages[0].url_path}?lang=en", "en-US")
        page.get_by_role("heading", name=t(f"{pages[0].key}.title", lang="en")).first.wait_for()
        assert_no_exception(page)
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_text(t("common.nav.home", lang="en"))).to_have_count(1)
        screenshot(page, "deep_link_cold")
        context.close()
    finally:
        stop_server(proc)


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("demo", existing_pages(), ids=lambda p: p.key)
def test_every_page_opens_in_both_languages(browser, app_url, demo, lang):
    context, page = open_home(browser, f"{app_url}/{demo.url_path}?lang={lang}", f"{lang}-KR" if lang == "ko" else "en-US")
    page.locator("h1").first.wait_for()
    expect(page).to_have_title(f"{t(f'{demo.key}.title', lang=lang)} · {t('common.app_name', lang=lang)}")
    assert_no_exception(page)
    page.wait_for_timeout(1500)  # let plotly finish drawing before the picture
    screenshot(page, f"page_{demo.key}_{lang}")
    context.close()
