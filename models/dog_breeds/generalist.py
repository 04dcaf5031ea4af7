"""The generalist: ImageNet EfficientNet-Lite0, traced once, classifying any number of photos."""
from __future__ import annotations

import numpy as np
from PIL import Image

from models.backbones.efficientnet_lite import IMAGE_SIZE, load_efficientnet_lite0, preprocess
from models.dog_breeds.predictions import Prediction, interpret

PARAMETERS = 4_652_008  # trained weights in the checkpoint (BN statistics not counted)


class Generalist:
    """Wraps the Keras model with one `tf.function` whose batch size may vary (traced once)."""

    def __init__(self, model):
        import tensorflow as tf

        self.model = model
        spec = tf.TensorSpec([None, IMAGE_SIZE, IMAGE_SIZE, 3], tf.float32)
        self._logits = tf.function(lambda x: model(x, training=False), input_signature=[spec])

    def logits(self, batch: np.ndarray) -> np.ndarray:
        return self._logits(batch).numpy()

    def classify(self, images: list[Image.Image], k: int = 5) -> list[Prediction]:
        """All images in one forward pass."""
        if not images:
            return []
        batch = np.stack([preprocess(img) for img in images])
        return [interpret(row, k) for row in self.logits(batch)]


def load_generalist() -> Generalist:
    """Inference-only copy: BatchNorm folded into the convs (same logits to 1e-5, faster on CPU)."""
    return Generalist(load_efficientnet_lite0(fold_batchnorm=True))
