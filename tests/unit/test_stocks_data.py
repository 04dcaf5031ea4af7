"""Bundled series, CSV validation and the yfinance fallback (yfinance monkeypatched: no network)."""
import numpy as np
import pandas as pd
import pytest

from models.stocks import bundled, live
from models.stocks.csv_input import CsvError, parse_price_csv
from models.stocks.series import MIN_POINTS


def _csv(n=400, header="Date,Close", start="2020-01-01", row=None):
    dates = pd.bdate_range(start, periods=n)
    closes = 100 * np.exp(np.cumsum(np.random.default_rng(0).normal(0, 0.01, n)))
    lines = [header] + [row(d, c) if row else f"{d.date()},{c:.4f}" for d, c in zip(dates, closes)]
    return lines


def _bytes(lines):
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize("ticker,n,first,last", [("GOOG", 2148, "2004-08-19", "2013-03-01"),
                                                  ("AMZN", 5842, "1997-05-15", "2020-07-31")])
def test_bundled_defaults_match_the_packages(ticker, n, first, last):
    s = bundled.load_bundled(ticker)
    assert len(s) == n
    assert str(s.dates[0].date()) == first and str(s.dates[-1].date()) == last
    assert s.dates.is_monotonic_increasing and (s.close > 0).all()
    assert s.licence and s.source


@pytest.mark.parametrize("ticker", bundled.TICKERS)
def test_bundled_series_are_split_adjusted(ticker):
    """A 2:1 split in an unadjusted close is a −69 % log-return; adjusted series have none that size
    except AAPL's real 52 % crash of 29 Sep 2000."""
    s = bundled.load_bundled(ticker)
    r = np.diff(s.log_close)
    big = s.dates[1:][np.abs(r) > 0.5]
    assert len(s) >= MIN_POINTS
    assert [str(d.date()) for d in big] in ([], ["2000-09-29"])


def test_csv_ohlcv_picks_adjusted_close():
    row = lambda d, c: f"{d.date()},1,2,0.5,{c * 2:.4f},{c:.4f},1000"
    s = parse_price_csv(_bytes(_csv(header="Date,Open,High,Low,Close,Adj Close,Volume", row=row)), "x.csv")
    assert len(s) == 400 and s.close[0] < 110  # the Adj Close column, not Close (×2)
    assert s.notices == ()


def test_csv_korean_headers_semicolons_and_thousands_separators():
    row = lambda d, c: f'{d.date()};"{c * 1000:,.0f}"'
    s = parse_price_csv(_bytes(_csv(header="날짜;종가", row=row)), "삼성.csv")
    assert s.close[0] > 1000 and s.ticker == "삼성"


def test_csv_unsorted_is_sorted_with_a_notice_and_gaps_are_reported():
    lines = _csv()
    body = lines[1:]
    shuffled = [lines[0]] + body[200:] + body[:200]
    s = parse_price_csv(_bytes(shuffled))
    assert s.dates.is_monotonic_increasing
    codes = [c for c, _ in s.notices]
    assert codes == ["sorted"]
    gap = _csv(n=200) + _csv(n=200, start="2021-06-01")[1:]
    s = parse_price_csv(_bytes(gap))
    assert [c for c, _ in s.notices] == ["gaps"] and s.notices[0][1]["days"] > 100


@pytest.mark.parametrize("make,code", [
    (lambda: b"", "empty"),
    (lambda: b"   \n", "empty"),
    (lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not_csv"),
    (lambda: b"price\n1\n2\n3\n", "no_columns"),
    (lambda: _bytes(_csv(header="Date,Open,High,Low,Volume", row=lambda d, c: f"{d.date()},1,2,3,4")), "no_close"),
    (lambda: _bytes(_csv(row=lambda d, c: f"day {c:.0f},{c}")), "no_date"),
    (lambda: _bytes(_csv()[:50] + ["2020-13-45,100"] + _csv()[51:]), "bad_dates"),
    (lambda: _bytes(_csv()[:10] + ["2020-01-15,"] + _csv()[11:]), "missing_values"),
    (lambda: _bytes(_csv()[:10] + ["2020-01-15,abc"] + _csv()[11:]), "non_numeric"),
    (lambda: _bytes(_csv()[:10] + ["2020-01-15,-3"] + _csv()[11:]), "non_positive"),
    (lambda: _bytes(_csv() + [_csv()[5]]), "duplicates"),
    (lambda: _bytes(_csv(n=MIN_POINTS - 1)), "too_short"),
])
def test_csv_errors_have_codes(make, code):
    with pytest.raises(CsvError) as info:
        parse_price_csv(make())
    assert info.value.code == code


def test_csv_error_names_the_bad_row():
    with pytest.raises(CsvError) as info:
        parse_price_csv(_bytes(_csv()[:10] + ["2020-01-15,abc"] + _csv()[11:]))
    assert info.value.details["rows"] == "11" and info.value.details["example"] == "abc"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("STOCKS_CACHE_DIR", str(tmp_path))
    return tmp_path


def _frame(n=500):
    idx = pd.date_range("2015-01-01", periods=n, freq="B", tz="America/New_York")
    return pd.DataFrame({"Close": np.linspace(10, 20, n), "Open": 1.0}, index=idx)


def test_live_success_is_cached_then_used_offline(cache, monkeypatch):
    monkeypatch.setattr(live, "_download", lambda t, timeout: _frame())
    s = live.load_live("tsla")
    assert s.ticker == "TSLA" and len(s) == 500 and s.source == live.SOURCE and s.notices == ()
    assert (cache / "TSLA.csv").is_file()

    def offline(t, timeout):
        raise ConnectionError("Could not resolve host")
    monkeypatch.setattr(live, "_download", offline)
    again = live.load_live("TSLA")
    assert np.allclose(again.close, s.close) and again.notices[0][0] == "live_cached"
    assert again.notices[0][1]["reason"] == "offline"


@pytest.mark.parametrize("download,reason", [
    (lambda t, timeout: pd.DataFrame(), "empty"),  # what yf.download returns offline
    (lambda t, timeout: (_ for _ in ()).throw(RuntimeError("Too Many Requests. Rate limited.")), "rate_limited"),
    (lambda t, timeout: (_ for _ in ()).throw(OSError("curl: (6) Could not resolve host")), "offline"),
])
def test_live_falls_back_to_bundled_without_splicing(cache, monkeypatch, download, reason):
    monkeypatch.setattr(live, "_download", download)
    s = live.load_live("GOOG")
    ref = bundled.load_bundled("GOOG")
    assert np.array_equal(s.close, ref.close) and s.source == ref.source  # the whole bundled series
    assert s.notices == (("live_bundled", {"reason": reason}),)


def test_live_unknown_ticker_offline_is_a_clear_error(cache, monkeypatch):
    monkeypatch.setattr(live, "_download", lambda t, timeout: pd.DataFrame())
    with pytest.raises(live.LiveDataError) as info:
        live.load_live("ZZZZ")
    assert info.value.code == "unavailable"
    with pytest.raises(live.LiveDataError) as info:
        live.load_live("rm -rf /")
    assert info.value.code == "bad_ticker"


def test_live_hanging_fetch_times_out(cache, monkeypatch):
    import time

    monkeypatch.setattr(live, "_download", lambda t, timeout: time.sleep(5) or _frame())
    t0 = time.perf_counter()
    s = live.load_live("AMZN", timeout=0.2)
    assert time.perf_counter() - t0 < 4 and s.notices[0] == ("live_bundled", {"reason": "offline"})
