"""Teachable sounds: a small CNN on log-mel patches, trained from a few clips per class.

Algorithm (the lecture's CNN, on a picture of sound): each clip becomes a 100 × 64 log-mel image
(time × frequency). Training clips are copied AUGMENT times with a random time shift, gain (louder or
quieter) and background noise, so ten clips per class are enough. Network: Conv2D(16, 3×3, stride 2)
→ max-pool → Conv2D(32) → max-pool → Conv2D(48), all ReLU → global average pooling → dropout →
Dense(softmax); cross-entropy, Adam. (Small on purpose: it trains in seconds on a shared 2-core CPU.)
A stratified VAL_FRACTION of the student's clips is held out (never augmented, never trained on) for
the validation curves and the confusion matrix.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

import numpy as np

from models.sound.audio import SAMPLE_RATE, features
from models.teachable.evaluation import Evaluation, evaluate
from models.teachable.training import EpochLog, History, _reporter, overfitting

FORMAT = "sound-v1"
FRAMES, MELS = 101, 64
AUGMENT = 4  # augmented copies of each training clip
MAX_SHIFT = 0.2  # seconds
GAIN_DB = 6.0
NOISE_LEVEL = 0.01
VAL_FRACTION = 0.2
MIN_CLASSES, MAX_CLASSES, MIN_CLIPS = 2, 6, 3


@dataclass(frozen=True)
class Settings:
    epochs: int = 20
    learning_rate: float = 5e-3
    batch_size: int = 32
    augment: bool = True
    seed: int = 0


@dataclass
class Taught:
    model: object
    labels: list[str]
    history: History
    evaluation: Evaluation
    train_idx: list[int]
    val_idx: list[int]
    overfitting: str | None
    seconds: float

    def probabilities(self, waves: list[np.ndarray]) -> np.ndarray:
        return predict(self.model, waves)


def build(n_classes: int, labels: list[str] | None = None):
    import keras

    from models.teachable.export import class_labels_cls

    inputs = keras.Input((FRAMES, MELS, 1), name="log_mel")
    x = keras.layers.Conv2D(16, 3, strides=2, padding="same", activation="relu", name="conv1")(inputs)
    x = keras.layers.MaxPooling2D(2, name="pool1")(x)
    x = keras.layers.Conv2D(32, 3, padding="same", activation="relu", name="conv2")(x)
    x = keras.layers.MaxPooling2D(2, name="pool2")(x)
    x = keras.layers.Conv2D(48, 3, padding="same", activation="relu", name="conv3")(x)
    x = keras.layers.GlobalAveragePooling2D(name="gap")(x)
    x = keras.layers.Dropout(0.3, name="dropout")(x)
    probs = keras.layers.Dense(n_classes, activation="softmax", name="probabilities")(x)
    outputs = class_labels_cls()(labels or [str(i) for i in range(n_classes)], format=FORMAT,
                                 name="class_labels")(probs)
    return keras.Model(inputs, outputs, name="teachable_sounds")


def augment(wave: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One randomly shifted, louder or quieter, slightly noisy copy of a clip."""
    shift = int(rng.uniform(-MAX_SHIFT, MAX_SHIFT) * SAMPLE_RATE)
    out = np.roll(np.pad(wave, (abs(shift), abs(shift))), shift)
    out = out * 10 ** (rng.uniform(-GAIN_DB, GAIN_DB) / 20)
    out = out + rng.normal(0, NOISE_LEVEL * rng.uniform(0, 1), out.shape)
    return out.astype(np.float32)


def split(targets: list[int], fraction: float = VAL_FRACTION, seed: int = 0) -> tuple[list[int], list[int]]:
    """Stratified hold-out: at least one clip of every class goes to validation."""
    rng = np.random.default_rng(seed)
    train, val = [], []
    for c in sorted(set(targets)):
        idx = [i for i, t in enumerate(targets) if t == c]
        rng.shuffle(idx)
        k = max(1, round(fraction * len(idx)))
        val += idx[:k]
        train += idx[k:]
    return sorted(train), sorted(val)


def check_classes(labels: list[str], targets: list[int]) -> None:
    from models.teachable.dataset import TeachError

    if not MIN_CLASSES <= len(labels) <= MAX_CLASSES:
        raise TeachError("classes", f"teach {MIN_CLASSES}–{MAX_CLASSES} classes (got {len(labels)})",
                         n=len(labels))
    counts = np.bincount(targets, minlength=len(labels))
    if counts.min() < MIN_CLIPS:
        name = labels[int(counts.argmin())]
        raise TeachError("few", f"every class needs at least {MIN_CLIPS} examples ('{name}' has {int(counts.min())})",
                         name=name, n=int(counts.min()), need=MIN_CLIPS)


def predict(model, waves: list[np.ndarray]) -> np.ndarray:
    x = np.stack([features(w) for w in waves])[..., None]
    return np.asarray(model(x, training=False))


def teach(waves: list[np.ndarray], targets: list[int], labels: list[str], settings: Settings = Settings(),
          on_epoch: Callable[[EpochLog], None] | None = None) -> Taught:
    """Train the CNN on the clips (`targets` index `labels`); hold out a stratified validation set."""
    import keras

    check_classes(labels, targets)
    t0 = time.perf_counter()
    keras.utils.set_random_seed(settings.seed)
    rng = np.random.default_rng(settings.seed)
    train_idx, val_idx = split(targets, seed=settings.seed)
    xs, ys = [], []
    for i in train_idx:
        copies = [waves[i]] + ([augment(waves[i], rng) for _ in range(AUGMENT)] if settings.augment else [])
        xs += [features(w) for w in copies]
        ys += [targets[i]] * len(copies)
    x_train, y_train = np.stack(xs)[..., None], np.asarray(ys)
    x_val = np.stack([features(waves[i]) for i in val_idx])[..., None]
    y_val = np.asarray([targets[i] for i in val_idx])
    model = build(len(labels), labels)
    model.compile(optimizer=keras.optimizers.Adam(settings.learning_rate),
                  loss=keras.losses.SparseCategoricalCrossentropy(), metrics=["accuracy"])
    history = History()
    model.fit(x_train, y_train, validation_data=(x_val, y_val), epochs=settings.epochs,
              batch_size=settings.batch_size, shuffle=True, verbose=0,
              callbacks=[_reporter(settings.epochs, history, on_epoch)])
    ev = evaluate(np.asarray(model(x_val, training=False)), y_val, len(labels))
    return Taught(model, labels, history, ev, train_idx, val_idx, overfitting(history),
                  time.perf_counter() - t0)


def to_bytes(model) -> bytes:
    from models.teachable.small_export import to_bytes as save

    return save(model)


def from_bytes(data: bytes):
    """(model, labels) of an exported sound classifier (weights into our architecture)."""
    from models.teachable.small_export import from_bytes as load

    return load(data, FORMAT, build)
