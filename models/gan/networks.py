"""A small class-conditional DCGAN (Radford et al. 2016; Mirza & Osindero 2014) for 28×28 images.

- `build_generator`: noise z (64 numbers) and the class as a 10-vector (one-hot; a mix of two
  classes is allowed, which is how a 3 turns into an 8) → Dense to 7×7×48 → BatchNorm + ReLU →
  transposed convolution to 14×14×24 → BatchNorm + ReLU → transposed convolution to 28×28×1, tanh.
- `build_critic` (the discriminator, the lecture's "police"): two strided 4×4 convolutions with
  LeakyReLU (28 → 14 → 7), flattened features h; its logit is w·h + (class embedding)·h, the
  projection discriminator of Miyato & Koyama (2018), so it judges "is this a real *seven*?".
- `classifier`: the feature network for the Fréchet distance: the digits CNN for digits, and the same
  small CNN trained on Fashion-MNIST for clothes (its 128-unit dense layer is the feature space).
"""
from __future__ import annotations

LATENT = 64
CLASSES = 10
BASE = 48  # small on purpose: trained on two shared CPU cores
LEAK = 0.2


def build_generator():
    import keras
    from keras import layers

    z = keras.Input((LATENT,), name="noise")
    y = keras.Input((CLASSES,), name="label")
    x = layers.Concatenate(name="noise_and_label")([z, y])
    x = layers.Dense(7 * 7 * BASE, use_bias=False, name="project")(x)
    x = layers.BatchNormalization(name="bn0")(x)
    x = layers.ReLU(name="relu0")(x)
    x = layers.Reshape((7, 7, BASE), name="to_7x7")(x)
    x = layers.Conv2DTranspose(BASE // 2, 4, strides=2, padding="same", use_bias=False, name="up14")(x)
    x = layers.BatchNormalization(name="bn1")(x)
    x = layers.ReLU(name="relu1")(x)
    x = layers.Conv2DTranspose(1, 4, strides=2, padding="same", activation="tanh", name="up28")(x)
    image = layers.Reshape((28, 28), name="image")(x)
    return keras.Model([z, y], image, name="generator")


def build_critic():
    import keras
    from keras import layers

    image = keras.Input((28, 28), name="image")
    y = keras.Input((CLASSES,), name="label")
    x = layers.Reshape((28, 28, 1), name="channel")(image)
    x = layers.Conv2D(BASE // 2, 4, strides=2, padding="same", name="down14")(x)
    x = layers.LeakyReLU(LEAK, name="leak1")(x)
    x = layers.Conv2D(BASE, 4, strides=2, padding="same", name="down7")(x)
    x = layers.LeakyReLU(LEAK, name="leak2")(x)
    h = layers.Flatten(name="features")(x)
    h = layers.Dropout(0.3, name="dropout")(h)
    plain = layers.Dense(1, name="real_or_fake")(h)
    embed = layers.Dense(7 * 7 * BASE, use_bias=False, name="class_embedding")(y)
    projection = layers.Dot(axes=1, name="projection")([embed, h])
    logit = layers.Add(name="logit")([plain, projection])
    return keras.Model([image, y], logit, name="critic")


def build_classifier():
    """The digits CNN's architecture (3 conv blocks, dense 128), reused for Fashion-MNIST."""
    from models.digits.networks import build_cnn

    return build_cnn()
