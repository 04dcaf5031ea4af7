"""Frozen-backbone features, computed once per photo and cached.

Training only the head on cached vectors is what makes teaching take seconds: adding a photo
costs one backbone pass; changing epochs, learning rate or batch size costs none.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from PIL import Image

from models.teachable.augment import COPIES, augmented_copies

BATCH = 32


def image_key(img: Image.Image) -> str:
    """Identity of a photo by its pixels (the same photo uploaded twice is embedded once)."""
    return hashlib.sha1(img.tobytes() + repr(img.size).encode()).hexdigest()


@dataclass
class Embedder:
    """A frozen feature extractor plus the preprocessing it expects, traced once with tf.function."""

    extractor: object  # keras.Model: (N, S, S, 3) preprocessed → (N, D)
    preprocess: Callable[[Image.Image], np.ndarray]

    def __post_init__(self):
        import tensorflow as tf

        size = tuple(self.extractor.input_shape[1:])
        self._fn = tf.function(
            lambda x: self.extractor(x, training=False),
            input_signature=[tf.TensorSpec((None, *size), tf.float32)],
        )

    @property
    def dim(self) -> int:
        return int(self.extractor.output_shape[-1])

    def arrays(self, images: list[Image.Image]) -> np.ndarray:
        return np.stack([self.preprocess(img) for img in images]).astype("float32")

    def embed(self, batch: np.ndarray) -> np.ndarray:
        """Preprocessed images → features, in fixed-size chunks (never model.predict)."""
        out = [self._fn(batch[i : i + BATCH]).numpy() for i in range(0, len(batch), BATCH)]
        return np.concatenate(out) if out else np.zeros((0, self.dim), "float32")

    def embed_images(self, images: list[Image.Image]) -> np.ndarray:
        """Photos → (N, D) features."""
        return self.embed(self.arrays(images))


def load_embedder() -> Embedder:
    """EfficientNet-Lite0 (ImageNet, frozen) without its classifier: 1280 features per photo."""
    from models.backbones.efficientnet_lite import feature_extractor, load_efficientnet_lite0, preprocess

    extractor = feature_extractor(load_efficientnet_lite0())
    extractor.trainable = False
    return Embedder(extractor, preprocess)


@dataclass
class FeatureCache:
    """photo key → its features, and separately → features of its augmented copies."""

    plain: dict[str, np.ndarray] = field(default_factory=dict)
    augmented: dict[str, np.ndarray] = field(default_factory=dict)

    def features(self, embedder: Embedder, images: list[Image.Image]) -> np.ndarray:
        """(N, D) features of the photos themselves; only unseen photos go through the backbone."""
        return _lookup(self.plain, images, embedder.embed_images, (embedder.dim,))

    def augmented_features(self, embedder: Embedder, images: list[Image.Image], seed: int = 0) -> np.ndarray:
        """(N, COPIES, D) features of flipped/cropped/brightened copies of each photo."""

        def embed_copies(todo: list[Image.Image]) -> np.ndarray:
            copies = augmented_copies(embedder.arrays(todo), COPIES, seed)
            return embedder.embed(copies.reshape(-1, *copies.shape[2:])).reshape(len(todo), COPIES, -1)

        return _lookup(self.augmented, images, embed_copies, (COPIES, embedder.dim))

    def forget(self, keep: set[str]) -> None:
        """Drop features of photos the user removed."""
        for store in (self.plain, self.augmented):
            for k in list(store):
                if k not in keep:
                    del store[k]


def _lookup(store: dict[str, np.ndarray], images: list[Image.Image], compute, shape: tuple[int, ...]) -> np.ndarray:
    """`store`'s entries for `images`, stacked; the missing ones are computed first, in one batch."""
    keys = [image_key(im) for im in images]
    todo = {k: im for k, im in zip(keys, images) if k not in store}
    if todo:
        store.update(zip(todo, compute(list(todo.values()))))
    return np.stack([store[k] for k in keys]) if keys else np.zeros((0, *shape), "float32")
