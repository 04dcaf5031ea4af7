"""Teachable poses: features from the 33 landmarks and a small head trained on them.

Normalisation (so where the student stands and how far from the camera do not matter): the origin moves
to the mid-hip, and every coordinate is divided by the torso length (mid-hip → mid-shoulder), which
grows and shrinks with the body's size in the photo. The 33 (x, y) pairs become 66 numbers.
Head: Dense(32, ReLU) → Dropout → Dense(softmax), cross-entropy, Adam; a stratified held-out set gives
the validation curves and the confusion matrix. Augmentation: small random jitter, scaling and tilt of
the normalised points.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

import numpy as np

from models.pose.blazepose import NAMES
from models.teachable.evaluation import Evaluation, evaluate
from models.teachable.training import EpochLog, History, _reporter, overfitting

FORMAT = "pose-v1"
DIM = 2 * len(NAMES)
L_SHOULDER, R_SHOULDER, L_HIP, R_HIP = (NAMES.index(n) for n in
                                        ("left_shoulder", "right_shoulder", "left_hip", "right_hip"))
AUGMENT = 10
JITTER, SCALE, TILT_DEG = 0.03, 0.1, 8.0


@dataclass(frozen=True)
class Settings:
    epochs: int = 30
    learning_rate: float = 1e-2
    batch_size: int = 32
    augment: bool = True
    seed: int = 0


def normalise(xy: np.ndarray) -> np.ndarray:
    """(33, 2) pixel landmarks → (66,) centred on the mid-hip, in units of torso length."""
    xy = np.asarray(xy, np.float64)
    hip = (xy[L_HIP] + xy[R_HIP]) / 2
    shoulder = (xy[L_SHOULDER] + xy[R_SHOULDER]) / 2
    torso = max(float(np.linalg.norm(shoulder - hip)), 1e-6)
    return ((xy - hip) / torso).ravel().astype(np.float32)


def augment(features: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    pts = features.reshape(-1, 2)
    a = np.radians(rng.uniform(-TILT_DEG, TILT_DEG))
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    pts = pts @ rot.T * rng.uniform(1 - SCALE, 1 + SCALE) + rng.normal(0, JITTER, pts.shape)
    return pts.ravel().astype(np.float32)


def build(n_classes: int, labels: list[str] | None = None):
    import keras

    from models.teachable.export import class_labels_cls

    inputs = keras.Input((DIM,), name="pose_features")
    x = keras.layers.Dense(32, activation="relu", name="hidden")(inputs)
    x = keras.layers.Dropout(0.2, name="dropout")(x)
    probs = keras.layers.Dense(n_classes, activation="softmax", name="probabilities")(x)
    outputs = class_labels_cls()(labels or [str(i) for i in range(n_classes)], format=FORMAT,
                                 name="class_labels")(probs)
    return keras.Model(inputs, outputs, name="teachable_poses")


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


def teach(features: np.ndarray, targets: list[int], labels: list[str], settings: Settings = Settings(),
          on_epoch: Callable[[EpochLog], None] | None = None) -> Taught:
    """Train the head on normalised landmark features (N, 66)."""
    import keras

    from models.sound.model import check_classes, split

    check_classes(labels, targets)
    t0 = time.perf_counter()
    keras.utils.set_random_seed(settings.seed)
    rng = np.random.default_rng(settings.seed)
    train_idx, val_idx = split(targets, seed=settings.seed)
    xs, ys = [], []
    for i in train_idx:
        xs += [features[i]] + ([augment(features[i], rng) for _ in range(AUGMENT)] if settings.augment else [])
        ys += [targets[i]] * (1 + (AUGMENT if settings.augment else 0))
    x_val, y_val = np.asarray(features)[val_idx], np.asarray(targets)[val_idx]
    model = build(len(labels), labels)
    model.compile(optimizer=keras.optimizers.Adam(settings.learning_rate),
                  loss=keras.losses.SparseCategoricalCrossentropy(), metrics=["accuracy"])
    history = History()
    model.fit(np.stack(xs), np.asarray(ys), validation_data=(x_val, y_val), epochs=settings.epochs,
              batch_size=settings.batch_size, shuffle=True, verbose=0,
              callbacks=[_reporter(settings.epochs, history, on_epoch)])
    ev = evaluate(np.asarray(model(x_val, training=False)), y_val, len(labels))
    return Taught(model, labels, history, ev, train_idx, val_idx, overfitting(history), time.perf_counter() - t0)


def to_bytes(model) -> bytes:
    from models.teachable.small_export import to_bytes as save

    return save(model)


def from_bytes(data: bytes):
    """(model, labels) of an exported pose classifier (weights into our architecture)."""
    from models.teachable.small_export import from_bytes as load

    return load(data, FORMAT, build)
