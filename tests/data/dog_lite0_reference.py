"""Independent numpy forward pass of EfficientNet-Lite0 on the torch state dict (no Keras).

Writes `dog_lite0_reference_logits.npy` for darknet's dog.jpg. It works in the torch layouts
(OIHW weights, NCHW thinking) with explicit TF-SAME padding, so it shares no layer code or weight
transposes with the Keras port; the port test compares against it to 1e-4.
Run: `.venv/bin/python -m tests.data.dog_lite0_reference`.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from models.backbones.efficientnet_lite import BLOCKS, weights_path
from models.backbones.torch_pickle import load_state_dict

HERE = Path(__file__).parent
IMAGE = Path("/usr/share/darknet/data/dog.jpg")
OUTPUT = HERE / "dog_lite0_reference_logits.npy"


def _input(path: Path) -> np.ndarray:
    """Same recipe as the port, written out again: 224/256 centre crop, bicubic, (x−127)/128."""
    img = Image.open(path).convert("RGB")
    w, h = img.size
    side = 224 / 256 * min(w, h)
    box = ((w - side) / 2, (h - side) / 2, (w + side) / 2, (h + side) / 2)
    arr = np.asarray(img.resize((224, 224), Image.BICUBIC, box=box), dtype=np.float64)
    return (arr - 127.0) / 128.0  # HWC


def _same_pad(x: np.ndarray, k: int, s: int) -> np.ndarray:
    n = x.shape[0]
    total = max((-(-n // s) - 1) * s + k - n, 0)
    return np.pad(x, ((total // 2, total - total // 2), (total // 2, total - total // 2), (0, 0)))


def _patches(x: np.ndarray, k: int, s: int):
    """Yield (i, j, strided slice) for each kernel tap."""
    x = _same_pad(x, k, s)
    out = (x.shape[0] - k) // s + 1
    for i in range(k):
        for j in range(k):
            yield i, j, x[i : i + s * out : s, j : j + s * out : s, :]


def conv(x, w, s=1):  # w: (O, I, kh, kw)
    return sum(p @ w[:, :, i, j].T for i, j, p in _patches(x, w.shape[2], s))


def depthwise(x, w, s=1):  # w: (C, 1, kh, kw)
    return sum(p * w[:, 0, i, j] for i, j, p in _patches(x, w.shape[2], s))


def bn(x, sd, name, eps=1e-3):
    g, b, m, v = (sd[f"{name}.{k}"] for k in ("weight", "bias", "running_mean", "running_var"))
    return (x - m) / np.sqrt(v + eps) * g + b


def relu6(x):
    return np.clip(x, 0, 6)


def forward(sd: dict, x: np.ndarray) -> np.ndarray:
    sd = {k: v.astype(np.float64) for k, v in sd.items()}
    x = relu6(bn(conv(x, sd["_conv_stem.weight"], 2), sd, "_bn0"))
    b = 0
    for repeats, k, stride, expand, f_in, f_out in BLOCKS:
        for r in range(repeats):
            p, s = f"_blocks.{b}.", stride if r == 0 else 1
            inp = x
            if expand != 1:
                x = relu6(bn(conv(x, sd[p + "_expand_conv.weight"]), sd, p + "_bn0"))
            x = relu6(bn(depthwise(x, sd[p + "_depthwise_conv.weight"], s), sd, p + "_bn1"))
            x = bn(conv(x, sd[p + "_project_conv.weight"]), sd, p + "_bn2")
            if s == 1 and inp.shape == x.shape:
                x = x + inp
            b += 1
    x = relu6(bn(conv(x, sd["_conv_head.weight"]), sd, "_bn1"))
    return x.mean(axis=(0, 1)) @ sd["_fc.weight"].T + sd["_fc.bias"]


if __name__ == "__main__":
    logits = forward(load_state_dict(weights_path()), _input(IMAGE)).astype(np.float32)
    np.save(OUTPUT, logits)
    print(f"wrote {OUTPUT.name}: top-1 index {int(logits.argmax())}")
