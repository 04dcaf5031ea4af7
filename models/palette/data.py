"""The committed palette file as CAM02-UCS arrays, and random-mask training examples."""
from __future__ import annotations

import json
from functools import lru_cache

import numpy as np

from models.palette.build_dataset import DATA_FILE
from models.palette.colorspace import to_ucs
from models.palette.model import N_SLOTS, encode


@lru_cache(maxsize=1)
def raw() -> dict:
    if not DATA_FILE.is_file():
        raise FileNotFoundError(f"{DATA_FILE} is missing: run `python -m models.palette.build_dataset`")
    return json.loads(DATA_FILE.read_text())


def nice_hex(split: str | None = None) -> list[list[str]]:
    """COLOURlovers palettes of one split ('train', 'val', 'test') or all of them."""
    data = raw()
    if split is None:
        return data["nice"]
    return [data["nice"][i] for i in data["split"][split]]


@lru_cache(maxsize=8)
def nice_points(split: str | None = None) -> np.ndarray:
    return np.stack([to_ucs(p) for p in nice_hex(split)])


@lru_cache(maxsize=1)
def thing_points() -> np.ndarray:
    """The held-out image-derived themes (six colours each)."""
    return np.stack([to_ucs(p) for p in raw()["thing"]])


def masked_examples(points: np.ndarray, copies: int, rng: np.random.Generator, noise: float = 0.0):
    """Every palette (and its mirror) `copies` times with 1–5 random slots hidden.

    Returns ((colours, known), y) for Keras, with y = target colours + hidden flag.
    """
    both = np.concatenate([points, points[:, ::-1]])
    pal = np.repeat(both, copies, axis=0)
    n = len(pal)
    n_hidden = rng.integers(1, N_SLOTS + 1, size=n)
    order = rng.random((n, N_SLOTS)).argsort(1)
    hidden = (order < n_hidden[:, None]).astype(np.float32)
    z = encode(pal)
    z_in = z + rng.normal(0, noise, z.shape).astype(np.float32) if noise else z
    known = 1.0 - hidden
    y = np.concatenate([z, hidden[..., None]], -1)
    return (z_in * known[..., None], known), y
