"""Every registered page as a classroom sees it, in Korean (issue 14).

* Projector: 1920×1080 with `?present=1`. Fails when any visible text, HTML or a chart's SVG text, is drawn
  under 20 px (Chromium's computed font size, times the SVG's screen scale).
* Phone: 390×844. Fails when the page's main action (one table below) ends lower than two screen heights.

One server and one browser for all pages (session fixtures); a fresh context per page and mode. Each page's
screenshot goes to test-output/screenshots/classroom_<key>_{present,phone}.png.
"""
from __future__ import annotations

import pytest

from tests.e2e.conftest import SHOTS, assert_no_exception, wait_idle
from ui.registry import existing_pages

pytestmark = pytest.mark.e2e

MIN_PX = 20
PHONE = {"width": 390, "height": 844}
PROJECTOR = {"width": 1920, "height": 1080}

# The one thing a student comes to the page to do, as a Playwright selector (Korean mode). Buttons by
# their widget key (Streamlit puts `st-key-<key>` on the element); pages without a button by the first
# thing they draw for the preselected example.
MAIN_ACTION = {
    "home": "[data-testid='stMain'] [data-testid='stPageLink'] >> nth=0",  # the first demo's card
    "dog": "[data-testid='stPlotlyChart'] >> nth=0",  # the example's breed chart, drawn without a click
    # a fresh teach page has no photos, so "train" cannot act yet: the one-click start is the sample classes
    "teach": ".st-key-teach_sample",
    "dream": ".st-key-dream_run",
    "style": ".st-key-style_run_fast",
    "music": ".st-key-music_generate",
    "stocks": ".st-key-stocks_run",
    "palette": ".st-key-pal_generate",
    "digits": "canvas.upper-canvas >> nth=0",  # the drawing canvas (Fabric.js listens on its upper canvas)
    "cnn": ".st-key-cnn_kernel",  # the filter to slide over the example photo
    "neuron": ".st-key-neuron_w1",  # the first weight slider
    "playground": ".st-key-pg_play",
    "pose": "[data-testid='stPlotlyChart'] >> nth=0",  # the skeleton found on the example photo
    "sounds": "button[kind='primary'] >> nth=0",
    "gan": ".st-key-gan_seed",  # the seed that draws new samples
}

# Text that is drawn but is not text for anyone to read: Material icon ligatures ("arrow_right" drawn as
# an arrow glyph) are pictures, sized as icons.
DECORATIVE = "[data-testid='stIconMaterial'], .material-symbols-rounded"

SMALL_TEXT_JS = """([minPx, decorative]) => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || !el || el.closest('style, script, noscript, title') || el.closest(decorative)) continue;
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || r.right <= 0 || r.left >= innerWidth) continue;  // collapsed sidebar
    let px = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement && el.getScreenCTM()) {
      const m = el.getScreenCTM();
      px *= Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));  // a scaled SVG draws its text scaled
    }
    if (px < minPx - 0.01) small.push(`${px.toFixed(1)}px ${el.tagName.toLowerCase()}: ${text.slice(0, 60)}`);
  }
  // a dataframe draws its cells on a canvas at the theme's ~14 px: no text node to measure, so it fails
  for (const grid of document.querySelectorAll('[data-testid=stDataFrame]')) {
    if (grid.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) small.push('canvas table (stDataFrame)');
  }
  return small;
}"""


def _pages():
    return [("home", ""), *[(p.key, p.url_path) for p in existing_pages()]]


def _open(browser, url, viewport):
    context = browser.new_context(viewport=viewport, locale="ko-KR")
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.goto(url)
    wait_idle(page)
    # charts draw after the script run: wait until every plotly chart has its SVG
    page.wait_for_function(
        "[...document.querySelectorAll('[data-testid=stPlotlyChart]')].every(c => c.querySelector('svg.main-svg'))"
    )
    page.wait_for_timeout(500)
    return context, page


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


@pytest.mark.parametrize("key,path", _pages(), ids=[k for k, _ in _pages()])
def test_presentation_mode_has_no_text_under_20px(browser, app_url, key, path):
    context, page = _open(browser, f"{app_url}/{path}?lang=ko&present=1", PROJECTOR)
    try:
        assert_no_exception(page)
        page.locator("[data-testid='stMain'] h1").first.wait_for()
        small = page.evaluate(SMALL_TEXT_JS, [MIN_PX, DECORATIVE])
        _shot(page, f"classroom_{key}_present")
        assert not small, f"{key}: {len(small)} texts under {MIN_PX}px at 1920x1080: {small[:15]}"
    finally:
        context.close()


@pytest.mark.parametrize("key,path", _pages(), ids=[k for k, _ in _pages()])
def test_phone_reaches_main_action_within_two_screens(browser, app_url, key, path):
    assert key in MAIN_ACTION, f"{key}: say what its main action is in MAIN_ACTION"
    context, page = _open(browser, f"{app_url}/{path}?lang=ko", PHONE)
    try:
        assert_no_exception(page)
        action = page.locator(MAIN_ACTION[key])
        action.wait_for(state="visible")
        box = action.bounding_box()  # the main scroll area has not moved: y is the distance from the top
        page.set_viewport_size({"width": PHONE["width"], "height": 2 * PHONE["height"]})
        page.wait_for_timeout(300)
        _shot(page, f"classroom_{key}_phone")  # exactly the two screens a student scrolls through
        assert box["y"] + box["height"] <= 2 * PHONE["height"], (
            f"{key}: main action ends at {box['y'] + box['height']:.0f}px, below two screens ({2 * PHONE['height']}px)"
        )
        wide = page.evaluate("document.querySelector('[data-testid=stMain]').scrollWidth")
        assert wide <= PHONE["width"] + 1, f"{key}: the page is {wide}px wide on a {PHONE['width']}px phone"
    finally:
        context.close()
