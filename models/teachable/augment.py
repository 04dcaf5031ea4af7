"""Light augmentation (flip, crop, brightness) with Keras preprocessing layers.

It runs on the 224×224 images *before* the frozen backbone: each training photo gets a few
altered copies whose features are cached, so augmentation never makes us train the backbone.
"""
from __future__ import annotations

import numpy as np

COPIES = 3  # augmented copies per training photo (plus the photo itself)


def augmenter(seed: int = 0):
    """Random horizontal flip, zoom-in crop up to 25 % and ±20 % brightness (inputs in [-1, 1])."""
    import keras

    return keras.Sequential(
        [
            keras.layers.RandomFlip("horizontal", seed=seed),
            keras.layers.RandomZoom(height_factor=(-0.25, 0.0), fill_mode="reflect", seed=seed + 1),
            keras.layers.RandomBrightness(0.2, value_range=(-1.0, 1.0), seed=seed + 2),
        ],
        name="augment",
    )


def augmented_copies(batch: np.ndarray, copies: int = COPIES, seed: int = 0) -> np.ndarray:
    """(N, 224, 224, 3) preprocessed images → (N, copies, 224, 224, 3) random variants."""
    aug = augmenter(seed)
    out = [np.asarray(aug(batch, training=True)) for _ in range(copies)]
    return np.stack(out, axis=1).astype("float32")
