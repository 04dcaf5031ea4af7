"""Prediction bands calibrated on the model's own past out-of-sample errors (rolling conformal).

At origin t only residuals of forecasts whose outcome is already known (origin s with s + h ≤ t)
are used. Residuals are divided by the recent volatility, so bands widen in turbulent times; the
band is the forecast ± the empirical quantiles of the last `window` such scaled residuals.
"""
from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

LEVELS = (80, 95)


def rolling_quantiles(scaled_resid: np.ndarray, level: int, window: int = 250,
                      min_known: int = 30) -> tuple[np.ndarray, np.ndarray]:
    """scaled_resid: (n_origins, h_max) over consecutive origins, NaN where unknown.
    Returns (lo, hi) quantiles (n_origins, h_max), NaN where fewer than `min_known` residuals exist."""
    n, h_max = scaled_resid.shape
    alpha = (100 - level) / 100
    lo = np.full((n, h_max), np.nan)
    hi = np.full((n, h_max), np.nan)
    for h in range(1, h_max + 1):
        # row i sees residuals of origins i−h−window+1 .. i−h (outcomes known by origin i)
        padded = np.concatenate([np.full(window + h, np.nan), scaled_resid[:, h - 1]])
        windows = sliding_window_view(padded, window)[1: n + 1]
        enough = np.sum(~np.isnan(windows), axis=1) >= min_known
        if enough.any():
            q = np.nanquantile(windows[enough], [alpha / 2, 1 - alpha / 2], axis=1, method="higher")
            lo[enough, h - 1], hi[enough, h - 1] = q
    return lo, hi


def coverage(actual: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> float | None:
    """Share of known outcomes inside their band (NaN rows ignored)."""
    ok = ~(np.isnan(actual) | np.isnan(lower) | np.isnan(upper))
    if not ok.any():
        return None
    return float(np.mean((actual[ok] >= lower[ok]) & (actual[ok] <= upper[ok])))
