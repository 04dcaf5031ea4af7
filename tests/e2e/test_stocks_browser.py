"""Real Chromium: upload a price CSV, shrink the LSTM, run the backtest, look at every result."""
import numpy as np
import pandas as pd
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_exception, screenshot, wait_idle


def _csv(path, n=700):
    t = np.arange(n)
    close = 30 * np.exp(np.cumsum(np.random.default_rng(7).normal(0.0004, 0.012, n)) + 0.03 * np.sin(t / 9))
    pd.DataFrame({"Date": pd.bdate_range("2016-01-04", periods=n).date, "Close": close.round(3)}).to_csv(path, index=False)
    return path


@pytest.mark.e2e
def test_stocks_upload_train_and_results_in_korean(app_url, page, tmp_path):
    page.goto(f"{app_url}/stocks?lang=ko")
    page.locator("h1", has_text="주가 예측, 정직하게").wait_for()
    page.get_by_test_id("stPlotlyChart").first.wait_for()
    wait_idle(page)
    assert_no_exception(page)
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(1)  # GOOG price chart by default
    screenshot(page, "stocks_ko_start")
    page.get_by_text("LSTM은 어떻게 기억할까").click()
    page.get_by_test_id("stGraphVizChart").wait_for()
    page.wait_for_timeout(1000)
    page.get_by_test_id("stGraphVizChart").scroll_into_view_if_needed()
    screenshot(page, "stocks_ko_gates")

    page.get_by_role("radio", name="CSV 올리기").click()
    wait_idle(page)
    bad = tmp_path / "bad.csv"
    bad.write_text("Date,Close\n2020-01-01,1\n2020-01-02,2\n")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(bad))
    page.get_by_text("거래일이 적어도 300일").first.wait_for()

    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(_csv(tmp_path / "my_stock.csv")))
    page.get_by_text("CSV · my_stock.csv").first.wait_for()
    wait_idle(page)
    page.get_by_text("설정 바꾸기").click()  # the LSTM settings wait in an expander, the button comes first
    sliders = page.get_by_role("slider")
    sliders.nth(0).press("Home")  # window 10 days
    wait_idle(page)
    sliders.nth(2).press("Home")  # 3 epochs
    wait_idle(page)
    page.get_by_role("button", name="LSTM 학습하고 백테스트 돌리기").click()
    page.get_by_text("정말로 얼마나 잘 맞힐까?").wait_for(timeout=240_000)
    wait_idle(page, timeout_ms=240_000)
    assert_no_exception(page)
    page.get_by_text("한 줄 요약").first.wait_for()  # one plain sentence leads; the table waits in an expander
    page.get_by_text("자세히 보기:").click()
    wait_idle(page)
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(5)  # price, backtest, bands, loss, future
    page.get_by_test_id("stDataFrame").first.wait_for()
    expect(page.get_by_test_id("stDataFrame")).to_have_count(1)
    assert page.get_by_text("80% 구간 안에 실제 주가가").first.is_visible()
    page.get_by_role("radio", name="20거래일 뒤").click()
    wait_idle(page)
    assert_no_exception(page)
    page.wait_for_timeout(1500)  # let plotly finish drawing before the pictures
    screenshot(page, "stocks_ko_results")
    page.get_by_test_id("stDataFrame").scroll_into_view_if_needed()
    screenshot(page, "stocks_ko_table_bands")
    page.get_by_test_id("stPlotlyChart").nth(4).scroll_into_view_if_needed()
    screenshot(page, "stocks_ko_future")
