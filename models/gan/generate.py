"""Use a trained conditional GAN: samples of a class, a walk between two samples, the critic's opinion.

- `load_studio(dataset)` builds the generator and the critic, loads the committed weights and traces
  one `tf.function` each (batch size free), once per process.
- Noise is drawn from `numpy.random.default_rng(seed)`: the same seed always gives the same pictures,
  and sample i of 16 is sample i of 4.
- `interpolate` walks from (noise A, class A) to (noise B, class B) along a great circle in noise space
  (slerp: Gaussian noise lives near a sphere, a straight line would pass through its faint middle) while
  the class vector fades from one-hot A to one-hot B.
- `critic_says` is the discriminator's probability that an image is a real image of the given class.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.gan.data import CLASSES as CLASS_NAMES, DATASETS, to_tanh, to_uint8
from models.gan.networks import CLASSES, LATENT

MAX_SAMPLES = 64
MAX_STEPS = 32


class BadRequest(ValueError):
    """A label, count or dataset the models cannot do: the message says what is allowed."""


def check(dataset: str, label: int | None = None, n: int | None = None, steps: int | None = None) -> None:
    if dataset not in DATASETS:
        raise BadRequest(f"unknown dataset {dataset!r}: choose from {', '.join(DATASETS)}")
    if label is not None and not 0 <= label < CLASSES:
        raise BadRequest(f"label must be 0–{CLASSES - 1} ({', '.join(CLASS_NAMES[dataset])}), got {label}")
    if n is not None and not 1 <= n <= MAX_SAMPLES:
        raise BadRequest(f"n must be 1–{MAX_SAMPLES}, got {n}")
    if steps is not None and not 2 <= steps <= MAX_STEPS:
        raise BadRequest(f"steps must be 2–{MAX_STEPS}, got {steps}")


@dataclass
class Studio:
    dataset: str
    generator: object
    critic: object

    def __post_init__(self):
        import tensorflow as tf

        spec = [tf.TensorSpec((None, LATENT), tf.float32), tf.TensorSpec((None, CLASSES), tf.float32)]
        self._generate = tf.function(lambda z, y: self.generator([z, y], training=False), input_signature=spec)
        self._judge = tf.function(lambda x, y: tf.sigmoid(self.critic([x, y], training=False))[:, 0],
                                  input_signature=[tf.TensorSpec((None, 28, 28), tf.float32), spec[1]])

    def images(self, z: np.ndarray, y: np.ndarray) -> np.ndarray:
        """noise (N, 64), class vectors (N, 10) → uint8 images (N, 28, 28)."""
        return to_uint8(self._generate(np.asarray(z, np.float32), np.asarray(y, np.float32)).numpy())

    def critic_says(self, images: np.ndarray, labels) -> np.ndarray:
        """uint8 images (N, 28, 28) and their classes → the critic's P(real) for each."""
        return self._judge(to_tanh(np.asarray(images)), one_hot(labels)).numpy()


def one_hot(labels) -> np.ndarray:
    return np.eye(CLASSES, dtype=np.float32)[np.asarray(labels, np.int64).reshape(-1)]


def noise(seed: int, n: int) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((n, LATENT)).astype(np.float32)


def load_studio(dataset: str, artifacts=None) -> Studio:
    from models.gan.networks import build_critic, build_generator
    from models.gan.train import ARTIFACTS

    check(dataset)
    folder = artifacts or ARTIFACTS
    generator, critic = build_generator(), build_critic()
    for model, part in ((generator, "generator"), (critic, "critic")):
        path = folder / f"{dataset}_{part}.weights.h5"
        if not path.is_file():
            raise FileNotFoundError(f"missing {path}: run `python -m models.gan.train --dataset {dataset}`")
        model.load_weights(path)
    studio = Studio(dataset, generator, critic)
    studio.critic_says(studio.images(noise(0, 1), one_hot([0])), [0])  # trace both now, not for a student
    return studio


def sample(studio: Studio, label: int, n: int = 16, seed: int = 1) -> np.ndarray:
    """n images of class `label` (uint8, (n, 28, 28)), the same for the same seed."""
    check(studio.dataset, label, n)
    return studio.images(noise(seed, n), one_hot([label] * n))


def slerp(a: np.ndarray, b: np.ndarray, t: np.ndarray) -> np.ndarray:
    a_n, b_n = a / np.linalg.norm(a), b / np.linalg.norm(b)
    omega = np.arccos(np.clip(np.dot(a_n, b_n), -1.0, 1.0))
    if omega < 1e-6:
        return (1 - t)[:, None] * a + t[:, None] * b
    return (np.sin((1 - t) * omega)[:, None] * a + np.sin(t * omega)[:, None] * b) / np.sin(omega)


def interpolate(studio: Studio, label_a: int, label_b: int, seed_a: int = 1, seed_b: int = 2,
                steps: int = 9) -> np.ndarray:
    """`steps` images from (seed_a, label_a) to (seed_b, label_b), uint8 (steps, 28, 28)."""
    check(studio.dataset, label_a, steps=steps)
    check(studio.dataset, label_b)
    t = np.linspace(0.0, 1.0, steps, dtype=np.float32)
    z = slerp(noise(seed_a, 1)[0], noise(seed_b, 1)[0], t).astype(np.float32)
    y = (1 - t)[:, None] * one_hot([label_a]) + t[:, None] * one_hot([label_b])
    return studio.images(z, y)


def grid(images: np.ndarray, cols: int | None = None, gap: int = 2):
    """A PIL grey picture of the images in rows of `cols`, 28 px each with `gap` px between."""
    from PIL import Image

    n = len(images)
    cols = cols or int(np.ceil(np.sqrt(n)))
    rows = int(np.ceil(n / cols))
    canvas = np.zeros((rows * (28 + gap) - gap, cols * (28 + gap) - gap), np.uint8)
    for i, img in enumerate(images):
        r, c = divmod(i, cols)
        canvas[r * (28 + gap): r * (28 + gap) + 28, c * (28 + gap): c * (28 + gap) + 28] = img
    return Image.fromarray(canvas, "L")


@dataclass(frozen=True)
class QuizItem:
    image: np.ndarray  # uint8 (28, 28)
    label: int
    real: bool
    critic_real: float  # the critic's P(real)
    cut: float  # the critic says "real" at or above this score (see `critic_cut`)

    @property
    def critic_says_real(self) -> bool:
        return self.critic_real >= self.cut

    @property
    def critic_right(self) -> bool:
        return self.critic_says_real == self.real


def critic_cut(studio: Studio, real_images: np.ndarray, real_labels: np.ndarray, n: int = 300, seed: int = 0) -> float:
    """Where the critic's scores split real from generated pictures: the midpoint of its median score on
    `n` real and `n` generated pictures. At the end of training the critic scores both low (label smoothing,
    and the generator has pushed its fakes up to the reals), so a fixed 0.5 would call everything fake."""
    rng = np.random.default_rng(seed)
    n = min(n, len(real_images))
    pick = rng.choice(len(real_images), n, replace=False)
    labels = rng.integers(0, CLASSES, n)
    fakes = studio.images(noise(seed + 20_000, n), one_hot(labels))
    real_p = studio.critic_says(real_images[pick], real_labels[pick])
    return float((np.median(real_p) + np.median(studio.critic_says(fakes, labels))) / 2)


def quiz(studio: Studio, real_images: np.ndarray, real_labels: np.ndarray, n: int = 8, seed: int = 0) -> list[QuizItem]:
    """n pictures, about half real test images and half generated (same classes), shuffled by `seed`."""
    rng = np.random.default_rng(seed)
    n_real = int(rng.integers(n // 2 - 1, n // 2 + 2)) if n >= 4 else n // 2
    pick = rng.choice(len(real_images), n_real, replace=False)
    fake_labels = rng.integers(0, CLASSES, n - n_real)
    fakes = studio.images(noise(seed + 10_000, n - n_real), one_hot(fake_labels))
    images = np.concatenate([real_images[pick], fakes])
    labels = np.concatenate([real_labels[pick], fake_labels]).astype(int)
    real = np.array([True] * n_real + [False] * (n - n_real))
    probs = studio.critic_says(images, labels)
    cut = critic_cut(studio, real_images, real_labels)
    order = rng.permutation(n)
    return [QuizItem(images[i], int(labels[i]), bool(real[i]), float(probs[i]), cut) for i in order]
