"""One call from labelled photos to a trained, evaluated classifier (used by the page and the CLI)."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from PIL import Image

from models.teachable.dataset import check_classes, stratified_split
from models.teachable.evaluation import Evaluation, evaluate
from models.teachable.features import Embedder, FeatureCache
from models.teachable.training import EpochLog, History, Settings, overfitting, train_head


@dataclass
class Taught:
    labels: list[str]
    head: object  # keras.Model: features → probabilities
    history: History
    train_idx: np.ndarray
    val_idx: np.ndarray
    evaluation: Evaluation
    overfitting: str | None
    seconds: dict[str, float] = field(default_factory=dict)

    def probabilities(self, embedder: Embedder, images: list[Image.Image]) -> np.ndarray:
        return np.asarray(self.head(embedder.embed_images(images), training=False))


def training_set(cache: FeatureCache, embedder: Embedder, images, targets, train_idx, settings: Settings):
    """Training features: each photo, plus its augmented copies when augmentation is on."""
    train_images = [images[i] for i in train_idx]
    y = np.asarray(targets)[train_idx]
    x = cache.features(embedder, train_images)
    if settings.augment:
        aug = cache.augmented_features(embedder, train_images, settings.seed)
        x = np.concatenate([x, aug.reshape(-1, x.shape[1])])
        y = np.concatenate([y, np.repeat(y, aug.shape[1])])
    return x, y


def teach(embedder: Embedder, cache: FeatureCache, images: list[Image.Image], targets: list[int],
          labels: list[str], settings: Settings = Settings(),
          on_epoch: Callable[[EpochLog], None] | None = None) -> Taught:
    """Check the classes, split 80/20 (stratified), embed (cached), train the head, evaluate."""
    check_classes(labels, [list(targets).count(i) for i in range(len(labels))])
    train_idx, val_idx = stratified_split(targets, seed=settings.seed)
    t0 = time.perf_counter()
    x_train, y_train = training_set(cache, embedder, images, targets, train_idx, settings)
    x_val = cache.features(embedder, [images[i] for i in val_idx])
    y_val = np.asarray(targets)[val_idx]
    t1 = time.perf_counter()
    head, history = train_head(x_train, y_train, x_val, y_val, len(labels), settings, on_epoch)
    t2 = time.perf_counter()
    probs = np.asarray(head(x_val, training=False))
    return Taught(
        labels=list(labels), head=head, history=history, train_idx=train_idx, val_idx=val_idx,
        evaluation=evaluate(probs, y_val, len(labels)), overfitting=overfitting(history),
        seconds={"features": t1 - t0, "training": t2 - t1},
    )
