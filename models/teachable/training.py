"""The trainable head (softmax over the user's classes), its training loop and the overfitting check.

The lecture's recipe: a Dense layer with one output per class and softmax, cross-entropy loss,
the Adam optimizer, mini-batches, a number of epochs, curves of train vs validation to watch.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np


@dataclass(frozen=True)
class Settings:
    epochs: int = 20
    learning_rate: float = 1e-3
    batch_size: int = 16
    augment: bool = True
    dropout: float = 0.2
    seed: int = 0


@dataclass(frozen=True)
class EpochLog:
    epoch: int  # 1-based
    epochs: int
    loss: float
    accuracy: float
    val_loss: float
    val_accuracy: float


@dataclass
class History:
    """Per-epoch curves, train vs validation (what the page plots)."""

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)

    def add(self, log: EpochLog) -> None:
        for name in ("loss", "accuracy", "val_loss", "val_accuracy"):
            getattr(self, name).append(getattr(log, name))


def build_head(dim: int, n_classes: int, dropout: float = 0.2):
    """features → Dropout → Dense(n_classes, softmax): the only layer that learns."""
    import keras

    inputs = keras.Input((dim,), name="features")
    x = keras.layers.Dropout(dropout, name="dropout")(inputs)
    outputs = keras.layers.Dense(n_classes, activation="softmax", name="probabilities")(x)
    return keras.Model(inputs, outputs, name="head")


def _reporter(epochs: int, history: History, on_epoch: Callable[[EpochLog], None] | None):
    """A Keras callback that turns each epoch's logs into an EpochLog for the caller (live curves)."""
    import keras

    class EpochReporter(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            logs = logs or {}
            log = EpochLog(epoch + 1, epochs, *(float(logs.get(k, np.nan)) for k in
                                                ("loss", "accuracy", "val_loss", "val_accuracy")))
            history.add(log)
            if on_epoch:
                on_epoch(log)

    return EpochReporter()


def train_head(x_train, y_train, x_val, y_val, n_classes: int, settings: Settings = Settings(),
               on_epoch: Callable[[EpochLog], None] | None = None):
    """Fit a fresh head with Adam on cross-entropy; returns (head, History)."""
    import keras

    keras.utils.set_random_seed(settings.seed)
    head = build_head(x_train.shape[1], n_classes, settings.dropout)
    head.compile(
        optimizer=keras.optimizers.Adam(settings.learning_rate),
        loss=keras.losses.SparseCategoricalCrossentropy(),
        metrics=["accuracy"],
    )
    history = History()
    head.fit(
        x_train, np.asarray(y_train), validation_data=(x_val, np.asarray(y_val)),
        epochs=settings.epochs, batch_size=settings.batch_size, shuffle=True, verbose=0,
        callbacks=[_reporter(settings.epochs, history, on_epoch)],
    )
    return head, history


PATIENCE = 3  # epochs the validation loss may rise above its best before we warn
GAP = 0.2  # train accuracy this far above validation accuracy also counts as overfitting


def overfitting(history: History) -> str | None:
    """'val_loss_rising' | 'accuracy_gap' | None — the seed's rule: training keeps improving
    while validation gets worse means the model memorises instead of learning."""
    val, train = history.val_loss, history.loss
    if len(val) > PATIENCE:
        best = int(np.argmin(val))
        recent = val[-PATIENCE:]
        if best < len(val) - PATIENCE and all(b > a for a, b in zip(recent, recent[1:])) \
                and recent[-1] > val[best] * 1.1 and train[-1] < train[best]:
            return "val_loss_rising"
    if len(val) >= PATIENCE and history.accuracy[-1] - history.val_accuracy[-1] >= GAP:
        return "accuracy_gap"
    return None
