"""Inputs and targets cut from log prices so that nothing after an origin ever leaks in.

Origin t = the last price index the forecaster may see. Inputs: the `length` log-returns ending at t.
Targets: cumulative log-returns lp[t+h] − lp[t] for h = 1..h_max (NaN past the end of the data).
"""
from __future__ import annotations

import numpy as np


def input_windows(log_close: np.ndarray, origins: np.ndarray, length: int) -> np.ndarray:
    """(len(origins), length) log-returns r[t-length+1..t], with r[i] = lp[i] − lp[i−1]."""
    origins = np.asarray(origins)
    if origins.min() < length:
        raise ValueError(f"origin {origins.min()} has fewer than {length} past returns")
    returns = np.diff(log_close)  # returns[i-1] = r[i]
    idx = origins[:, None] - length + np.arange(length)[None, :]
    return returns[idx]


def cumulative_targets(log_close: np.ndarray, origins: np.ndarray, h_max: int) -> np.ndarray:
    """(len(origins), h_max) with column h−1 = lp[t+h] − lp[t]; NaN where t+h is beyond the data."""
    origins = np.asarray(origins)
    padded = np.concatenate([log_close, np.full(h_max, np.nan)])
    idx = origins[:, None] + np.arange(1, h_max + 1)[None, :]
    return padded[idx] - log_close[origins][:, None]


def training_origins(end: int, length: int, h_max: int) -> np.ndarray:
    """Origins whose inputs and every target lie within prices 0..end (the data known at `end`)."""
    return np.arange(length, end - h_max + 1)


def rolling_volatility(log_close: np.ndarray, origins: np.ndarray, length: int = 20) -> np.ndarray:
    """Std of the last `length` daily log-returns up to each origin (a scale for the bands)."""
    window = input_windows(log_close, np.maximum(origins, length), length)
    return np.maximum(window.std(axis=1), 1e-8)
