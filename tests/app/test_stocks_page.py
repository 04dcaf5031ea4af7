"""AppTest of pages/stocks.py: data sources, CSV errors, a tiny backtest, results from the cache."""
import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from models.stocks import live
from tests.conftest import ROOT



def _app(lang="en"):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    at.query_params["lang"] = lang
    at.switch_page("pages/stocks.py")
    return at


def _texts(at) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "warning", "error", "success")
             for e in at.get(kind) if isinstance(getattr(e, "value", None), str)]
    return "\n".join(parts)


def _csv_bytes(n=420):
    close = 20 * np.exp(np.cumsum(np.random.default_rng(4).normal(0, 0.01, n)))
    frame = pd.DataFrame({"날짜": pd.bdate_range("2015-01-01", periods=n).date, "종가": close.round(2)})
    return frame.to_csv(index=False).encode()


@pytest.mark.parametrize("lang,word", [("en", "Stock forecasting"), ("ko", "주가 예측")])
def test_first_render_shows_prices_source_and_advice(lang, word):
    at = _app(lang).run()
    assert not at.exception
    assert word in at.title[0].value
    assert len(at.get("plotly_chart")) == 1  # the price chart; no results before training
    text = _texts(at)
    assert "bokeh_sampledata" in text and "Public domain" in text
    assert ("not investment advice" in text) if lang == "en" else ("투자 조언" in text or "사고팔지" in text)


def test_bad_csv_gets_a_translated_message_and_page_survives():
    at = _app("ko").run()
    at.segmented_control(key="stocks_source").set_value("csv").run()
    at.file_uploader(key="stocks_upload").set_value(("bad.csv", b"Date,Close\n2020-01-01,abc\n", "text/csv")).run()
    assert not at.exception
    assert any("숫자가 아닌 가격" in e.value for e in at.error)


def test_good_csv_is_charted_with_its_name():
    at = _app("en").run()
    at.segmented_control(key="stocks_source").set_value("csv").run()
    at.file_uploader(key="stocks_upload").set_value(("kospi.csv", _csv_bytes(), "text/csv")).run()
    assert not at.exception and not at.error
    assert "420 trading days" in _texts(at) and "CSV · kospi.csv" in _texts(at)


def test_live_fetch_offline_falls_back_with_a_notice(monkeypatch):
    def offline(ticker, timeout):
        raise OSError("Could not resolve host")
    monkeypatch.setattr(live, "_download", offline)
    at = _app("en").run()
    at.segmented_control(key="stocks_source").set_value("live").run()
    at.text_input(key="stocks_live_ticker").set_value("goog").run()
    at.button(key="stocks_live_fetch").click().run()
    assert not at.exception
    assert any("built-in offline series" in w.value and "no network" in w.value for w in at.warning)
    at.text_input(key="stocks_live_ticker").set_value("ZZZZ").run()
    at.button(key="stocks_live_fetch").click().run()
    assert any("No prices for “ZZZZ”" in e.value for e in at.error)
    assert len(at.get("plotly_chart")) == 1  # the earlier (GOOG) data is kept


def test_tiny_backtest_shows_every_result_and_is_served_from_cache_next_time():
    at = _app("en").run()
    at.selectbox(key="stocks_ticker").set_value("GOOG").run()
    at.slider(key="stocks_window").set_value(10)
    at.select_slider(key="stocks_units").set_value(8)
    at.slider(key="stocks_epochs").set_value(3).run()
    at.button(key="stocks_run").click().run()
    assert not at.exception and not at.error
    assert len(at.get("plotly_chart")) == 5  # price, loss, backtest, bands, future (the live one is gone)
    table = at.dataframe[0].value
    assert len(table) == 4 and table["MAE ÷ naive"].iloc[0] == 1.0
    text = _texts(at)
    assert "The 80 % band held" in text and "Base rate: the price rose" in text
    assert "**In one sentence:** forecasting the next trading day, the LSTM" in text  # the plain lead sentence
    at.segmented_control(key="stocks_h").set_value(20).run()
    assert not at.exception and "20-day periods" in _texts(at)

    again = _app("ko")
    again.run()
    again.selectbox(key="stocks_ticker").set_value("GOOG").run()
    again.slider(key="stocks_window").set_value(10)
    again.select_slider(key="stocks_units").set_value(8)
    again.slider(key="stocks_epochs").set_value(3).run()
    assert not again.exception
    assert "서버에 저장된 결과" in _texts(again) and len(again.dataframe) == 1
