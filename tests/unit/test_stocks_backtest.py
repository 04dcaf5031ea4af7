"""The backtest end to end on series whose truth we know: a random walk (nothing to learn, so an
honest LSTM cannot beat naive) and a noisy sine (learnable, so LSTM and ARIMA must beat naive)."""

import numpy as np
import pandas as pd
import pytest

from models.stocks.backtest import BacktestConfig, TooShortError, run_backtest, split_points, summary
from models.stocks.lstm import LstmSettings
from models.stocks.series import PriceSeries

TINY = BacktestConfig(calib=150, blocks=2,
                      lstm=LstmSettings(window=30, units=16, epochs=12, update_epochs=3, patience=3))


def _series(lp, name="SYN"):
    return PriceSeries(name, pd.bdate_range("2001-01-01", periods=len(lp)), np.exp(lp), "synthetic", "n/a")


def _walk(n=900, seed=1):
    return np.log(100) + np.cumsum(np.random.default_rng(seed).normal(0, 0.015, n))


def _sine(n=900, seed=1):
    t = np.arange(n)
    return np.log(100) + 0.1 * np.sin(2 * np.pi * t / 30) + np.random.default_rng(seed).normal(0, 0.005, n)


@pytest.fixture(scope="module")
def walk_result():
    return run_backtest(_series(_walk()), TINY)


def test_split_leaves_training_calibration_and_at_least_250_test_points():
    config = BacktestConfig()
    calib, start = split_points(2148, config)
    assert 2148 - start == 430 and start - calib == 500
    calib, start = split_points(900, config)
    assert 900 - start == 250 and calib >= config.lstm.window + config.h_max + 150
    with pytest.raises(TooShortError):
        split_points(250, config)


def test_random_walk_lstm_cannot_beat_naive(walk_result):
    """No leakage: on a random walk the best forecast is naive, so rel. MAE must come out ≈ 1.
    (A model that peeked at the future would score far below 1 here.)"""
    out = summary(walk_result)
    for h in ("1", "5"):
        assert 0.97 < out["horizons"][h]["lstm"]["rel_mae"] < 1.10
        assert 0.97 < out["horizons"][h]["arima"]["rel_mae"] < 1.10
    assert out["horizons"]["1"]["naive"]["rel_mae"] == 1.0
    assert out["test_points"] == 250


def test_random_walk_bands_cover_near_nominal(walk_result):
    cov = walk_result.coverage["lstm"]
    assert abs(cov["80"]["1"] - 0.80) < 0.06
    assert abs(cov["95"]["1"] - 0.95) < 0.04


def test_forecasts_do_not_change_when_later_prices_change(walk_result):
    """Same seed, same prices up to index k (the second block's start), different afterwards:
    every forecast from an origin up to k is unchanged; later ones see the new prices."""
    lp = _walk()
    k = int(walk_result.origins[len(walk_result.origins) // 2])
    lp[k + 1:] += np.random.default_rng(9).normal(0, 0.05, len(lp) - k - 1).cumsum()
    other = run_backtest(_series(lp), TINY)
    known = walk_result.origins <= k
    for model in ("drift", "arima", "lstm"):
        assert np.allclose(walk_result.preds[model][known], other.preds[model][known], atol=1e-6), model
    for model in ("arima", "lstm"):
        assert not np.allclose(walk_result.preds[model][~known], other.preds[model][~known]), model


def test_learnable_series_lstm_and_arima_beat_naive_clearly():
    result = run_backtest(_series(_sine()), TINY)
    out = summary(result)
    for h in ("1", "5"):
        assert out["horizons"][h]["lstm"]["rel_mae"] < 0.85, h
        assert out["horizons"][h]["lstm"]["dm_p"] < 0.01, h
    assert out["horizons"]["1"]["arima"]["rel_mae"] < 0.85
    assert out["horizons"]["20"]["lstm"]["rel_mae"] < 0.85
    assert out["horizons"]["1"]["drift"]["rel_mae"] > 0.95  # nothing to gain from a trend here
    assert result.future["lstm"].shape == (20,)
    lo, hi = result.future_band("lstm", 80)
    mid = result.series.close[-1] * np.exp(result.future["lstm"])
    assert (lo <= mid).all() and (mid <= hi).all()
    assert len(result.loss_history) >= 12 and all(np.isfinite(e["loss"]) for e in result.loss_history)
