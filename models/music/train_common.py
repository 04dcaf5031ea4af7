"""Small pieces both training commands share."""
from __future__ import annotations

import argparse
import time
from pathlib import Path


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


def training_args(doc: str, epochs: int, batch: int, lr: float, copies: int) -> argparse.ArgumentParser:
    """The options both training commands take (each adds its own)."""
    from models.music.corpus import CORPUS_FILE

    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=epochs)
    ap.add_argument("--batch", type=int, default=batch)
    ap.add_argument("--lr", type=float, default=lr)
    ap.add_argument("--copies", type=int, default=copies, help="random transpositions per training window")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--corpus", type=Path, default=CORPUS_FILE)
    ap.add_argument("--time-budget", type=float, default=None, help="stop after this many seconds")
    return ap
