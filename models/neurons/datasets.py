"""TensorFlow Playground's four data sets, the train/test split and the input features.

Algorithm
---------
The generators follow Playground's `dataset.ts` (Apache-2.0, github.com/tensorflow/playground):
points live in the square [−6, 6]², half of them in each class, and `noise` (0–0.5) blurs them.
- circle: class 1 inside radius 2.5, class 0 in the ring 3.5–5 (noise moves the point the label
  is read from, so some labels come out wrong, as in Playground);
- xor: uniform points kept 0.3 away from the axes, class 1 where x1·x2 ≥ 0;
- gauss: two Gaussian blobs around (2, 2) and (−2, −2) whose variance grows with the noise;
- spiral: two interleaved spirals, 1.75 turns each.
The split shuffles once and keeps the first `train_ratio` of the points for training (80:20, as the
lecture notes recommend); the test points decide nothing during training.
Features are computed from the two coordinates, as in Playground: x1, x2, x1², x2², x1·x2, sin x1, sin x2.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DATASETS = ("circle", "xor", "gauss", "spiral")
FEATURES = ("x1", "x2", "x1^2", "x2^2", "x1x2", "sin_x1", "sin_x2")
FEATURE_LABELS = {"x1": "x₁", "x2": "x₂", "x1^2": "x₁²", "x2^2": "x₂²", "x1x2": "x₁x₂",
                  "sin_x1": "sin x₁", "sin_x2": "sin x₂"}
FEATURE_CODE = {"x1": "x1", "x2": "x2", "x1^2": "x1 ** 2", "x2^2": "x2 ** 2", "x1x2": "x1 * x2",
                "sin_x1": "np.sin(x1)", "sin_x2": "np.sin(x2)"}
EXTENT = 6.0  # points and pictures cover [−6, 6]²
N_POINTS = 500
TRAIN_RATIO = 0.8
MAX_NOISE = 0.5


@dataclass(frozen=True)
class Split:
    """Points (n, 2) in [−6, 6]² and 0/1 labels, already split into train and test."""
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


def _circle(n: int, noise: float, rng) -> tuple[np.ndarray, np.ndarray]:
    radius = 5.0
    r = np.concatenate([rng.uniform(0, radius * 0.5, n // 2), rng.uniform(radius * 0.7, radius, n - n // 2)])
    angle = rng.uniform(0, 2 * np.pi, n)
    x = np.stack([r * np.sin(angle), r * np.cos(angle)], axis=1)
    seen = x + rng.uniform(-radius, radius, (n, 2)) * noise
    return x, (np.hypot(seen[:, 0], seen[:, 1]) < radius * 0.5).astype(int)


def _xor(n: int, noise: float, rng) -> tuple[np.ndarray, np.ndarray]:
    x = rng.uniform(-5, 5, (n, 2))
    x += np.where(x > 0, 0.3, -0.3)
    seen = x + rng.uniform(-5, 5, (n, 2)) * noise
    return x, (seen[:, 0] * seen[:, 1] >= 0).astype(int)


def _gauss(n: int, noise: float, rng) -> tuple[np.ndarray, np.ndarray]:
    variance = 0.5 + noise / 0.5 * 3.5
    half = n // 2
    x = np.concatenate([rng.normal(2, np.sqrt(variance), (half, 2)), rng.normal(-2, np.sqrt(variance), (n - half, 2))])
    return x, np.concatenate([np.ones(half, int), np.zeros(n - half, int)])


def _spiral(n: int, noise: float, rng) -> tuple[np.ndarray, np.ndarray]:
    parts, labels = [], []
    for label, delta, count in ((1, 0.0, n // 2), (0, np.pi, n - n // 2)):
        i = np.arange(count)
        r = i / count * 5
        t = 1.75 * i / count * 2 * np.pi + delta
        parts.append(np.stack([r * np.sin(t), r * np.cos(t)], axis=1) + rng.uniform(-1, 1, (count, 2)) * noise)
        labels.append(np.full(count, label))
    return np.concatenate(parts), np.concatenate(labels)


GENERATORS = {"circle": _circle, "xor": _xor, "gauss": _gauss, "spiral": _spiral}


def make_points(dataset: str, noise: float = 0.0, n: int = N_POINTS, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """`n` points of `dataset` with `noise` in 0–0.5, clipped to the picture square."""
    if dataset not in GENERATORS:
        raise ValueError(f"dataset must be one of {DATASETS}, not {dataset!r}")
    if not 0 <= noise <= MAX_NOISE:
        raise ValueError(f"noise must lie between 0 and {MAX_NOISE}, not {noise}")
    x, y = GENERATORS[dataset](n, noise, np.random.default_rng(seed))
    return np.clip(x, -EXTENT, EXTENT), y


def split(x: np.ndarray, y: np.ndarray, train_ratio: float = TRAIN_RATIO, seed: int = 0) -> Split:
    """Shuffle once, keep `train_ratio` for training and the rest for the test (at least one point each)."""
    if not 0 < train_ratio < 1:
        raise ValueError(f"train ratio must lie strictly between 0 and 1, not {train_ratio}")
    order = np.random.default_rng(seed + 1).permutation(len(x))
    cut = min(max(1, round(len(x) * train_ratio)), len(x) - 1)
    train, test = order[:cut], order[cut:]
    return Split(x[train], y[train], x[test], y[test])


def make_split(dataset: str, noise: float = 0.0, train_ratio: float = TRAIN_RATIO, n: int = N_POINTS,
               seed: int = 0) -> Split:
    return split(*make_points(dataset, noise, n, seed), train_ratio, seed)


def feature_map(x: np.ndarray, features: tuple[str, ...]) -> np.ndarray:
    """Columns for the chosen features of points `x` (n, 2), in the order given, as float32."""
    unknown = [f for f in features if f not in FEATURES]
    if unknown or not features:
        raise ValueError(f"features must be a non-empty selection of {FEATURES}, not {features!r}")
    x1, x2 = x[:, 0], x[:, 1]
    columns = {"x1": x1, "x2": x2, "x1^2": x1 ** 2, "x2^2": x2 ** 2, "x1x2": x1 * x2,
               "sin_x1": np.sin(x1), "sin_x2": np.sin(x2)}
    return np.stack([columns[f] for f in features], axis=1).astype(np.float32)


def grid(resolution: int) -> tuple[np.ndarray, np.ndarray]:
    """Cell centres along one axis and the (resolution², 2) points of the picture square, row by row."""
    axis = np.linspace(-EXTENT, EXTENT, resolution)
    xx, yy = np.meshgrid(axis, axis)
    return axis, np.stack([xx.ravel(), yy.ravel()], axis=1)
