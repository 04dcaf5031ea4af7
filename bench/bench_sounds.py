"""Sounds: held-out accuracy of the log-mel CNN on the ready-made example vs a nearest-class-mean
baseline on the same log-mel features, training time for 3 × 10 clips, and prediction speed."""
from __future__ import annotations

import statistics
import time

import numpy as np


def _waves(split):
    from models.sound.audio import read_clip
    from models.sound.example import example_clips

    paths, targets, labels = example_clips(split)
    return [read_clip(p.read_bytes()).wave for p in paths], np.asarray(targets), labels


def nearest_mean(train_x, train_y, test_x) -> np.ndarray:
    """Baseline: each held-out clip gets the class whose mean log-mel image is closest (template matching)."""
    means = np.stack([train_x[train_y == c].mean(0) for c in sorted(set(train_y))])
    d = ((test_x[:, None] - means[None]) ** 2).reshape(len(test_x), len(means), -1).sum(-1)
    return d.argmin(1)


def run() -> list[dict]:
    from models.sound.audio import features
    from models.sound.model import AUGMENT, Settings, predict, teach

    train_w, train_y, labels = _waves("train")
    test_w, test_y, _ = _waves("test")
    teach(train_w[:9], [0, 0, 0, 1, 1, 1, 2, 2, 2], labels, Settings(epochs=1))  # warm-up: Keras/TF first trace
    t0 = time.perf_counter()
    taught = teach(train_w, list(train_y), labels)
    train_s = time.perf_counter() - t0
    acc = float((predict(taught.model, test_w).argmax(1) == test_y).mean())
    base = float((nearest_mean(np.stack([features(w) for w in train_w]), train_y,
                               np.stack([features(w) for w in test_w])) == test_y).mean())
    times = []
    for w in test_w[:10]:
        t = time.perf_counter()
        predict(taught.model, [w])
        times.append((time.perf_counter() - t) * 1000)
    return [
        {"name": "held-out accuracy, ready-made example (3 classes × 10 clips never trained on)", "value": 100 * acc,
         "unit": "%", "goal": 90.0, "better": "higher", "baseline": f"nearest class mean (log-mel) {100 * base:.0f} %; "
         f"chance 33 %", "note": "test clips use other espeak-ng voices, pitches, speeds and seeds"},
        {"name": f"training, 3 × 10 clips (features, {AUGMENT} augmented copies each, {Settings().epochs} epochs)", "value": train_s, "unit": "s",
         "goal": 15.0, "better": "lower", "baseline": None, "note": "after one warm-up fit (TensorFlow's first trace)"},
        {"name": "prediction, one clip", "value": statistics.median(times), "unit": "ms", "goal": None,
         "better": "lower", "baseline": None, "note": "median of 10"},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
