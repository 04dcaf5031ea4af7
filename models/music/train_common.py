"""Small pieces both training commands share."""
from __future__ import annotations

import time


def time_budget_callback(seconds: float | None):
    """Stop training cleanly after `seconds` so a bounded (GPU) session still saves its best model."""
    import keras

    class TimeBudget(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            self.start = time.time()

        def on_epoch_end(self, epoch, logs=None):
            if seconds and time.time() - self.start > seconds:
                print(f"time budget of {seconds:.0f} s reached after epoch {epoch + 1}", flush=True)
                self.model.stop_training = True

    return TimeBudget()


def save_without_optimizer(trained, fresh, path) -> None:
    """Copy the weights into an uncompiled twin so the file holds no Adam state (a third the size)."""
    fresh.set_weights(trained.get_weights())
    fresh.save_weights(path)
