"""Prediction bands calibrated on the model's own past out-of-sample errors (rolling conformal).

At origin t only residuals of forecasts whose outcome is already known (origin s with s + h ≤ t)
are used. Residuals are divided by the recent volatility, so bands widen in turbulent times; the
band is the forecast ± the empirical quantiles of the last `window` such scaled residuals.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

LEVELS = (80, 95)


def rolling_quantiles(scaled_resid: np.ndarray, level: int, window: int = 250,
                      min_known: int = 30) -> tuple[np.ndarray, np.ndarray]:
    """scaled_resid: (n_origins, h_max) over consecutive origins, NaN where unknown.
    Returns (lo, hi) quantiles (n_origins, h_max), NaN where fewer than `min_known` residuals exist."""
    alpha = (100 - level) / 100
    lo, hi = np.full(scaled_resid.shape, np.nan), np.full(scaled_resid.shape, np.nan)
    for h in range(1, scaled_resid.shape[1] + 1):
        # row i sees residuals of origins i−h−window+1 .. i−h (outcomes known by origin i)
        rolling = pd.Series(scaled_resid[:, h - 1]).rolling(window, min_periods=min_known)
        lo[:, h - 1] = rolling.quantile(alpha / 2, interpolation="higher").shift(h).to_numpy()
        hi[:, h - 1] = rolling.quantile(1 - alpha / 2, interpolation="higher").shift(h).to_numpy()
    return lo, hi


def coverage(actual: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> float | None:
    """Share of known outcomes inside their band (NaN rows ignored)."""
    ok = ~(np.isnan(actual) | np.isnan(lower) | np.isnan(upper))
    if not ok.any():
        return None
    return float(np.mean((actual[ok] >= lower[ok]) & (actual[ok] <= upper[ok])))
