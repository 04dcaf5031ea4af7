"""The two digit networks and the augmentation they are trained with.

- `build_mlp`: the lecture notes' network exactly: 784 inputs (pixels scaled to [-1, 1]) fully
  connected to 200 logistic (sigmoid) hidden units, then a 10-way softmax; (784 + 1)·200 + (200 + 1)·10
  = 159,010 weights, with an L2 penalty as in the notes' demo.
- `build_cnn`: a small convolutional network in the keras-io "simple MNIST convnet" style: three
  3×3 convolution + ReLU + 2×2 max-pooling blocks (28 → 14 → 7 → 3), a 128-unit dense layer,
  dropout, softmax.
- `augment`: what makes a mouse drawing or a photo look like training data: random rotation, zoom,
  shift and stroke width (a thicker or thinner pen), applied to training batches only.
"""
from __future__ import annotations

import numpy as np

HIDDEN = 200
L2 = 1e-5
CNN_FILTERS = (16, 32, 64)
DENSE = 128
DROPOUT = 0.3
ROTATE = 0.035  # of a full turn: ±12.6°
ZOOM = 0.12
SHIFT = 2.0 / 28  # ±2 px: the preprocessing already centres the digit
STROKE = 0.6  # up to 60 % of the way to a one-pixel-thicker (or thinner) stroke


def build_mlp():
    import keras
    from keras import layers, regularizers

    inputs = keras.Input((28, 28), name="pixels")
    x = layers.Rescaling(2.0, offset=-1.0, name="to_minus1_1")(inputs)
    x = layers.Flatten(name="flatten")(x)
    x = layers.Dense(HIDDEN, activation="sigmoid", kernel_regularizer=regularizers.l2(L2), name="hidden")(x)
    outputs = layers.Dense(10, activation="softmax", kernel_regularizer=regularizers.l2(L2), name="probabilities")(x)
    return keras.Model(inputs, outputs, name="mlp_784_200_10")


def build_cnn():
    import keras
    from keras import layers

    inputs = keras.Input((28, 28), name="pixels")
    x = layers.Reshape((28, 28, 1), name="channel")(inputs)
    for i, filters in enumerate(CNN_FILTERS, start=1):
        x = layers.Conv2D(filters, 3, padding="same", name=f"conv{i}")(x)
        x = layers.ReLU(name=f"relu{i}")(x)
        x = layers.MaxPooling2D(2, name=f"pool{i}")(x)
    x = layers.Flatten(name="flatten")(x)
    x = layers.Dense(DENSE, activation="relu", name="dense")(x)
    x = layers.Dropout(DROPOUT, name="dropout")(x)
    outputs = layers.Dense(10, activation="softmax", name="probabilities")(x)
    return keras.Model(inputs, outputs, name="digits_cnn")


def build(name: str):
    return {"mlp": build_mlp, "cnn": build_cnn}[name]()


def augmenter(seed: int = 0):
    """A function (batch of 28×28 in [0, 1]) → randomly rotated, zoomed, shifted, re-stroked batch.

    Rotation, zoom and shift are one affine map per image (one bilinear resampling, so no extra blur).
    """
    import tensorflow as tf

    generator = tf.random.Generator.from_seed(seed)

    def affine(x):
        n = tf.shape(x)[0]
        angle = generator.uniform((n,), -ROTATE, ROTATE) * 2 * np.pi
        scale = 1.0 + generator.uniform((n,), -ZOOM, ZOOM)
        shift = generator.uniform((n, 2), -SHIFT, SHIFT) * 28
        cos, sin, c = tf.cos(angle) / scale, tf.sin(angle) / scale, 13.5
        # output pixel (x, y) reads input R(-angle)/scale · (x − c − shift) + c
        ox, oy = c + shift[:, 0], c + shift[:, 1]
        matrix = tf.stack([cos, sin, c - cos * ox - sin * oy, -sin, cos, c + sin * ox - cos * oy,
                           tf.zeros((n,)), tf.zeros((n,))], axis=1)
        return tf.raw_ops.ImageProjectiveTransformV3(images=x, transforms=matrix, output_shape=[28, 28],
                                                     fill_value=0.0, interpolation="BILINEAR", fill_mode="CONSTANT")

    def augment(x):
        x = affine(x[..., None])
        thick = tf.nn.max_pool2d(x, 3, 1, "SAME")
        thin = -tf.nn.max_pool2d(-x, 3, 1, "SAME")
        amount = generator.uniform((tf.shape(x)[0], 1, 1, 1), -STROKE, STROKE)
        thinner = tf.maximum(x - 0.5 * (x - thin), 0.0)  # eroding fully would break strokes: halfway
        x = tf.where(amount > 0, x + amount * (thick - x), x - amount * (thinner - x))
        return tf.clip_by_value(x[..., 0], 0.0, 1.0)

    return augment


def as_float(images: np.ndarray) -> np.ndarray:
    """uint8 images (0–255) → float32 in [0, 1], the networks' input."""
    return images.astype(np.float32) / 255.0
