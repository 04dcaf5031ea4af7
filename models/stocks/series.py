"""The one price-series type every data source returns."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

MIN_POINTS = 300  # shortest series a backtest with a 250-point window and training data makes sense on


@dataclass(frozen=True)
class PriceSeries:
    """Daily closing prices of one instrument from one source (never spliced across sources).

    `source` and `licence` are short codes/lines the UI shows; `notices` are (code, details) pairs
    (e.g. a CSV that had to be sorted, a live fetch that fell back to bundled data).
    """

    ticker: str
    dates: pd.DatetimeIndex
    close: np.ndarray
    source: str
    licence: str
    notices: tuple = field(default_factory=tuple)

    def __post_init__(self):
        if len(self.dates) != len(self.close):
            raise ValueError("dates and close differ in length")

    def __len__(self) -> int:
        return len(self.close)

    @property
    def log_close(self) -> np.ndarray:
        return np.log(self.close)

    def fingerprint(self) -> str:
        """A short content hash, so caches key on the data, not on a name."""
        import hashlib

        h = hashlib.sha1(self.close.astype("float64").tobytes())
        h.update(self.dates.asi8.tobytes())
        return f"{self.ticker}-{h.hexdigest()[:12]}"

    def with_notice(self, code: str, **details) -> "PriceSeries":
        return PriceSeries(self.ticker, self.dates, self.close, self.source, self.licence,
                           self.notices + ((code, details),))


def from_frame(ticker: str, frame: pd.DataFrame, column: str, source: str, licence: str) -> PriceSeries:
    """Build a series from a frame with a DatetimeIndex (timezone dropped) and a price column."""
    idx = pd.DatetimeIndex(frame.index)
    if idx.tz is not None:
        idx = idx.tz_localize(None)
    values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype="float64")
    keep = np.isfinite(values) & (values > 0)
    return PriceSeries(ticker, idx[keep].normalize(), values[keep], source, licence)
