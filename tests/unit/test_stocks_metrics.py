"""Windows, baselines, metrics and bands: the pieces the honest evaluation rests on."""
import numpy as np
import pytest

from models.stocks import bands
from models.stocks.baselines import Arima, Drift, naive
from models.stocks.metrics import diebold_mariano, direction_accuracy, score
from models.stocks.windows import cumulative_targets, input_windows, training_origins


def _walk(n=1200, seed=0, sigma=0.01):
    return np.log(100) + np.cumsum(np.random.default_rng(seed).normal(0, sigma, n))


def test_windows_align_inputs_before_and_targets_after_the_origin():
    lp = np.log(np.arange(1.0, 31.0))
    x = input_windows(lp, np.array([5]), 3)
    assert np.allclose(x[0], [lp[3] - lp[2], lp[4] - lp[3], lp[5] - lp[4]])
    y = cumulative_targets(lp, np.array([5, 28]), 3)
    assert np.allclose(y[0], lp[6:9] - lp[5])
    assert np.isclose(y[1, 0], lp[29] - lp[28]) and np.isnan(y[1, 1:]).all()
    with pytest.raises(ValueError):
        input_windows(lp, np.array([2]), 3)


def test_training_origins_only_use_data_known_at_the_end():
    origins = training_origins(end=100, length=10, h_max=5)
    assert origins.min() == 10 and origins.max() + 5 == 100  # last target is the price at `end`


def test_naive_and_drift():
    lp = np.log(np.array([100.0, 110, 121, 133.1]))
    assert not naive(np.array([1, 2]), 3).any()
    d = Drift().fit(lp, 3).predict(lp, np.array([3]), 2)
    assert np.allclose(d, [[np.log(1.1), 2 * np.log(1.1)]])


def test_arima_closed_form_matches_statsmodels_forecast():
    lp = _walk()
    arima = Arima().fit(lp, 800)
    ours = arima.predict(lp, np.array([950]), 6)[0]
    applied = arima.result.apply(np.diff(lp[:951]) * Arima.SCALE)
    theirs = np.cumsum(applied.forecast(6)) / Arima.SCALE
    assert np.allclose(ours, theirs, atol=1e-10)


def test_arima_forecasts_never_see_prices_after_the_origin():
    lp = _walk()
    arima = Arima().fit(lp, 800)
    changed = lp.copy()
    changed[951:] += np.random.default_rng(5).normal(0, 0.2, len(lp) - 951)
    origins = np.arange(800, 951)
    assert np.array_equal(arima.predict(lp, origins, 5), arima.predict(changed, origins, 5))


def test_scores_in_price_units():
    p0 = np.array([100.0, 100, 100, 100])
    actual = np.array([101.0, 99, 102, 98])
    pred = np.array([100.5, 100.5, 100.5, 100.5])
    s = score(p0, actual, pred, actual - p0, h=1)
    assert s["mae"] == pytest.approx(1.5) and s["rel_mae"] == pytest.approx(1.0)
    assert s["rmse"] == pytest.approx(np.sqrt(np.mean([0.25, 2.25, 2.25, 6.25])))
    assert s["dir_acc"] == pytest.approx(0.5)
    assert direction_accuracy(np.zeros(4), actual - p0) is None  # naive never calls a direction


def test_diebold_mariano_tells_real_from_chance_differences():
    rng = np.random.default_rng(0)
    naive_err = rng.normal(0, 1, 600)
    assert diebold_mariano(naive_err * 0.7, naive_err, 1) < 0.001
    assert diebold_mariano(rng.normal(0, 1, 600), naive_err, 1) > 0.01
    assert diebold_mariano(naive_err, naive_err, 1) is None


def test_rolling_bands_are_calibrated_under_changing_volatility():
    """Scaled fat-tailed residuals: the rolling quantiles cover within ±3 points of nominal."""
    rng = np.random.default_rng(1)
    resid = rng.standard_t(4, size=(6000, 3))
    for level in bands.LEVELS:
        lo, hi = bands.rolling_quantiles(resid, level, window=500)
        cov = bands.coverage(resid[600:], lo[600:], hi[600:])
        assert abs(cov - level / 100) < 0.03


def test_rolling_bands_use_only_known_outcomes():
    resid = np.zeros((50, 2))
    resid[20:, :] = 100.0  # a huge error from origin 20 onward
    lo, hi = bands.rolling_quantiles(resid, 80, window=10, min_known=5)
    assert hi[20, 0] == 0 and hi[21, 0] == 100  # h=1: origin 20's error is known at origin 21
    assert hi[21, 1] == 0 and hi[22, 1] == 100  # h=2: known two origins later
    assert np.isnan(lo[:5, 0]).all()
