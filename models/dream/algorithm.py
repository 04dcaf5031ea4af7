"""Deep Dream (Mordvintsev et al. 2015): change the photo, not the network, so chosen layers fire harder.

Training nudges weights down the loss gradient; dreaming freezes the weights and pushes the *pixels*
up the gradient of "how strongly do these filters respond". The classic recipe, as in keras-io's
`deep_dream.py` and the TensorFlow tutorial:
- octaves: dream on a small copy first (big shapes), then on larger ones (fine detail);
- detail re-injection: after each octave add back the sharpness lost by shrinking the photo;
- jitter: roll the image by a random offset each step so no pixel grid pattern builds up;
- gradient normalisation: divide by the gradient's std so one "strength" works for every layer.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from PIL import Image

from models.common.images import fit_within
from models.dream.backbones import Backbone, get_backbone
from models.dream.precision import with_dtype_policy

HARD_MAX_SIZE = 1024  # no request may dream above this (server safety); the UI default is 512
MIN_OCTAVE_SIDE = 32  # smaller octaves leave too few feature-map pixels to dream on
BASE_STEP = 0.015  # step per unit strength, as a fraction of the model's input half-range
MAX_JITTER = 32


@dataclass(frozen=True)
class DreamSettings:
    backbone: str = "mobilenet"
    preset: str | None = None  # None: the backbone's first preset
    steps: int = 10  # gradient-ascent steps per octave
    octaves: int = 3
    octave_scale: float = 1.4
    strength: float = 1.0
    max_size: int = 512
    seed: int = 0

    def validated(self) -> "DreamSettings":
        """Clamp sizes to the hard cap and reject impossible values with a readable ValueError."""
        preset = get_backbone(self.backbone).checked_preset(self.preset)
        if not 1 <= self.steps <= 200:
            raise ValueError("steps must be between 1 and 200")
        if not 1 <= self.octaves <= 6:
            raise ValueError("octaves must be between 1 and 6")
        if not 1.1 <= self.octave_scale <= 2.0:
            raise ValueError("octave scale must be between 1.1 and 2.0")
        if not 0 < self.strength <= 5:
            raise ValueError("strength must be above 0 and at most 5")
        if self.max_size < MIN_OCTAVE_SIDE:
            raise ValueError(f"max size must be at least {MIN_OCTAVE_SIDE} px")
        return DreamSettings(self.backbone, preset, self.steps, self.octaves, self.octave_scale,
                             self.strength, min(self.max_size, HARD_MAX_SIZE), self.seed)


@dataclass
class DreamResult:
    image: Image.Image  # the dream, same size as `original`
    original: Image.Image  # the input after fitting into max_size (what was dreamed on)
    settings: DreamSettings
    octave_sizes: list[tuple[int, int]]  # (width, height) per octave actually run
    seconds: float
    seconds_per_octave: list[float] = field(default_factory=list)
    losses: list[list[float]] = field(default_factory=list)  # per octave, per step: what was amplified


def octave_sizes(size: tuple[int, int], octaves: int, scale: float) -> list[tuple[int, int]]:
    """(w, h) from smallest to `size`, each `scale` times the previous; too-small octaves are dropped."""
    w, h = size
    sizes = []
    for i in reversed(range(octaves)):
        s = (round(w / scale**i), round(h / scale**i))
        if min(s) >= MIN_OCTAVE_SIDE or i == 0:
            sizes.append(s)
    return sizes


class Dreamer:
    """One backbone + one preset, with the traced gradient step. Build once, dream many photos."""

    def __init__(self, backbone: Backbone, model, preset: str, jit_compile: bool = False):
        import keras
        import tensorflow as tf

        self.backbone = backbone
        self.preset = preset
        layers = backbone.presets[preset]
        self.weights = [float(w) for w in layers.values()]
        outputs = [model.get_layer(name).output for name in layers]
        # A functional sub-model computes only the graph up to the deepest chosen layer.
        self.features = keras.Model(model.input, outputs)
        self._low = tf.constant(backbone.low, tf.float32)
        self._high = tf.constant(backbone.high, tf.float32)
        self.step = tf.function(
            self._step,
            input_signature=[tf.TensorSpec([1, None, None, 3], tf.float32),
                             tf.TensorSpec([2], tf.int32), tf.TensorSpec([], tf.float32)],
            jit_compile=jit_compile,
        )

    def loss(self, x):
        """Weighted mean squared activation of the preset's layers (what the dream amplifies)."""
        import tensorflow as tf

        acts = self.features(x, training=False)
        acts = acts if isinstance(acts, (list, tuple)) else [acts]
        return tf.add_n([w * tf.reduce_mean(tf.square(tf.cast(a, tf.float32)))
                         for w, a in zip(self.weights, acts)])

    def _step(self, x, shift, step_size):
        import tensorflow as tf

        rolled = tf.roll(x, shift, axis=[1, 2])
        with tf.GradientTape() as tape:
            tape.watch(rolled)
            loss = self.loss(rolled)
        grads = tf.roll(tape.gradient(loss, rolled), -shift, axis=[1, 2])
        grads /= tf.math.reduce_std(grads) + 1e-8
        x = tf.clip_by_value(x + step_size * grads, self._low, self._high)
        return x, loss

    def to_image(self, x) -> Image.Image:
        """The network's input tensor back to an RGB picture."""
        return Image.fromarray(np.clip(self.backbone.from_input(x)[0].numpy(), 0, 255).round().astype(np.uint8))

    def dream(self, image: Image.Image, settings: DreamSettings,
              progress: Callable[..., None] | None = None, preview_every: int = 0) -> DreamResult:
        """Dream on `image` (fitted into settings.max_size); `progress(done, total)` after every step,
        and `progress(done, total, preview=<PIL image so far>)` every `preview_every` steps (0: never)."""
        import tensorflow as tf

        settings = settings.validated()
        t0 = time.perf_counter()
        original_img = fit_within(image.convert("RGB"), settings.max_size)
        sizes = octave_sizes(original_img.size, settings.octaves, settings.octave_scale)
        original = self.backbone.to_input(np.asarray(original_img, np.float32)[None])
        half_range = float(np.mean(np.subtract(self.backbone.high, self.backbone.low))) / 2
        step_size = tf.constant(settings.strength * BASE_STEP * half_range, tf.float32)
        rng = np.random.default_rng(settings.seed)
        total, done = settings.steps * len(sizes), 0
        per_octave, losses = [], []

        def resize(t, wh):
            return tf.image.resize(t, (wh[1], wh[0]), method="bilinear")

        shrunk_original = resize(original, sizes[0])
        x = shrunk_original
        for i, wh in enumerate(sizes):
            t_oct = time.perf_counter()
            losses.append([])
            jitter = min(MAX_JITTER, min(wh) // 4)
            for _ in range(settings.steps):
                shift = tf.constant(rng.integers(-jitter, jitter + 1, size=2), tf.int32)
                x, loss = self.step(x, shift, step_size)
                losses[-1].append(float(loss))
                done += 1
                if progress and preview_every and done % preview_every == 0 and done < total:
                    progress(done, total, preview=self.to_image(x))
                elif progress:
                    progress(done, total)
            if i + 1 < len(sizes):  # put back the detail that shrinking the photo had removed
                nxt = sizes[i + 1]
                larger_original = resize(original, nxt)
                x = resize(x, nxt) + (larger_original - resize(shrunk_original, nxt))
                shrunk_original = larger_original
            per_octave.append(time.perf_counter() - t_oct)
        return DreamResult(self.to_image(x), original_img, settings, sizes,
                           time.perf_counter() - t0, per_octave, losses)


def load_model(backbone_key: str, bf16: bool | None = None):
    """The backbone's Keras model, computing in bfloat16 where that helps it and the CPU does bf16
    natively (`bf16=None`; see `precision.py`)."""
    backbone = get_backbone(backbone_key)
    bf16 = backbone.runs_in_bf16 if bf16 is None else bf16
    return with_dtype_policy(backbone.load(), "mixed_bfloat16" if bf16 else "float32")


def build_dreamer(backbone_key: str, preset: str | None = None, model=None, jit_compile: bool = False) -> Dreamer:
    """Trace the gradient step for `preset` on `model` (default: `load_model(backbone_key)`).

    XLA (`jit_compile`) recompiles for every octave size and was slower here, so it is off by default.
    """
    backbone = get_backbone(backbone_key)
    preset = backbone.checked_preset(preset)
    return Dreamer(backbone, model if model is not None else load_model(backbone_key), preset, jit_compile)


def dream(image: Image.Image, settings: DreamSettings = DreamSettings(), progress=None) -> DreamResult:
    """One-shot convenience (loads the backbone every call; apps should keep a Dreamer)."""
    settings = settings.validated()
    return build_dreamer(settings.backbone, settings.preset).dream(image, settings, progress)
