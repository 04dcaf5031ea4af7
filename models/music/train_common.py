"""Small pieces both training commands share."""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def compile_next_class(model, lr: float, **metrics) -> None:
    """Adam with clipped gradients on class logits: what both models train with."""
    import keras

    model.compile(optimizer=keras.optimizers.Adam(lr, clipnorm=1.0),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), **metrics)


def fit_callbacks(time_budget: float | None, lr_patience: int, stop_patience: int) -> list:
    """Time budget, halve the learning rate on a plateau, stop early keeping the best weights."""
    import keras

    return [_time_budget_callback(time_budget),
            keras.callbacks.ReduceLROnPlateau(factor=0.5, patience=lr_patience, min_lr=1e-5),
            keras.callbacks.EarlyStopping(patience=stop_patience, restore_best_weights=True)]


def _time_budget_callback(seconds: float | None):
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


def save_trained(trained, fresh, weights: Path, config_file: Path, config: dict, metrics: dict, command: str) -> None:
    """Weights via an uncompiled twin (no Adam state: a third the size), and the model's JSON card."""
    weights.parent.mkdir(parents=True, exist_ok=True)
    fresh.set_weights(trained.get_weights())
    fresh.save_weights(weights)
    config_file.write_text(json.dumps({"config": config, "metrics": metrics, "command": command}, indent=1))


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
