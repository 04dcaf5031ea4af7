"""The forecasts an LSTM must beat. All predict cumulative log-returns (n_origins, h_max).

naive: tomorrow = today (0). drift: the average past daily log-return, h times (the straight line
from the first to the last known price). ARIMA(1,1,1) with drift on log prices = ARMA(1,1) with a
constant on log-returns, fitted once per block and then filtered forward without refitting.
"""
from __future__ import annotations

import warnings

import numpy as np


def naive(origins: np.ndarray, h_max: int) -> np.ndarray:
    return np.zeros((len(origins), h_max))


class Drift:
    def fit(self, log_close: np.ndarray, end: int) -> "Drift":
        self.mu = (log_close[end] - log_close[0]) / end
        return self

    def predict(self, log_close: np.ndarray, origins: np.ndarray, h_max: int) -> np.ndarray:
        return np.tile(self.mu * np.arange(1, h_max + 1), (len(origins), 1))


class Arima:
    """ARMA(1,1) + constant on percent log-returns (statsmodels), multi-step forecasts in closed form."""

    SCALE = 100.0  # percent returns keep the optimiser well conditioned

    def fit(self, log_close: np.ndarray, end: int) -> "Arima":
        from statsmodels.tsa.arima.model import ARIMA

        returns = np.diff(log_close[: end + 1]) * self.SCALE
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.result = ARIMA(returns, order=(1, 0, 1), trend="c").fit(method="innovations_mle")
        self.mean = float(self.result.params[0])
        self.phi = float(self.result.params[1])
        return self

    def one_step(self, log_close: np.ndarray, origins: np.ndarray) -> np.ndarray:
        """E[r[t+1] | r[..t]] for each origin t, by running the fitted filter over data up to max(origins)."""
        last = int(np.max(origins))
        returns = np.diff(log_close[: last + 1]) * self.SCALE  # returns[j] = r[j+1]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            applied = self.result.apply(returns)
            preds = applied.predict(start=0, end=len(returns))  # preds[t] = E[r[t+1] | r[1..t]]
        return np.asarray(preds)[origins]

    def predict(self, log_close: np.ndarray, origins: np.ndarray, h_max: int) -> np.ndarray:
        first = self.one_step(log_close, origins) - self.mean
        decay = self.phi ** np.arange(h_max)  # AR(1) part: deviations from the mean shrink by phi a step
        steps = self.mean + first[:, None] * decay[None, :]
        return np.cumsum(steps, axis=1) / self.SCALE
