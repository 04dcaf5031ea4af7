"""The generalist: ImageNet EfficientNet-Lite0 (run in onnxruntime), classifying any number of photos."""
from __future__ import annotations

import numpy as np
from PIL import Image

from models.backbones.efficientnet_lite import IMAGE_SIZE, last_conv_model, load_efficientnet_lite0, preprocess
from models.common.onnx_runtime import forward_pass
from models.dog_breeds.predictions import Prediction, interpret

PARAMETERS = 4_652_008  # trained weights in the checkpoint (BN statistics not counted)


class Generalist:
    """Wraps the Keras model with one forward pass whose batch size may vary, which also hands back the
    last conv activations, from which `class_map` draws Grad-CAM. `engine`: "onnxruntime" (what the page
    runs: a third less CPU, `models.common.onnx_runtime`) or "tensorflow" (a `tf.function`, the reference)."""

    def __init__(self, model, engine: str = "onnxruntime"):
        self.model, self.engine = model, engine
        self._maps_and_logits = forward_pass(last_conv_model(model), (IMAGE_SIZE, IMAGE_SIZE, 3), engine)
        self._fc = np.asarray(model.get_layer("_fc").kernel)  # 1280 × 1000

    def logits(self, batch: np.ndarray) -> np.ndarray:
        return self._maps_and_logits(batch)[1]

    def classify(self, images: list[Image.Image], k: int = 5) -> list[Prediction]:
        """All images in one forward pass."""
        return self.classify_with_maps(images, k)[0]

    def classify_with_maps(self, images: list[Image.Image], k: int = 5) -> tuple[list[Prediction], np.ndarray]:
        """All images in one forward pass: their predictions and last conv activations (n × 7 × 7 × 1280)."""
        if not images:
            return [], np.zeros((0, 7, 7, self._fc.shape[0]), np.float32)
        return self.predict_with_maps(np.stack([preprocess(img) for img in images]), k)

    def predict_with_maps(self, batch: np.ndarray, k: int = 5) -> tuple[list[Prediction], np.ndarray]:
        """`classify_with_maps` of photos already through `preprocess` (n × 224 × 224 × 3, n ≥ 1)."""
        maps, logits = self._maps_and_logits(batch)
        return [interpret(row, k) for row in logits], maps

    def class_map(self, maps: np.ndarray, class_index: int) -> np.ndarray:
        """Grad-CAM of one class from one photo's conv activations (7 × 7 in [0, 1]), without a backward pass.

        The head is global average pooling then one dense layer, so the gradient of a class logit with
        respect to every position of the activations is that class's dense weights / 49: Grad-CAM's
        channel weights are the dense weights and Grad-CAM equals CAM (Selvaraju et al. 2017, sec. 3.1).
        `models.dog_breeds.gradcam.GradCam` differentiates and gives the same map (a unit test checks)."""
        cam = np.maximum(maps @ self._fc[:, class_index], 0.0)
        return (cam / (cam.max() + 1e-8)).astype(np.float32)


def load_generalist(engine: str = "onnxruntime") -> Generalist:
    """Inference-only copy: BatchNorm folded into the convs (same logits to 1e-5, faster on CPU)."""
    return Generalist(load_efficientnet_lite0(fold_batchnorm=True), engine)
