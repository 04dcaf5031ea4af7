"""Cold start: launching the server until the home page is rendered in Chromium (goal ≤ 4 s)."""
from __future__ import annotations

import time

from tests.e2e.conftest import CHROMIUM, LAUNCH_ARGS, start_server, stop_server


def run() -> list[dict]:
    from playwright.sync_api import sync_playwright

    t0 = time.perf_counter()
    url, proc = start_server()
    healthy = time.perf_counter() - t0
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
            page = browser.new_page(locale="ko-KR")
            page.goto(url)
            page.wait_for_selector("h1", timeout=30_000)
            rendered = time.perf_counter() - t0
            browser.close()
    finally:
        stop_server(proc)
    return [
        {"name": "cold start: server healthy", "value": healthy, "unit": "s",
         "note": "one cold run (a cold start cannot be warmed; not a median)"},
        {"name": "cold start: home rendered in Chromium", "value": rendered, "unit": "s", "goal": 4.0,
         "better": "lower", "note": "one cold run: launch → first <h1> visible, Korean locale"},
    ]
