"""Forecast scores the way forecasters report them: errors in price units, relative to naive,
direction next to the up-day base rate, and a Diebold–Mariano test of "is it really better than naive?"."""
from __future__ import annotations

import numpy as np
from scipy import stats


def diebold_mariano(err_model: np.ndarray, err_naive: np.ndarray, h: int) -> float | None:
    """Two-sided p-value for equal mean absolute error (DM 1995 with the Harvey–Leybourne–Newbold
    small-sample correction; autocovariances up to lag h−1 because h-step errors overlap)."""
    d = np.abs(err_model) - np.abs(err_naive)
    n = len(d)
    if n < 10 or np.allclose(d, 0):
        return None
    from statsmodels.tsa.stattools import acovf  # lazy: keeps importing the page cheap

    gamma = acovf(d, nlag=h - 1)  # demeaned, divided by n
    variance = (gamma[0] + 2 * gamma[1:].sum()) / n
    if variance <= 0:
        return None
    correction = np.sqrt((n + 1 - 2 * h + h * (h - 1) / n) / n)
    stat = correction * d.mean() / np.sqrt(variance)
    return float(2 * stats.t.sf(abs(stat), df=n - 1))


def direction_accuracy(pred_change: np.ndarray, actual_change: np.ndarray) -> float | None:
    """Share of origins where the forecast moved the same way as the price; None for a model
    (naive) that never calls a direction."""
    calls = np.sign(pred_change) != 0
    if not calls.any():
        return None
    return float(np.mean(np.sign(pred_change) == np.sign(actual_change)))


def score(p0: np.ndarray, actual: np.ndarray, pred: np.ndarray, naive_err: np.ndarray, h: int) -> dict:
    """Price-level metrics of one model at one horizon; `naive_err` = actual − p0."""
    err = actual - pred
    mae = float(np.mean(np.abs(err)))
    naive_mae = float(np.mean(np.abs(naive_err)))
    return {
        "mae": mae,
        "rmse": float(np.sqrt(np.mean(err ** 2))),
        "mape": float(np.mean(np.abs(err) / np.abs(actual)) * 100),
        "rel_mae": mae / naive_mae if naive_mae > 0 else None,
        "dir_acc": direction_accuracy(pred - p0, actual - p0),
        "dm_p": diebold_mariano(err, naive_err, h),
    }


WORSE_THAN_NAIVE = 1.05  # MAE ÷ naive above this: the model is flagged as worse than "tomorrow = today"
SIGNIFICANT_P = 0.05     # a Diebold–Mariano p-value below this: the gain over naive is probably real
VERDICTS = ("baseline", "worse", "better", "same")


def verdict(model: str, scores: dict) -> str:
    """One word for a model's row in the results table: baseline | worse | better | same (as naive)."""
    rel, p = scores.get("rel_mae"), scores.get("dm_p")
    if model == "naive":
        return "baseline"
    if rel is not None and rel > WORSE_THAN_NAIVE:
        return "worse"
    if rel is not None and rel < 1 and p is not None and p < SIGNIFICANT_P:
        return "better"
    return "same"
