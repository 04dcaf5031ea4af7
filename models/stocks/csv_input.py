"""Validate an uploaded price CSV (date + close, or OHLCV). Errors carry a code the page translates.

Hard errors stop (`CsvError`); fixable oddities become notices on the series (sorted for you,
calendar gaps), so the user sees what was done to their data.
"""
from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from models.stocks.series import MIN_POINTS, PriceSeries

MAX_BYTES = 20 * 1024 * 1024
GAP_DAYS = 10  # more calendar days than a long holiday weekend between two rows
DATE_NAMES = ("date", "datetime", "timestamp", "time", "day", "날짜", "일자")
CLOSE_NAMES = ("adj close", "adj_close", "adjclose", "adjusted close", "close", "price", "종가", "수정종가")
CSV_LICENCE = "uploaded"


class CsvError(ValueError):
    """`code` names the problem (see ui/locales/*/stocks.toml [csv_error]); `details` fill the message."""

    def __init__(self, code: str, **details):
        super().__init__(f"{code}: {details}" if details else code)
        self.code = code
        self.details = details


def _read(data: bytes) -> pd.DataFrame:
    if not data or not data.strip():
        raise CsvError("empty")
    if len(data) > MAX_BYTES:
        raise CsvError("too_big", mb=MAX_BYTES // (1024 * 1024))
    if b"\x00" in data[:4096]:
        raise CsvError("not_csv")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp949")  # Korean Excel exports
        except UnicodeDecodeError:
            raise CsvError("not_csv") from None
    header = text.lstrip().splitlines()[0]
    sep = max(",;\t|", key=header.count)  # only real CSV separators (the sniffer guesses letters)
    if header.count(sep) == 0:
        raise CsvError("no_columns")
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, skipinitialspace=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, csv.Error):
        raise CsvError("not_csv") from None
    if frame.shape[1] < 2 or frame.empty:
        raise CsvError("no_columns")
    return frame


def _pick(frame: pd.DataFrame, names: tuple[str, ...]) -> str | None:
    lower = {str(c).strip().lower(): c for c in frame.columns}
    return next((lower[n] for n in names if n in lower), None)


def _columns(frame: pd.DataFrame) -> tuple[str, str]:
    date_col = _pick(frame, DATE_NAMES) or frame.columns[0]
    close_col = _pick(frame, CLOSE_NAMES)
    if close_col is None:
        if frame.shape[1] == 2:
            close_col = frame.columns[1]
        else:
            raise CsvError("no_close", columns=", ".join(map(str, frame.columns[:8])))
    return date_col, close_col


def _rows(mask: np.ndarray) -> str:
    """1-based data row numbers (+1 for the header line) of the first few bad rows."""
    rows = (np.flatnonzero(mask) + 2).tolist()
    return ", ".join(map(str, rows[:5])) + (" …" if len(rows) > 5 else "")


def _dates(raw: pd.Series) -> pd.DatetimeIndex:
    dates = pd.to_datetime(raw.str.strip(), errors="coerce", format="mixed")
    bad = dates.isna().to_numpy()
    if bad.all():
        raise CsvError("no_date", column=str(raw.name))
    if bad.any():
        raise CsvError("bad_dates", rows=_rows(bad), count=int(bad.sum()))
    idx = pd.DatetimeIndex(dates)
    return idx.tz_localize(None) if idx.tz is not None else idx


def _prices(raw: pd.Series) -> np.ndarray:
    cleaned = raw.str.strip().str.replace(",", "", regex=False).str.replace("$", "", regex=False)
    missing = cleaned.isna() | cleaned.isin(["", "nan", "NaN", "null", "-", "NA"])
    if missing.any():
        raise CsvError("missing_values", rows=_rows(missing.to_numpy()), count=int(missing.sum()))
    values = pd.to_numeric(cleaned, errors="coerce")
    bad = values.isna().to_numpy()
    if bad.any():
        raise CsvError("non_numeric", rows=_rows(bad), example=str(raw.iloc[int(np.argmax(bad))])[:20])
    values = values.to_numpy(dtype="float64")
    if (values <= 0).any() or not np.isfinite(values).all():
        raise CsvError("non_positive", rows=_rows(~(values > 0) | ~np.isfinite(values)))
    return values


def parse_price_csv(data: bytes, name: str = "upload.csv") -> PriceSeries:
    """Bytes of a CSV → a validated daily series, or `CsvError(code)` naming what to fix."""
    frame = _read(data)
    date_col, close_col = _columns(frame)
    dates = _dates(frame[date_col].astype("string"))
    close = _prices(frame[close_col].astype("string"))
    notices: list = []
    order = np.argsort(dates.asi8, kind="stable")
    if (np.diff(dates.asi8) < 0).any():
        dates, close = dates[order], close[order]
        notices.append(("sorted", {}))
    dup = dates.duplicated()
    if dup.any():
        raise CsvError("duplicates", dates=", ".join(str(d.date()) for d in dates[dup][:3]), count=int(dup.sum()))
    if len(close) < MIN_POINTS:
        raise CsvError("too_short", n=len(close), min=MIN_POINTS)
    gaps = np.asarray((dates[1:] - dates[:-1]).days)
    if gaps.size and gaps.max() > GAP_DAYS:
        at = int(np.argmax(gaps))
        notices.append(("gaps", {"count": int((gaps > GAP_DAYS).sum()), "days": int(gaps[at]),
                                  "after": str(dates[at].date())}))
    ticker = name.rsplit("/", 1)[-1].rsplit(".", 1)[0][:24] or "CSV"
    return PriceSeries(ticker, dates.normalize(), close, f"CSV · {name} · {close_col}", CSV_LICENCE,
                       tuple(notices))
