"""Export and import for the small networks of teachable poses and sounds: one `.keras` file.

The file is what `model.save` writes for our known architecture, ending in a `ClassLabels` layer whose
config carries the class names and a format tag ("pose-v1", "sound-v1"). Importing never deserialises the
file's model config: the labels and the input size are read from config.json as plain JSON, the
architecture is rebuilt here by `build(n_classes)`, and only the weights are loaded into it.
"""
from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile

MAX_BYTES = 20 * 1024 * 1024


class ImportError_(ValueError):
    """The uploaded file is not one of ours (code names the reason for translated messages)."""

    code = "import"


def to_bytes(model) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model.keras")
        model.save(path)
        with open(path, "rb") as fh:
            return fh.read()


def read_labels(data: bytes, fmt: str) -> list[str]:
    """Class names from the file's config.json, checked to be ours and of format `fmt`."""
    if len(data) > MAX_BYTES:
        raise ImportError_("the file is too large to be a teachable model")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            config = json.loads(zf.read("config.json"))
    except Exception:  # noqa: BLE001
        raise ImportError_("not a .keras file") from None
    for layer in config.get("config", {}).get("layers", []):
        cfg = layer.get("config", {})
        if layer.get("class_name") == "ClassLabels" and cfg.get("format") == fmt:
            labels = cfg.get("labels")
            if isinstance(labels, list) and 2 <= len(labels) <= 6 and all(isinstance(s, str) for s in labels):
                return labels
    raise ImportError_(f"not a teachable model of this kind (expected format {fmt})")


def from_bytes(data: bytes, fmt: str, build):
    """(model, labels): `build(n_classes)` rebuilt here, the file's weights loaded into it."""
    labels = read_labels(data, fmt)
    model = build(len(labels), labels)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model.keras")
        with open(path, "wb") as fh:
            fh.write(data)
        try:
            model.load_weights(path)
        except Exception:  # noqa: BLE001
            raise ImportError_("the file's weights do not fit the known architecture") from None
    return model, labels
