"""The 26-style Magenta/Dumoulin network: the package's ONNX graph, and a Keras port of it.

Dumoulin, Shlens & Kudlur (2017), "A learned representation for artistic style": one feed-forward
network paints in N styles because every instance norm has one (gamma, beta) row per style. A style
is just a weight vector over those rows, so mixing two styles is interpolating their gamma/beta.

Architecture (read from the ONNX graph, PyTorch export): reflect-pad → conv (no bias) →
conditional instance norm → ReLU; 3 contracting convs (9×9, 3×3/2, 3×3/2), 6 residual blocks,
2 nearest-upsampling convs, a 9×9 conv and a sigmoid. Input RGB in 0..1.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from models.common.images import fit_within
from models.style.imaging import blend, pad_to_multiple, to_array01, to_image

NUM_STYLES = 26
DOWNSAMPLE = 4  # two stride-2 convs: inputs are reflect-padded to a multiple of 4, then cropped
# (onnx prefix, kernel, stride, upsample first, ReLU after). Filters come from the weights.
CONTRACT = [("contract.0", 9, 1), ("contract.1", 3, 2), ("contract.2", 3, 2)]
RESIDUAL_BLOCKS = 6
EXPAND = [("expand.0", 3, True), ("expand.1", 3, True)]
OUTPUT = ("expand.2", 9)


def read_onnx_params(path=None) -> dict[str, np.ndarray]:
    """All initializers of multistyle26.onnx by name (`contract.0.w`, `res.3.1.norm.gamma`, ...)."""
    import onnx
    from onnx import numpy_helper

    from models.style.assets import onnx_path

    graph = onnx.load(str(path or onnx_path("multistyle26"))).graph
    return {t.name: numpy_helper.to_array(t) for t in graph.initializer}


def _layers():
    """Custom Keras layers, defined lazily so importing this module does not import Keras."""
    import keras
    from keras import ops

    class ReflectionPad2D(keras.layers.Layer):
        """PyTorch's ReflectionPad2d (Keras has no reflect-padding layer)."""

        def __init__(self, pad: int, **kwargs):
            super().__init__(**kwargs)
            self.pad = pad

        def call(self, x):
            p = self.pad
            return ops.pad(x, [[0, 0], [p, p], [p, p], [0, 0]], mode="reflect")

        def get_config(self):
            return {**super().get_config(), "pad": self.pad}

    class ConditionalInstanceNorm(keras.layers.Layer):
        """Instance norm whose scale/shift are `style_weights @ gamma` and `style_weights @ beta`."""

        def __init__(self, num_styles: int, epsilon: float = 1e-5, **kwargs):
            super().__init__(**kwargs)
            self.num_styles, self.epsilon = num_styles, epsilon

        def build(self, input_shape):
            channels = input_shape[0][-1]
            self.gamma = self.add_weight(shape=(self.num_styles, channels), initializer="ones", name="gamma")
            self.beta = self.add_weight(shape=(self.num_styles, channels), initializer="zeros", name="beta")

        def call(self, inputs):
            x, style_weights = inputs
            mean, var = ops.moments(x, axes=(1, 2), keepdims=True)
            gamma = ops.matmul(style_weights, self.gamma)[:, None, None, :]
            beta = ops.matmul(style_weights, self.beta)[:, None, None, :]
            return (x - mean) * ops.rsqrt(var + self.epsilon) * gamma + beta

        def get_config(self):
            return {**super().get_config(), "num_styles": self.num_styles, "epsilon": self.epsilon}

    return keras, ReflectionPad2D, ConditionalInstanceNorm


def build_keras_model(params: dict[str, np.ndarray]):
    """Functional Keras model (image N×H×W×3 in 0..1, style_weights N×26) → N×H×W×3 in 0..1."""
    keras, ReflectionPad2D, ConditionalInstanceNorm = _layers()
    num_styles = params["contract.0.norm.gamma"].shape[0]
    image = keras.Input((None, None, 3), name="image")
    style_weights = keras.Input((num_styles,), name="style_weights")
    loads: list[tuple[str, str]] = []  # (keras layer prefix, onnx prefix)

    def conv_norm(x, onnx_name, kernel, stride=1, relu=True, upsample=False):
        name = onnx_name.replace(".", "_")
        filters = params[f"{onnx_name}.w"].shape[0]
        if upsample:
            x = keras.layers.UpSampling2D(2, interpolation="nearest", name=f"{name}_up")(x)
        x = ReflectionPad2D(kernel // 2, name=f"{name}_pad")(x)
        x = keras.layers.Conv2D(filters, kernel, strides=stride, use_bias=False, name=f"{name}_conv")(x)
        x = ConditionalInstanceNorm(num_styles, name=f"{name}_norm")([x, style_weights])
        loads.append((name, onnx_name))
        return keras.layers.ReLU(name=f"{name}_relu")(x) if relu else x

    x = image
    for onnx_name, kernel, stride in CONTRACT:
        x = conv_norm(x, onnx_name, kernel, stride)
    for block in range(RESIDUAL_BLOCKS):
        y = conv_norm(x, f"res.{block}.0", 3)
        y = conv_norm(y, f"res.{block}.1", 3, relu=False)
        x = keras.layers.Add(name=f"res_{block}_add")([x, y])
    for onnx_name, kernel, upsample in EXPAND:
        x = conv_norm(x, onnx_name, kernel, upsample=upsample)
    x = conv_norm(x, OUTPUT[0], OUTPUT[1], relu=False)
    out = keras.layers.Activation("sigmoid", name="stylised")(x)
    model = keras.Model([image, style_weights], out, name="multistyle26")

    for name, onnx_name in loads:
        kernel = params[f"{onnx_name}.w"].transpose(2, 3, 1, 0)  # OIHW → HWIO
        model.get_layer(f"{name}_conv").set_weights([kernel])
        model.get_layer(f"{name}_norm").set_weights(
            [params[f"{onnx_name}.norm.gamma"], params[f"{onnx_name}.norm.beta"]]
        )
    return model


def style_weights(style: int, mix_with: int | None = None, mix: float = 0.0) -> np.ndarray:
    """Weight vector over the 26 styles: one style, or `(1 - mix)·style + mix·mix_with`."""
    for s in (style, mix_with):
        if s is not None and not 0 <= s < NUM_STYLES:
            raise ValueError(f"style must be 0..{NUM_STYLES - 1}, got {s}")
    if not 0.0 <= mix <= 1.0:
        raise ValueError(f"mix must be between 0 and 1, got {mix}")
    w = np.zeros(NUM_STYLES, dtype=np.float32)
    w[style] += 1.0 - (mix if mix_with is not None else 0.0)
    if mix_with is not None:
        w[mix_with] += mix
    return w


def _keras_infer(params: dict[str, np.ndarray]):
    """The Keras port traced once with tf.function (shapes free): batches of any size."""
    import tensorflow as tf

    model = build_keras_model(params)
    spec = [tf.TensorSpec((None, None, None, 3), tf.float32), tf.TensorSpec((None, NUM_STYLES), tf.float32)]
    traced = tf.function(lambda x, w: model([x, w], training=False), input_signature=spec)
    return lambda x, w: traced(x, w).numpy()


def _onnxruntime_infer():
    """The package's own ONNX graph in onnxruntime, one thread per core (the graph takes one picture
    and one weight vector at a time, so a batch runs picture by picture)."""
    from models.common.onnx_runtime import cores
    from models.style.assets import onnx_session

    session = onnx_session("multistyle26", cores())

    def infer(x: np.ndarray, w: np.ndarray) -> np.ndarray:
        nchw = np.ascontiguousarray(x.transpose(0, 3, 1, 2))
        out = [session.run(None, {"image": nchw[i:i + 1], "style_weights": w[i]})[0] for i in range(len(x))]
        return np.concatenate(out).transpose(0, 2, 3, 1)

    return infer


ENGINES = {"onnxruntime": lambda params: _onnxruntime_infer(), "keras": _keras_infer}


@dataclass
class MultiStyleNet:
    """One inference function (images N×H×W×3, weights N×26) and the network's weights by ONNX name."""

    infer: object
    params: dict[str, np.ndarray]

    def run(self, images01: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Batch N×H×W×3 (H, W multiples of 4) and N×26 weights → N×H×W×3 in 0..1."""
        return self.infer(np.asarray(images01, np.float32), np.asarray(weights, np.float32))

    def stylise(
        self, image: Image.Image, weights: np.ndarray, max_side: int = 512, strength: float = 1.0
    ) -> Image.Image:
        """Paint `image` (downscaled to `max_side`, aspect ratio kept) with a style weight vector."""
        content = fit_within(image.convert("RGB"), max_side)
        arr = to_array01(content)
        h, w = arr.shape[:2]
        out = self.run(pad_to_multiple(arr, DOWNSAMPLE)[None], np.asarray(weights)[None])[0, :h, :w]
        return blend(content, to_image(out), strength)

    def norm_params(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Per-layer (gamma, beta) tables, 26 rows each: the whole 'style' of every painting. Named like
        the Keras port's layers (`contract_0_norm`)."""
        return {f"{name[:-len('.norm.gamma')].replace('.', '_')}_norm": (gamma, self.params[name[:-5] + "beta"])
                for name, gamma in self.params.items() if name.endswith(".norm.gamma")}


def load_multistyle(engine: str = "onnxruntime") -> MultiStyleNet:
    """Read the ONNX weights once and open the network (call once per process).

    The page runs the package's ONNX graph in onnxruntime: at 512 × 384 it took 75-82 ms (151-162 ms of
    CPU) where the Keras port took 98-121 ms (183-221 ms of CPU), measured in-process on this 2-core
    machine; `make bench` times both. The Keras port (`engine="keras"`, `build_keras_model`) is the
    same network written out layer by layer for the lecture, and the unit tests hold it to the ONNX graph."""
    params = read_onnx_params()
    return MultiStyleNet(ENGINES[engine](params), params)
