"""One standalone `.keras` file: 224×224 RGB pixels in, class probabilities out, labels inside.

Layout: pixels (0–255, as `efficientnet_lite.center_crop` gives them) → Rescaling to (x − 127)/128
→ frozen EfficientNet-Lite0 features → the trained head → `ClassLabels` (an identity layer whose config carries the class names, so the
labels survive save/load and can even be read from the zip's config.json without Keras).
"""
from __future__ import annotations

import functools
import io
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass

import numpy as np
from models.teachable.dataset import TeachError

FORMAT = "teachable-classifier/1"


@functools.cache
def class_labels_cls():
    """Registered lazily (once) so importing this module does not import Keras."""
    import keras

    @keras.saving.register_keras_serializable(package="teachable", name="ClassLabels")
    class ClassLabels(keras.layers.Layer):
        """Passes probabilities through unchanged; exists to store the class names in the file."""

        def __init__(self, labels, format=FORMAT, **kwargs):
            super().__init__(**kwargs)
            self.labels = list(labels)
            self.format = format

        def call(self, inputs):
            return inputs

        def compute_output_shape(self, input_shape):
            return input_shape

        def get_config(self):
            return {**super().get_config(), "labels": self.labels, "format": self.format}

    return ClassLabels


def full_model(extractor, head, labels: list[str]):
    """Backbone + head + labels as one Keras model taking 0–255 pixels at the backbone's size."""
    import keras

    from models.backbones.efficientnet_lite import PIXEL_OFFSET, PIXEL_SCALE

    inputs = keras.Input(tuple(extractor.input_shape[1:]), name="pixels")
    x = keras.layers.Rescaling(1 / PIXEL_SCALE, offset=-PIXEL_OFFSET / PIXEL_SCALE, name="to_minus1_1")(inputs)
    probs = head(extractor(x))
    outputs = class_labels_cls()(labels, name="class_labels")(probs)
    return keras.Model(inputs, outputs, name="teachable_classifier")


def to_bytes(model) -> bytes:
    """The model as the bytes of a `.keras` file (for a download button)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model.keras")
        model.save(path)
        with open(path, "rb") as fh:
            return fh.read()


def labels_in(data: bytes) -> list[str]:
    """Read the class names from a `.keras` file without building the model (cheap validation)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            config = json.loads(zf.read("config.json"))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TeachError("bad_model_file", f"not a .keras model file ({exc})") from exc
    for layer in config.get("config", {}).get("layers", []):
        if layer.get("class_name") == "ClassLabels" or layer.get("registered_name") == "teachable>ClassLabels":
            return list(layer["config"]["labels"])
    raise TeachError("not_teachable", "this .keras file was not made by the teachable page (no class labels)")


@dataclass
class Classifier:
    """A loaded `.keras` classifier with its labels and a traced single-image call."""

    model: object
    labels: list[str]

    def __post_init__(self):
        import tensorflow as tf

        self.size = tuple(self.model.input_shape[1:3])
        self._fn = tf.function(lambda x: self.model(x, training=False),
                               input_signature=[tf.TensorSpec((None, *self.size, 3), tf.float32)])

    def probabilities(self, pixels: np.ndarray) -> np.ndarray:
        """(N, S, S, 3) pixels 0–255 → (N, n_classes)."""
        return self._fn(np.asarray(pixels, "float32")).numpy()


def from_bytes(data: bytes) -> Classifier:
    """Load an exported file; a wrong or foreign file raises TeachError (never a traceback)."""
    import keras

    labels = labels_in(data)
    class_labels_cls()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model.keras")
        with open(path, "wb") as fh:
            fh.write(data)
        try:
            model = keras.saving.load_model(path, compile=False, safe_mode=True)
        except Exception as exc:  # noqa: BLE001 - any Keras failure means an unusable file
            raise TeachError("bad_model_file", f"the .keras file could not be loaded ({exc})") from exc
    shape = model.input_shape
    if len(shape) != 4 or shape[-1] != 3 or model.output_shape[-1] != len(labels):
        raise TeachError("not_teachable", f"unexpected model shapes {shape} → {model.output_shape}")
    return Classifier(model, labels)
