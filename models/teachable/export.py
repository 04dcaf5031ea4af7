"""One standalone `.keras` file: 224×224 RGB pixels in, class probabilities out, labels inside.

Layout: pixels (0–255, as `efficientnet_lite.center_crop` gives them) → Rescaling to (x − 127)/128
→ frozen EfficientNet-Lite0 features → the trained head → `ClassLabels` (an identity layer whose config carries the class names, so the
labels survive save/load and can even be read from the zip's config.json without Keras).

Importing never deserialises the uploaded file: `safe_import` reads the labels from config.json and the
head's kernel and bias from model.weights.h5 as plain data, checked against our layout; the classifier is
rebuilt here from our own frozen backbone (`load_embedder`) and a fresh head holding those two arrays.
"""
from __future__ import annotations

import functools
import os
import tempfile
from dataclasses import dataclass

import numpy as np

from models.teachable.safe_import import FORMAT, read_head, read_labels


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
    """The class names of a `.keras` file, without Keras (size, zip and layout checked; TeachError if not ours)."""
    return read_labels(data)


@functools.cache
def shared_embedder():
    """Our own frozen EfficientNet-Lite0, loaded once per process for imports that bring none."""
    from models.teachable.features import load_embedder

    return load_embedder()


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


def from_bytes(data: bytes, embedder=None) -> Classifier:
    """Rebuild an exported classifier: our backbone (`embedder`, by default EfficientNet-Lite0) + a fresh
    head given only the file's checked head weights. The file's backbone weights and its model config are
    never loaded; a wrong, foreign, hostile or oversized file raises TeachError (never a traceback)."""
    from models.teachable.training import build_head

    read_labels(data)  # cheap checks first: a foreign file is refused before any backbone is loaded
    embedder = embedder if embedder is not None else shared_embedder()
    weights = read_head(data, embedder.dim)
    head = build_head(embedder.dim, len(weights.labels))
    head.set_weights([weights.kernel, weights.bias])
    return Classifier(full_model(embedder.extractor, head, weights.labels), weights.labels)
