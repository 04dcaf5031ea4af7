"""Live prices from yfinance: bounded by a timeout, cached on success, with an honest fallback.

Offline, `yf.download` returns an empty frame and `history(raise_errors=True)` raises; both count
as a failed fetch. Fallback order: this ticker's last successful fetch (cache), then the bundled
series of the same ticker (reported, never spliced: the two differ by later splits), else an error.
"""
from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

import pandas as pd

from models.stocks import bundled
from models.stocks.series import MIN_POINTS, PriceSeries, from_frame

TIMEOUT_S = 8.0
SOURCE = "Yahoo Finance via yfinance (adjusted close)"
LICENCE = "Yahoo terms of use: personal, non-commercial use"
TICKER_RE = re.compile(r"^[A-Za-z0-9.\-^=]{1,15}$")


class LiveDataError(RuntimeError):
    """`code`: bad_ticker | unavailable (no data, no cache, nothing bundled)."""

    def __init__(self, code: str, **details):
        super().__init__(f"{code}: {details}" if details else code)
        self.code = code
        self.details = details


def cache_dir() -> Path:
    root = os.environ.get("STOCKS_CACHE_DIR") or Path.home() / ".cache" / "dl-showcase" / "stocks"
    return Path(root)


def _download(ticker: str, timeout: float) -> pd.DataFrame:
    import logging

    import yfinance as yf

    logging.getLogger("yfinance").setLevel(logging.CRITICAL)  # its offline chatter is our notice

    return yf.Ticker(ticker).history(period="max", interval="1d", auto_adjust=True,
                                     raise_errors=True, timeout=timeout)


def _fetch(ticker: str, timeout: float) -> tuple[pd.DataFrame | None, str]:
    """(frame, '') on success, else (None, reason) with reason empty | rate_limited | offline."""
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        frame = pool.submit(_download, ticker, timeout).result(timeout=timeout + 2)
    except FutureTimeout:
        return None, "offline"
    except Exception as exc:  # noqa: BLE001 - yfinance raises many types; all mean "no live data"
        text = f"{type(exc).__name__} {exc}".lower()
        return None, "rate_limited" if "rate" in text or "429" in text else "offline"
    finally:
        pool.shutdown(wait=False)
    if frame is None or frame.empty or "Close" not in frame:
        return None, "empty"
    return frame, ""


def _cache_path(ticker: str) -> Path:
    return cache_dir() / f"{ticker.upper()}.csv"


def _save(ticker: str, series: PriceSeries) -> None:
    try:
        path = _cache_path(ticker)
        path.parent.mkdir(parents=True, exist_ok=True)
        pd.DataFrame({"close": series.close}, index=series.dates.rename("date")).to_csv(path)
    except OSError:
        pass  # a read-only home must not break a successful fetch


def _cached(ticker: str) -> PriceSeries | None:
    path = _cache_path(ticker)
    if not path.is_file():
        return None
    try:
        frame = pd.read_csv(path, index_col="date", parse_dates=True)
        series = from_frame(ticker.upper(), frame, "close", SOURCE, LICENCE)
    except (OSError, ValueError, KeyError):
        return None
    return series if len(series) >= MIN_POINTS else None


def load_live(ticker: str, timeout: float = TIMEOUT_S) -> PriceSeries:
    """Fetch `ticker`; on failure fall back (cache → bundled) with a notice saying what happened."""
    ticker = ticker.strip().upper()
    if not TICKER_RE.match(ticker):
        raise LiveDataError("bad_ticker", ticker=ticker[:20])
    frame, reason = _fetch(ticker, timeout)
    if frame is not None:
        series = from_frame(ticker, frame, "Close", SOURCE, LICENCE)
        if len(series) >= MIN_POINTS:
            _save(ticker, series)
            return series
        reason = "too_short"
    cached = _cached(ticker)
    if cached is not None:
        when = pd.Timestamp(_cache_path(ticker).stat().st_mtime, unit="s").strftime("%Y-%m-%d")
        return cached.with_notice("live_cached", reason=reason, when=when)
    if ticker in bundled.TICKERS:
        return bundled.load_bundled(ticker).with_notice("live_bundled", reason=reason)
    raise LiveDataError("unavailable", ticker=ticker, reason=reason)
