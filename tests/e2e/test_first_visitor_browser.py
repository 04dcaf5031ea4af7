"""A class opens the teacher's link to a demo page on a server nobody has visited yet.

Streamlit picks its old pages-directory mode at the first session when app.py has a `pages/` folder
next to it; if that first visitor lands on a demo page, the page ran without app.py and the sidebar
named its links after the files ("app", "deep dream") for every student until someone opened home
(`ui.streamlit_fixes.leave_pages_directory_mode`). Needs its own fresh server, not the shared one.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, screenshot, start_server, stop_server, wait_idle
from ui.i18n import t
from ui.registry import existing_pages

pytestmark = pytest.mark.e2e


def test_first_visitor_on_a_demo_page_gets_app_py_navigation(browser):
    url, proc = start_server()
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{url}/music?lang=ko")
        wait_idle(page, timeout_ms=180_000)
        assert_no_exception(page)
        nav = page.get_by_test_id("stSidebarNav")
        expect(nav).to_contain_text(t("music.title", lang="ko"))
        titles = [t(f"{p.key}.title", lang="ko") for p in existing_pages()]
        expect(nav.get_by_role("link")).to_have_count(len(titles) + 1)  # home and every demo, titled
        for file_name in ("app", "deep dream", "dog breeds"):  # what the old mode called them
            expect(nav.get_by_text(file_name, exact=True)).to_have_count(0)
        page.get_by_role("tab").nth(1).click()  # a rerun keeps it
        wait_idle(page)
        expect(nav).to_contain_text(t("dog.title", lang="ko"))
        screenshot(page, "first_visitor_music_ko")
        page.close()
    finally:
        stop_server(proc)
