"""Feature maps, layer by layer: the digits CNN on a drawing, an ImageNet network on a photo.

A convolution layer's output is a stack of "feature maps", one per kernel: where the map is bright,
the kernel found its pattern. `DigitInspector` runs the digits CNN (`models.digits.networks.build_cnn`:
conv → ReLU → 2×2 max-pool, three times) and keeps every block's ReLU and pooling output; `read_unit`
works out one unit by hand (its 3×3 kernel over every input map, plus the bias, then ReLU) and says
which pixels of the 28×28 digit it can see (its receptive field, growing with every block).
`ImagenetInspector` does the same for EfficientNet-Lite0 (the project's ImageNet backbone, batch-norm
folded into the convolutions): the first layer reacts to edges and colours, the last ones to parts.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DIGIT_BLOCKS = (1, 2, 3)
# Lite0 layers shown: 112×112 stem, 56×56 and 14×14 block expansions, the 7×7 head before pooling.
IMAGENET_LAYERS = {"stem": "stem_relu6", "early": "_blocks.3.expand_relu6",
                   "middle": "_blocks.6.expand_relu6", "late": "top_activation"}
STRONGEST = 16  # maps shown per ImageNet layer: the most active ones


class DigitInspector:
    """Every block's ReLU and pooling output of the digits CNN for one 28×28 digit (one traced call)."""

    def __init__(self, cnn):
        import keras
        import tensorflow as tf

        self.cnn = cnn
        names = [f"{kind}{b}" for b in DIGIT_BLOCKS for kind in ("relu", "pool")]
        self.names = names
        probe = keras.Model(cnn.input, [cnn.get_layer(n).output for n in names] + [cnn.output])
        self._run = tf.function(lambda x: probe(x, training=False))
        self.maps(np.zeros((28, 28), np.float32))

    def maps(self, image: np.ndarray) -> dict[str, np.ndarray]:
        """{'relu1': (28, 28, 16), 'pool1': (14, 14, 16), …, 'probabilities': (10,)} for a 28×28 digit."""
        outs = self._run(np.asarray(image, np.float32)[None])
        result = {n: o.numpy()[0] for n, o in zip(self.names, outs[:-1])}
        result["probabilities"] = outs[-1].numpy()[0]
        return result

    def kernel(self, block: int, channel: int) -> tuple[np.ndarray, float]:
        """Kernel (3, 3, input maps) and bias of map `channel` in conv block `block`."""
        weights, bias = self.cnn.get_layer(f"conv{block}").get_weights()
        return weights[..., channel], float(bias[channel])


@dataclass(frozen=True)
class UnitRead:
    """One unit of `conv{block}` at (row, col) worked out by hand."""

    patch: np.ndarray  # (3, 3, input maps): what it reads ('same' padding: zeros outside)
    kernel: np.ndarray  # (3, 3, input maps)
    bias: float
    box: tuple[int, int, int, int]  # (top, left, bottom, right) of the digit pixels it can see

    @property
    def total(self) -> float:
        return float((self.patch * self.kernel).sum() + self.bias)

    @property
    def after_relu(self) -> float:
        return max(self.total, 0.0)


def _image_span(block: int, lo: int, hi: int) -> tuple[int, int]:
    """Rows [lo, hi) of block `block`'s input → the rows of the 28×28 digit they depend on."""
    for _ in range(block - 1):  # a pool unit covers 2 conv outputs, each reading ±1 of its input
        lo, hi = 2 * lo - 1, 2 * hi + 1
    return max(lo, 0), min(hi, 28)


def read_unit(inspector: DigitInspector, maps: dict, image: np.ndarray, block: int, channel: int,
              row: int, col: int) -> UnitRead:
    """The 3×3 patch conv `block` reads at (row, col), its kernel and bias, and its receptive field."""
    source = np.asarray(image, np.float32)[..., None] if block == 1 else maps[f"pool{block - 1}"]
    padded = np.pad(source, ((1, 1), (1, 1), (0, 0)))
    kernel, bias = inspector.kernel(block, channel)
    top, bottom = _image_span(block, row - 1, row + 2)
    left, right = _image_span(block, col - 1, col + 2)
    return UnitRead(padded[row:row + 3, col:col + 3], kernel, bias, (top, left, bottom, right))


class ImagenetInspector:
    """EfficientNet-Lite0's feature maps at `IMAGENET_LAYERS` for one photo (one traced call)."""

    def __init__(self, model=None):
        import keras
        import tensorflow as tf

        from models.backbones.efficientnet_lite import load_efficientnet_lite0

        model = model or load_efficientnet_lite0(fold_batchnorm=True)
        self.stem_kernels = model.get_layer("_conv_stem").get_weights()[0]  # (3, 3, 3, 32)
        probe = keras.Model(model.input, [model.get_layer(n).output for n in IMAGENET_LAYERS.values()])
        self._run = tf.function(lambda x: probe(x, training=False))
        self._run(np.zeros((1, 224, 224, 3), np.float32))

    def maps(self, img) -> dict[str, np.ndarray]:
        """{'stem': (112, 112, 32), 'early': (56, 56, 144), 'middle': (14, 14, 480), 'late': (7, 7, 1280)}."""
        from models.backbones.efficientnet_lite import preprocess

        outs = self._run(preprocess(img)[None])
        return {key: out.numpy()[0] for key, out in zip(IMAGENET_LAYERS, outs)}


def strongest(maps: np.ndarray, k: int = STRONGEST) -> np.ndarray:
    """Indices of the `k` maps with the highest mean activation, strongest first."""
    return np.argsort(maps.reshape(-1, maps.shape[-1]).mean(0))[::-1][:k]


def montage(maps: np.ndarray, channels, columns: int = 8, cell: int = 64, gap: int = 3) -> np.ndarray:
    """The chosen maps side by side as one uint8 picture, each scaled to its own maximum (bright = strong)."""
    from PIL import Image

    channels = list(channels)
    rows = -(-len(channels) // columns)
    sheet = np.full((rows * (cell + gap) - gap, columns * (cell + gap) - gap), 255, np.uint8)
    for i, ch in enumerate(channels):
        m = maps[..., ch]
        m = np.clip(m / max(float(m.max()), 1e-6), 0, 1)
        tile = Image.fromarray(np.rint(m * 255).astype(np.uint8)).resize((cell, cell), Image.NEAREST)
        r, c = divmod(i, columns)
        sheet[r * (cell + gap):r * (cell + gap) + cell, c * (cell + gap):c * (cell + gap) + cell] = np.asarray(tile)
    return sheet


def kernel_colours(kernels: np.ndarray, channels, cell: int = 48) -> list[np.ndarray]:
    """First-layer RGB kernels (3, 3, 3, N) as small colour pictures (each stretched to 0–255)."""
    from PIL import Image

    out = []
    for ch in channels:
        k = kernels[..., ch]
        k = (k - k.min()) / max(float(k.max() - k.min()), 1e-6)
        out.append(np.asarray(Image.fromarray(np.rint(k * 255).astype(np.uint8)).resize((cell, cell), Image.NEAREST)))
    return out


def example_digit() -> np.ndarray:
    """A '4' drawn with three pen strokes and preprocessed like a drawing: shown until the student draws."""
    from PIL import Image, ImageDraw

    from models.digits.preprocess import to_mnist

    img = Image.new("L", (280, 280), 255)
    pen = ImageDraw.Draw(img)
    pen.line([(90, 40), (60, 170), (210, 170)], fill=0, width=18, joint="curve")
    pen.line([(170, 70), (165, 250)], fill=0, width=18)
    return to_mnist(img).image


def imagenet_pictures(inspector: ImagenetInspector, photo) -> tuple[dict[str, np.ndarray], list[np.ndarray]]:
    """({layer key: montage of its `STRONGEST` maps}, the first layer's strongest kernels as colour tiles)."""
    maps = inspector.maps(photo)
    sheets = {key: montage(m, strongest(m)) for key, m in maps.items()}
    return sheets, kernel_colours(inspector.stem_kernels, strongest(maps["stem"]))


def strongest_unit(inspector: DigitInspector, maps: dict, image: np.ndarray, block: int, channel: int) -> UnitRead:
    """`read_unit` where map `channel` of conv block `block` (after ReLU) responds most."""
    conv = maps[f"relu{block}"][..., channel]
    row, col = (int(v) for v in np.unravel_index(np.argmax(conv), conv.shape))
    return read_unit(inspector, maps, image, block, channel, row, col)
