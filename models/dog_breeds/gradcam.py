"""Grad-CAM (Selvaraju et al. 2017): where did the network look for this class?

Gradient of the class logit with respect to the last conv activations (7×7×1280), averaged over
space, weights each channel; the ReLU of the weighted sum is the heatmap. Traced once with
`tf.function`; the class index is a tensor, so every class reuses the same graph.
"""
from __future__ import annotations

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
    """The photo with the heatmap (jet colours) over the crop the network saw; outside it is dimmed."""
    from matplotlib import colormaps

    from models.common.images import fit_within

    photo = fit_within(img.convert("RGB"), max_side)
    left, top, right, bottom = (round(v) for v in crop_box(photo.size))
    size = (right - left, bottom - top)
    heat = Image.fromarray(heatmap.astype(np.float32), "F").resize(size, Image.BICUBIC)
    heat = np.clip(np.asarray(heat), 0.0, 1.0)
    colours = (colormaps["jet"](heat)[..., :3] * 255).astype(np.uint8)
    region = np.asarray(photo.crop((left, top, right, bottom)), dtype=np.float32)
    blend = (1 - alpha) * region + alpha * colours
    out = Image.fromarray((np.asarray(photo, dtype=np.float32) * 0.45).astype(np.uint8))
    out.paste(Image.fromarray(blend.astype(np.uint8)), (left, top))
    return out
