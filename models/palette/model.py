"""The completion network: five colour slots in, a guess and a mixture density for every slot out.

Input: the five colours in CAM02-UCS (unknown slots zeroed) plus a 0/1 "known" flag per slot.
Output per slot: a point guess (trained with Euclidean error, used for "fill one" and as the best
guess) and a K-component Gaussian mixture (trained with negative log-likelihood, used for sampling,
so suggestions vary instead of collapsing to one average brown).
"""
from __future__ import annotations

import json
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

N_SLOTS = 5
N_MIX = 8
CENTER = np.array([50.0, 0.0, 0.0], dtype=np.float32)
SCALE = 25.0
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
WEIGHTS = ARTIFACTS / "palette_completion.weights.h5"
CONFIG = ARTIFACTS / "palette_completion.json"
OUT_WIDTH = 3 + N_MIX * 5  # point(3) + logits(K) + means(3K) + log-sigma(K)


def encode(points: np.ndarray) -> np.ndarray:
    return ((np.asarray(points, dtype=np.float32) - CENTER) / SCALE).astype(np.float32)


def decode(z: np.ndarray) -> np.ndarray:
    return np.asarray(z, dtype=np.float64) * SCALE + CENTER


def build(hidden: int = 256, depth: int = 3, dropout: float = 0.1):
    """A small masked-slot MLP (the lecture's Dense layers) with two heads."""
    import keras
    from keras import layers

    colours = keras.Input((N_SLOTS, 3), name="colours")
    known = keras.Input((N_SLOTS,), name="known")
    flag = layers.Reshape((N_SLOTS, 1))(known)
    x = layers.Concatenate()([colours * flag, flag])
    x = layers.Flatten()(x)
    for i in range(depth):
        x = layers.Dense(hidden, activation="gelu", name=f"dense_{i}")(x)
        x = layers.Dropout(dropout)(x)
    out = layers.Dense(N_SLOTS * OUT_WIDTH, name="heads")(x)
    out = layers.Reshape((N_SLOTS, OUT_WIDTH))(out)
    return keras.Model([colours, known], out, name="palette_completion")


def split_heads(out):
    """(B, 5, OUT_WIDTH) → point (B,5,3), logits (B,5,K), means (B,5,K,3), log_sigma (B,5,K)."""
    from keras import ops

    k = N_MIX
    point = out[..., :3]
    logits = out[..., 3:3 + k]
    means = ops.reshape(out[..., 3 + k:3 + 4 * k], (-1, N_SLOTS, k, 3))
    log_sigma = ops.clip(out[..., 3 + 4 * k:], -4.0, 1.5)
    return point, logits, means, log_sigma


def completion_loss(nll_weight: float = 0.2):
    """y_true (B,5,4) = target colour (3) + 1 where the slot was hidden. Only hidden slots count."""
    from keras import ops

    def loss(y_true, y_pred):
        target, hidden = y_true[..., :3], y_true[..., 3]
        point, logits, means, log_sigma = split_heads(y_pred)
        euclid = ops.sqrt(ops.sum(ops.square(point - target), -1) + 1e-6)
        sq = ops.sum(ops.square(means - target[:, :, None, :]), -1)
        log_comp = -0.5 * sq / ops.exp(2 * log_sigma) - 3 * log_sigma - 1.5 * np.log(2 * np.pi)
        log_mix = ops.log_softmax(logits, axis=-1)
        nll = -ops.logsumexp(log_mix + log_comp, axis=-1)
        per_slot = euclid + nll_weight * nll
        return ops.sum(per_slot * hidden, -1) / ops.maximum(ops.sum(hidden, -1), 1.0)

    return loss


class Completer:
    """Loaded model + a traced forward pass. `forward(z, known)` takes encoded colours."""

    def __init__(self, model):
        import tensorflow as tf

        self.model = model
        self._fn = tf.function(lambda c, k: model([c, k], training=False), reduce_retracing=True)

    def forward(self, z: np.ndarray, known: np.ndarray) -> np.ndarray:
        return np.asarray(self._fn(np.asarray(z, np.float32), np.asarray(known, np.float32)))


def save(model, config: dict) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    model.save_weights(WEIGHTS)
    CONFIG.write_text(json.dumps(config, indent=2) + "\n")


_LOAD_LOCK = threading.Lock()


def load() -> Completer:
    """Build the network from its committed config and load the committed weights: once per process,
    thread-safe (the page's scheduler workers may ask at the same moment)."""
    with _LOAD_LOCK:
        return _load()


@lru_cache(maxsize=1)
def _load() -> Completer:
    if not WEIGHTS.is_file():
        raise FileNotFoundError(f"{WEIGHTS} is missing: run `python -m models.palette.train`")
    config = json.loads(CONFIG.read_text())
    model = build(**config["architecture"])
    model.load_weights(WEIGHTS)
    return Completer(model)


load.cache_clear = _load.cache_clear  # type: ignore[attr-defined] - train.py reloads after retraining


def split_heads_np(rows: np.ndarray):
    """Numpy twin of `split_heads` for rows of shape (B, OUT_WIDTH): logits, means, log_sigma."""
    k = N_MIX
    logits = rows[:, 3:3 + k]
    means = rows[:, 3 + k:3 + 4 * k].reshape(-1, k, 3)
    log_sigma = np.clip(rows[:, 3 + 4 * k:], -4.0, 1.5)
    return logits, means, log_sigma


FILL_ONE_METHODS = {"random colour": "random", "mean of the other four": "mean",
                    "nearest-10 training palettes": "nearest", "completion network": "network"}


@lru_cache(maxsize=1)
def card_metrics() -> dict:
    """The quality figures measured at training time (stored next to the weights; read once)."""
    return json.loads(CONFIG.read_text()).get("metrics", {})


def fill_one_rows() -> list[tuple[str, float]]:
    """(method key, fill-one error rounded to 0.1) per method, as the page's quality table lists them."""
    return [(FILL_ONE_METHODS.get(name, name), round(err, 1))
            for name, err in card_metrics().get("fill_one", {}).items()]
