"""Rolling-origin backtest: every model is fitted once per block of origins on the data known at
the block's start, then forecasts each origin in the block from data up to that origin only.

Layout of the origins (price indices), left to right:
  [training only] | calibration (bands need past out-of-sample errors) | evaluation (last 20 %, ≥ 250)
After the last block every model is refitted on all data for the "future" forecast.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from models.stocks import bands
from models.stocks.baselines import Arima, Drift, naive
from models.stocks.lstm import LstmForecaster, LstmSettings
from models.stocks.metrics import score
from models.stocks.series import PriceSeries
from models.stocks.windows import cumulative_targets, rolling_volatility

MODELS = ("naive", "drift", "arima", "lstm")
BAND_MODEL = "lstm"  # the model whose bands and coverage the summary reports


@dataclass(frozen=True)
class BacktestConfig:
    horizons: tuple[int, ...] = (1, 5, 20)
    test_frac: float = 0.2
    min_test: int = 250
    calib: int = 500          # origins before the evaluation whose errors calibrate the first bands
    band_window: int = 500    # past out-of-sample errors each band is read from
    blocks: int = 4
    lstm: LstmSettings = field(default_factory=LstmSettings)

    @property
    def h_max(self) -> int:
        return max(self.horizons)


class TooShortError(ValueError):
    """The series leaves too few points for training plus a backtest."""


@dataclass
class BacktestResult:
    series: PriceSeries
    config: BacktestConfig
    origins: np.ndarray            # consecutive price indices: calibration + evaluation
    eval_start: int                # first evaluated origin (price index)
    preds: dict                    # model → (n_origins, h_max) cumulative log-returns
    actual: np.ndarray             # (n_origins, h_max), NaN where the outcome is beyond the data
    band_q: dict                   # model → level → (lo, hi) scaled-residual quantiles
    vol: np.ndarray                # (n_origins,) recent daily volatility at each origin
    future: dict                   # model → (h_max,) forecast from the last price, refitted on all data
    coverage: dict                 # model → str(level) → str(h) → empirical coverage
    loss_history: list             # one dict per LSTM epoch: block, epoch, loss, val_loss
    metrics: dict = field(default_factory=dict)  # str(h) → model → score dict
    up_rate: dict = field(default_factory=dict)  # str(h) → share of scored origins where the price rose
    seconds: float = 0.0

    @property
    def test_points(self) -> int:
        return len(self.series) - self.eval_start

    def scored_rows(self, h: int) -> np.ndarray:
        """Mask of the evaluated origins whose h-day outcome is already known."""
        return (self.origins >= self.eval_start) & ~np.isnan(self.actual[:, h - 1])

    def price_forecast(self, model: str, h: int) -> np.ndarray:
        p0 = self.series.close[self.origins]
        return p0 * np.exp(self.preds[model][:, h - 1])

    def band(self, model: str, level: int, h: int) -> tuple[np.ndarray, np.ndarray]:
        """Price band per origin for horizon h."""
        p0 = self.series.close[self.origins]
        lo, hi = self.band_q[model][level]
        scale = self.vol * np.sqrt(h)
        centre = self.preds[model][:, h - 1]
        return (p0 * np.exp(centre + lo[:, h - 1] * scale), p0 * np.exp(centre + hi[:, h - 1] * scale))

    def future_band(self, model: str, level: int) -> tuple[np.ndarray, np.ndarray]:
        """Price band for the next 1..h_max days, from the residuals known at the last price."""
        last = self.series.close[-1]
        lo, hi = self.band_q[model][level]
        scale = self.vol[-1] * np.sqrt(np.arange(1, self.config.h_max + 1))
        return (last * np.exp(self.future[model] + lo[-1] * scale),
                last * np.exp(self.future[model] + hi[-1] * scale))


def split_points(n: int, config: BacktestConfig) -> tuple[int, int]:
    """(first calibration origin, first evaluation origin) for a series of n prices."""
    min_train = config.lstm.window + config.h_max + 150
    available = n - 1 - min_train
    test = min(max(round(config.test_frac * n), config.min_test), available - 50)  # keep ≥ 50 to calibrate
    if test < 30:
        raise TooShortError(f"{n} prices are too few: need at least {min_train + 81 + config.h_max}")
    calib = min(config.calib, available - test)
    eval_start = n - test
    return eval_start - calib, eval_start


def _blocks(origins: np.ndarray, count: int) -> list[np.ndarray]:
    return [b for b in np.array_split(origins, count) if len(b)]


class _Progress:
    """Turns per-epoch callbacks from several fits into one overall fraction plus a loss history."""

    def __init__(self, callback, config: BacktestConfig, n_fits: int):
        self.callback = callback
        self.total = config.lstm.epochs + (n_fits - 1) * config.lstm.update_epochs
        self.done = 0
        self.history: list[dict] = []

    def stage(self, name: str, block: int, blocks: int) -> None:
        if self.callback:
            self.callback({"stage": name, "block": block, "blocks": blocks,
                           "fraction": min(self.done / self.total, 1.0), "history": self.history})

    def epoch(self, block: int, blocks: int):
        def on_epoch(epoch: int, epochs: int, logs: dict) -> None:
            self.done += 1
            self.history.append({"block": block, "epoch": len(self.history) + 1,
                                 "loss": float(logs.get("loss", np.nan)),
                                 "val_loss": float(logs.get("val_loss", np.nan))})
            self.stage("lstm", block, blocks)
        return on_epoch


def _fit_all(lp: np.ndarray, end: int, lstm: LstmForecaster, on_epoch) -> dict:
    drift, arima = Drift().fit(lp, end), Arima().fit(lp, end)
    lstm.fit(lp, end, on_epoch=on_epoch)
    return {"drift": drift, "arima": arima, "lstm": lstm}


def _predict_all(fitted: dict, lp: np.ndarray, origins: np.ndarray, h_max: int) -> dict:
    out = {"naive": naive(origins, h_max)}
    for name, model in fitted.items():
        out[name] = model.predict(lp, origins, h_max) if name != "lstm" else model.predict(lp, origins)
    return out


def _score_all(result: BacktestResult) -> tuple[dict, dict]:
    metrics, up_rate = {}, {}
    close = result.series.close
    for h in result.config.horizons:
        rows = result.scored_rows(h)
        p0 = close[result.origins[rows]]
        real = close[result.origins[rows] + h]
        up_rate[str(h)] = float(np.mean(real > p0))
        metrics[str(h)] = {m: score(p0, real, result.price_forecast(m, h)[rows], real - p0, h) for m in MODELS}
    return metrics, up_rate


def run_backtest(series: PriceSeries, config: BacktestConfig = BacktestConfig(),
                 progress: Callable[[dict], None] | None = None) -> BacktestResult:
    """Backtest naive, drift, ARIMA and the LSTM; then refit on everything for the future forecast."""
    started = time.perf_counter()
    lp = series.log_close
    n, h_max = len(lp), config.h_max
    calib_start, eval_start = split_points(n, config)
    origins = np.arange(calib_start, n)
    blocks = _blocks(origins, config.blocks)
    tracker = _Progress(progress, config, len(blocks) + 1)
    lstm = LstmForecaster(config.lstm, h_max)

    preds = {m: np.empty((len(origins), h_max)) for m in MODELS}
    row = 0
    for b, block in enumerate(blocks):
        tracker.stage("fit", b + 1, len(blocks) + 1)
        fitted = _fit_all(lp, int(block[0]), lstm, tracker.epoch(b + 1, len(blocks) + 1))
        for name, values in _predict_all(fitted, lp, block, h_max).items():
            preds[name][row: row + len(block)] = values
        row += len(block)

    tracker.stage("future", len(blocks) + 1, len(blocks) + 1)
    fitted = _fit_all(lp, n - 1, lstm, tracker.epoch(len(blocks) + 1, len(blocks) + 1))
    future = {k: v[0] for k, v in _predict_all(fitted, lp, np.array([n - 1]), h_max).items()}

    actual = cumulative_targets(lp, origins, h_max)
    vol = rolling_volatility(lp, origins)
    scale = vol[:, None] * np.sqrt(np.arange(1, h_max + 1))[None, :]
    band_q, cov = {}, {}
    eval_mask = origins >= eval_start
    for m in MODELS:
        resid = (actual - preds[m]) / scale
        band_q[m] = {lvl: bands.rolling_quantiles(resid, lvl, config.band_window) for lvl in bands.LEVELS}
        cov[m] = {}
        for lvl, (lo, hi) in band_q[m].items():
            cov[m][str(lvl)] = {
                str(h): bands.coverage(resid[eval_mask, h - 1], lo[eval_mask, h - 1], hi[eval_mask, h - 1])
                for h in config.horizons}
    tracker.done = tracker.total
    tracker.stage("done", len(blocks) + 1, len(blocks) + 1)
    result = BacktestResult(series, config, origins, eval_start, preds, actual, band_q, vol, future, cov,
                            tracker.history)
    result.metrics, result.up_rate = _score_all(result)
    result.seconds = time.perf_counter() - started
    return result


def summary(result: BacktestResult) -> dict:
    """The CLI's JSON: per-horizon scores of every model, the up-day rate and the LSTM band coverage."""
    cov = result.coverage[BAND_MODEL]
    pooled = {lvl: float(np.mean([v for v in cov[lvl].values() if v is not None])) for lvl in cov}
    return {
        "ticker": result.series.ticker,
        "source": result.series.source,
        "licence": result.series.licence,
        "n": len(result.series),
        "test_points": result.test_points,
        "horizons": result.metrics,
        "up_rate": result.up_rate[str(min(result.config.horizons))],
        "up_rate_by_horizon": result.up_rate,
        "coverage": pooled,
        "coverage_by_horizon": cov,
        "seconds": round(result.seconds, 2),
    }
