"""Grad-CAM (Selvaraju et al. 2017): where did the network look for this class?

Gradient of the class logit with respect to the last conv activations (7×7×1280), averaged over
space, weights each channel; the ReLU of the weighted sum is the heatmap. Traced once with
`tf.function`; the class index is a tensor, so every class reuses the same graph.
"""
from __future__ import annotations

import functools

import numpy as np
from PIL import Image

from models.backbones.efficientnet_lite import IMAGE_SIZE, crop_box, last_conv_model, preprocess


class GradCam:
    def __init__(self, model):
        import tensorflow as tf

        grad_model = last_conv_model(model)

        @tf.function(
            input_signature=[tf.TensorSpec([1, IMAGE_SIZE, IMAGE_SIZE, 3], tf.float32), tf.TensorSpec([], tf.int32)]
        )
        def heatmap(x, class_index):
            with tf.GradientTape() as tape:
                conv, logits = grad_model(x, training=False)
                score = logits[:, class_index]
            grads = tape.gradient(score, conv)
            channel_weights = tf.reduce_mean(grads, axis=(1, 2))
            cam = tf.nn.relu(tf.einsum("bhwc,bc->bhw", conv, channel_weights))[0]
            return cam / (tf.reduce_max(cam) + 1e-8)

        self._heatmap = heatmap

    def heatmap(self, img: Image.Image, class_index: int) -> np.ndarray:
        """7×7 map in [0, 1] over the centre crop the network saw."""
        return self._heatmap(preprocess(img)[None], np.int32(class_index)).numpy()


def overlay(img: Image.Image, heatmap: np.ndarray, alpha: float = 0.5, max_side: int = 640) -> Image.Image:
    """The photo with the heatmap (jet colours) over the crop the network saw; outside it is dimmed.

    All in Pillow, no float RGBA image of the whole photo: the photo is scaled bilinearly (it is dimmed
    or half covered, so Lanczos' sharpness does not show), the heatmap's bins become colours through a
    256-entry palette, and the blend is Pillow's. On a 768 px photo: 5 ms instead of 14 ms (this 2-core
    machine)."""
    from models.common.images import fit_within

    photo = fit_within(img.convert("RGB"), max_side, Image.BILINEAR, reducing_gap=2.0)
    left, top, right, bottom = (round(v) for v in crop_box(photo.size))
    size = (right - left, bottom - top)
    heat = Image.fromarray(heatmap.astype(np.float32), "F").resize(size, Image.BICUBIC)
    bins = np.clip(np.asarray(heat) * 256, 0, 255).astype(np.uint8)  # matplotlib's own binning of [0, 1]
    colours = Image.fromarray(bins, "L").convert("P")
    colours.putpalette(_jet_palette())
    blend = Image.blend(photo.crop((left, top, right, bottom)), colours.convert("RGB"), alpha)
    out = photo.point(lambda v: int(v * 0.45))
    out.paste(blend, (left, top))
    return out


@functools.lru_cache(maxsize=1)
def _jet_palette() -> bytes:
    """matplotlib's jet colour map as a 256-colour palette (r, g, b bytes)."""
    from matplotlib import colormaps

    return (colormaps["jet"](np.arange(256))[:, :3] * 255).astype(np.uint8).tobytes()
