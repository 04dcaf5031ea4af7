"""Read an uploaded `.keras` file as plain data only: labels from JSON, the head's two arrays from HDF5.

Nothing in the file is ever deserialised as Keras objects or Python code: the zip is size-checked
before anything is read, config.json is parsed as JSON and only checked against our own layout
(`export.full_model`), and model.weights.h5 gives up exactly two float arrays, found by the names
Keras saves them under. The caller rebuilds the classifier from our own backbone weights and a
fresh head (`export.from_bytes`). Every failure is a TeachError whose code has a translated message.
"""
from __future__ import annotations

import io
import json
import unicodedata
import zipfile
from dataclasses import dataclass

import numpy as np

from models.teachable.dataset import MAX_CLASSES, MIN_CLASSES, TeachError

FORMAT = "teachable-classifier/1"
CLASS_LABELS = "teachable>ClassLabels"  # registered name of export.ClassLabels
# A real export (EfficientNet-Lite0 + head, 6 classes with long names) is 14.24 MB, nearly all of it
# the backbone's weights (which we never read); twice that leaves room for Keras' layout to grow.
MAX_MODEL_BYTES = 28 * 2**20
CONFIG_BYTES = 2**20  # config.json of a real export: ~157 kB (the backbone's layer list)
MEMBERS = {"config.json": CONFIG_BYTES, "metadata.json": 2**16, "model.weights.h5": MAX_MODEL_BYTES}
MAX_LABEL_CHARS = 255  # the longest folder name the CLI can take a class name from
HEAD_LAYERS = (("InputLayer", "features"), ("Dropout", "dropout"), ("Dense", "probabilities"))
FOREIGN = {"Lambda", "__lambda__", "function", "TFOpLambda", "SlicingOpLambda"}  # code, not layers


@dataclass(frozen=True)
class HeadWeights:
    labels: list[str]
    kernel: np.ndarray  # (feature_dim, n_classes) float32
    bias: np.ndarray  # (n_classes,) float32


def _bad(message: str) -> TeachError:
    return TeachError("bad_model_file", message)


def _foreign(message: str) -> TeachError:
    return TeachError("not_teachable", message)


def _too_big(message: str) -> TeachError:
    return TeachError("too_big", message, limit_mb=MAX_MODEL_BYTES // 2**20)


def read_members(data: bytes, names: tuple[str, ...]) -> dict[str, bytes]:
    """The named members of the zip, after checking its size, its member list and every member's
    declared size; each read stops at its limit (a member lying about its size fails its CRC)."""
    if len(data) > MAX_MODEL_BYTES:
        raise _too_big(f"{len(data)} bytes; a teachable model is at most {MAX_MODEL_BYTES}")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise _bad(f"not a .keras model file ({exc})") from exc
    with zf:
        infos = zf.infolist()
        found = sorted(i.filename for i in infos)
        if found != sorted(MEMBERS):
            raise _bad(f"a .keras file holds {sorted(MEMBERS)}, this one {found[:10]}")
        for info in infos:
            if info.file_size > MEMBERS[info.filename]:
                raise _too_big(f"{info.filename} would unpack to {info.file_size} bytes")
            if info.flag_bits & 1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise _bad(f"{info.filename} is encrypted or compressed in an unsupported way")
        out = {}
        for name in names:
            limit = MEMBERS[name]
            try:
                with zf.open(name) as fh:
                    raw = fh.read(limit + 1)
            except Exception as exc:  # noqa: BLE001 - CRC, zlib, truncation: all mean a broken file
                raise _bad(f"{name} could not be unpacked ({exc})") from exc
            if len(raw) > limit:
                raise _too_big(f"{name} unpacks to more than {limit} bytes")
            out[name] = raw
        return out


def _walk(node):
    """Every dict inside a JSON value (iteratively: no recursion limit to hit)."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def check_labels(labels) -> list[str]:
    """2–6 distinct, non-empty names without control characters, each at most MAX_LABEL_CHARS long."""
    ok = (isinstance(labels, list) and MIN_CLASSES <= len(labels) <= MAX_CLASSES
          and all(isinstance(s, str) and s.strip() and len(s) <= MAX_LABEL_CHARS
                  and not any(unicodedata.category(c) == "Cc" for c in s) for s in labels)
          and len({s.strip() for s in labels}) == len(labels))
    if not ok:
        raise TeachError("bad_labels", f"unusable class names {str(labels)[:200]}",
                         min=MIN_CLASSES, max=MAX_CLASSES)
    return list(labels)


def labels_from_config(raw: bytes) -> list[str]:
    """Check config.json (as JSON data) is our layout and return the class names it carries."""
    try:
        config = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise _bad(f"config.json is not JSON ({exc})") from exc
    top = config.get("config") if isinstance(config, dict) else None
    layers = top.get("layers") if isinstance(top, dict) else None
    if not isinstance(layers, list) or config.get("class_name") != "Functional" \
            or not all(isinstance(layer, dict) for layer in layers):
        raise _foreign("config.json does not describe a functional Keras model")
    for node in _walk(config):
        module = node.get("module")
        if node.get("class_name") in FOREIGN or (
                isinstance(module, str) and module.split(".")[0] != "keras"
                and node.get("registered_name") != CLASS_LABELS):
            raise _foreign(f"the file declares code, not layers ({node.get('class_name')!r} from {module!r})")

    def one(kind: str, name: str | None = None) -> dict:
        hits = [layer for layer in layers if layer.get("class_name") == kind
                and (name is None or layer.get("name") == name)]
        if len(hits) != 1:
            raise _foreign(f"expected one {kind} layer {name or ''}, found {len(hits)}")
        cfg = hits[0].get("config")
        if not isinstance(cfg, dict):
            raise _foreign(f"{kind} layer without a config")
        return hits[0]

    tags = one("ClassLabels")
    if tags.get("registered_name") != CLASS_LABELS or tags["config"].get("format") != FORMAT:
        raise _foreign(f"class labels of another format ({tags['config'].get('format')!r})")
    labels = check_labels(tags["config"].get("labels"))

    head = one("Functional", "head")["config"].get("layers")
    if not isinstance(head, list) or [(l.get("class_name"), l.get("name")) if isinstance(l, dict) else None
                                      for l in head] != list(HEAD_LAYERS):
        raise _foreign("the head is not features → dropout → dense")
    dense = head[-1].get("config")
    if not isinstance(dense, dict) or dense.get("units") != len(labels) or dense.get("activation") != "softmax" \
            or dense.get("use_bias") is not True:
        raise _foreign(f"the head's Dense layer is not {len(labels)} softmax outputs")
    return labels


def read_labels(data: bytes) -> list[str]:
    """The class names, after the size, zip and layout checks (reads config.json only)."""
    return labels_from_config(read_members(data, ("config.json",))["config.json"])


def _child(group, name: str):
    """group[name], following only hard links inside the file (no external or soft links)."""
    import h5py

    link = group.get(name, getlink=True)
    if not isinstance(link, h5py.HardLink):
        raise TeachError("bad_weights", f"{group.name}/{name} is missing or a link")
    return group[name]


def _groups_named(parent, saved_name: str) -> list:
    """Sub-groups of `parent` whose `vars` group says it belongs to the layer `saved_name`."""
    import h5py

    hits = []
    for key in parent.keys():
        if not isinstance(parent.get(key, getlink=True), h5py.HardLink):
            continue
        group = parent[key]
        if isinstance(group, h5py.Group) and "vars" in group:
            name = _child(group, "vars").attrs.get("name")
            if isinstance(name, bytes):
                name = name.decode("utf-8", "replace")
            if name == saved_name:
                hits.append(group)
    return hits


def _array(group, key: str, shape: tuple[int, ...]) -> np.ndarray:
    """One plain float dataset of exactly `shape`, stored in the file itself without filters."""
    import h5py

    ds = _child(group, key)
    if not isinstance(ds, h5py.Dataset) or ds.dtype.kind != "f" or ds.dtype.itemsize not in (2, 4, 8):
        raise TeachError("bad_weights", f"{group.name}/{key} is not an array of floats")
    if ds.shape != shape:
        raise TeachError("bad_weights", f"{group.name}/{key} has shape {ds.shape}, expected {shape}")
    if ds.is_virtual or ds.external or ds.id.get_create_plist().get_nfilters():
        raise TeachError("bad_weights", f"{group.name}/{key} is stored outside the file or filtered")
    values = np.asarray(ds[()], dtype=np.float32)
    if not np.isfinite(values).all():
        raise TeachError("bad_weights", f"{group.name}/{key} holds NaN or infinite values")
    return values


def head_arrays(raw: bytes, feature_dim: int, n_classes: int) -> tuple[np.ndarray, np.ndarray]:
    """Kernel (feature_dim, n_classes) and bias (n_classes,) of the head's Dense layer, read from
    model.weights.h5 as arrays: `layers/<head>/layers/<dense>/vars/{0,1}`, where the head and the
    Dense layer are found by the names Keras stores beside their variables ("head", "probabilities")."""
    import h5py

    try:
        with h5py.File(io.BytesIO(raw), "r") as f:
            heads = _groups_named(_child(f, "layers"), "head")
            if len(heads) != 1:
                raise TeachError("bad_weights", f"expected one head in the weights, found {len(heads)}")
            dense = _groups_named(_child(heads[0], "layers"), "probabilities")
            if len(dense) != 1:
                raise TeachError("bad_weights", f"expected one Dense layer in the head, found {len(dense)}")
            variables = _child(dense[0], "vars")
            if sorted(variables.keys()) != ["0", "1"]:
                raise TeachError("bad_weights", f"the Dense layer has variables {sorted(variables.keys())[:5]}")
            return (_array(variables, "0", (feature_dim, n_classes)), _array(variables, "1", (n_classes,)))
    except TeachError:
        raise
    except Exception as exc:  # noqa: BLE001 - h5py raises OSError, KeyError, ValueError... on broken files
        raise _bad(f"model.weights.h5 could not be read ({exc})") from exc


def read_head(data: bytes, feature_dim: int) -> HeadWeights:
    """Labels and the checked head arrays of an uploaded export (the backbone's weights are ignored)."""
    members = read_members(data, ("config.json", "model.weights.h5"))
    labels = labels_from_config(members["config.json"])
    kernel, bias = head_arrays(members["model.weights.h5"], int(feature_dim), len(labels))
    return HeadWeights(labels, kernel, bias)

