"""Neuron page in Chromium (Korean, English, presentation mode, phone): sliders move the line, the
perceptron animation plays, the 2-2-1 net trains and draws its two lines."""
import pytest

from tests.e2e.conftest import assert_no_exception, screenshot, wait_idle
from ui.i18n import t

pytestmark = pytest.mark.e2e


def open_neuron(page, url: str) -> None:
    page.goto(url)
    page.get_by_test_id("stPlotlyChart").first.wait_for(timeout=180_000)
    wait_idle(page, timeout_ms=180_000)
    page.wait_for_timeout(1000)  # let plotly finish drawing
    assert_no_exception(page)


def neuron_chart(page) -> bytes:
    chart = page.get_by_test_id("stPlotlyChart").first
    chart.scroll_into_view_if_needed()
    return chart.screenshot()


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_neuron_sliders_learning_and_xor_network(page, app_url, lang):
    page.set_viewport_size({"width": 1400, "height": 1000})
    open_neuron(page, f"{app_url}/neuron?lang={lang}")
    page.get_by_text(t("neuron.title", lang=lang)).first.wait_for()
    screenshot(page, f"neuron_{lang}_start")
    before = neuron_chart(page)
    bias = page.get_by_role("slider").nth(2)
    bias.focus()
    for _ in range(5):
        bias.press("ArrowRight")  # b from −0.7 to −0.2: the AND line slides into OR
    wait_idle(page)
    page.wait_for_timeout(800)
    assert neuron_chart(page) != before
    assert page.get_by_text("OR").first.is_visible()

    page.get_by_role("radio", name="XOR").nth(1).click()  # the learning rule's gate
    wait_idle(page)
    page.get_by_text("1969").first.wait_for()
    animation = page.get_by_test_id("stPlotlyChart").nth(1)
    animation.scroll_into_view_if_needed()
    first = animation.screenshot()
    animation.get_by_text(t("neuron.fig.play", lang=lang)).first.click()
    page.wait_for_timeout(2500)
    assert animation.screenshot() != first  # the line moved epoch by epoch
    screenshot(page, f"neuron_{lang}_xor_rule")

    page.get_by_role("button", name=t("neuron.xor.button", lang=lang)).click()
    page.get_by_test_id("stPlotlyChart").nth(3).wait_for(timeout=180_000)
    wait_idle(page, timeout_ms=180_000)
    assert_no_exception(page)
    page.wait_for_timeout(1000)
    page.get_by_test_id("stPlotlyChart").nth(3).scroll_into_view_if_needed()
    screenshot(page, f"neuron_{lang}_xor_network")


def test_neuron_presentation_mode_and_phone(page, app_url):
    page.set_viewport_size({"width": 1600, "height": 1000})
    open_neuron(page, f"{app_url}/neuron?lang=ko&present=1")
    screenshot(page, "neuron_ko_present")
    page.set_viewport_size({"width": 390, "height": 844})
    open_neuron(page, f"{app_url}/neuron?lang=en")
    assert_no_exception(page)
    screenshot(page, "neuron_en_phone")
