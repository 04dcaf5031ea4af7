"""A small Keras LSTM that reads a window of daily log-returns and predicts the next 1..h_max
cumulative log-returns at once (direct multi-horizon). Returns, not price levels: a MinMax scaler
fit on training prices cannot extrapolate to later, higher prices (see guides/baselines.md).

Scaling uses the training returns' standard deviation only. The last 10 % of training windows
(the most recent ones, never shuffled in) are the validation set for early stopping.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.stocks.windows import cumulative_targets, input_windows, training_origins


@dataclass(frozen=True)
class LstmSettings:
    window: int = 30          # past trading days the LSTM reads (its "memory span")
    units: int = 24           # LSTM cell size (hidden/cell state length)
    epochs: int = 15          # first training run
    update_epochs: int = 4    # warm-start refits at later origin blocks
    batch_size: int = 128
    learning_rate: float = 3e-3
    patience: int = 4
    seed: int = 0


def build_model(settings: LstmSettings, h_max: int):
    import keras

    inputs = keras.Input((settings.window, 1))
    hidden = keras.layers.LSTM(settings.units)(inputs)
    outputs = keras.layers.Dense(h_max)(hidden)
    model = keras.Model(inputs, outputs, name="returns_lstm")
    model.compile(optimizer=keras.optimizers.Adam(settings.learning_rate), loss=keras.losses.Huber())
    return model


class LstmForecaster:
    def __init__(self, settings: LstmSettings, h_max: int):
        self.settings = settings
        self.h_max = h_max
        self.model = None
        self.scale = None
        self.h_scale = np.sqrt(np.arange(1, h_max + 1))

    def fit(self, log_close: np.ndarray, end: int, on_epoch=None) -> None:
        """Train on data known at price index `end`; the first call builds, later calls warm-start.
        `on_epoch(epoch, epochs, logs)` is called after every epoch."""
        import keras

        s = self.settings
        origins = training_origins(end, s.window, self.h_max)
        if len(origins) < 50:
            raise ValueError("too few training windows")
        if self.model is None:
            keras.utils.set_random_seed(s.seed)
            self.scale = float(np.std(np.diff(log_close[: end + 1])))
            self.model = build_model(s, self.h_max)
            epochs = s.epochs
        else:
            epochs = s.update_epochs
        x = input_windows(log_close, origins, s.window)[..., None] / self.scale
        y = cumulative_targets(log_close, origins, self.h_max) / (self.scale * self.h_scale)
        callbacks = [keras.callbacks.EarlyStopping(patience=s.patience, restore_best_weights=True)]
        if on_epoch is not None:
            callbacks.append(keras.callbacks.LambdaCallback(
                on_epoch_end=lambda epoch, logs: on_epoch(epoch, epochs, dict(logs or {}))))
        self.model.fit(x.astype("float32"), y.astype("float32"), epochs=epochs, batch_size=s.batch_size,
                       validation_split=0.1, shuffle=True, verbose=0, callbacks=callbacks)

    def predict(self, log_close: np.ndarray, origins: np.ndarray) -> np.ndarray:
        x = input_windows(log_close, origins, self.settings.window)[..., None] / self.scale
        out = self.model(x.astype("float32"), training=False)  # one batched call per block
        return np.asarray(out, dtype="float64") * self.scale * self.h_scale
