"""Turn the completion network into palettes: locks stay put, the rest is sampled slot by slot.

Sampling one free slot at a time (random order) from the mixture head, each time conditioning on
everything placed so far, gives palettes whose colours fit together and differ run to run.
Palettes longer than five slide a five-slot window along.
"""
from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

import numpy as np

from models.palette import cvd
from models.palette.colorspace import BadColor, hex_to_ucs, normalize_hex, ucs_to_hexes
from models.palette.model import N_SLOTS, decode, encode, load, split_heads_np

MIN_N, MAX_N = 3, 8
TEMPERATURE = 1.0
SAFE_BATCH = 48
SAFE_ROUNDS = 8


class LockError(ValueError):
    """Locks that cannot be used (bad hex, too many, wrong place). `args[0]` is a short code."""


def parse_locks(text: str | None, n: int = N_SLOTS) -> list[str | None]:
    """'#aa0000,_,#00ff00' → slot list of length n; '_', '-', '' or '?' mean free.

    A plain list of k colours locks the first k slots.
    """
    if not MIN_N <= n <= MAX_N:
        raise LockError("bad_n", n)
    slots: list[str | None] = [None] * n
    if not text or not text.strip():
        return slots
    parts = [p.strip() for p in text.split(",")]
    if len(parts) > n:
        raise LockError("too_many", len(parts))
    for i, part in enumerate(parts):
        if part in ("", "_", "-", "?"):
            continue
        try:
            slots[i] = normalize_hex(part)
        except BadColor as exc:
            raise LockError("bad_hex", part) from exc
    return slots


def _sample_slot(out_rows: np.ndarray, rng: np.random.Generator, temperature: float) -> np.ndarray:
    """Draw one colour per row from that row's mixture (out_rows: (B, OUT_WIDTH))."""
    logits, means, log_sigma = split_heads_np(out_rows)
    logits = logits / max(temperature, 1e-3)
    p = np.exp(logits - logits.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    comp = (p.cumsum(1) > rng.random((len(p), 1))).argmax(1)
    rows = np.arange(len(p))
    sigma = np.exp(log_sigma[rows, comp])[:, None] * temperature
    return means[rows, comp] + sigma * rng.standard_normal((len(p), 3))


def _fill_window(z, known, todo, rng, temperature):
    """Fill the `todo` slots of a (B, 5) window in place, one random slot per row per pass."""
    completer = load()
    while todo.any():
        out = completer.forward(z * known[..., None], known)
        rows = np.flatnonzero(todo.any(1))
        slot = np.where(todo[rows], rng.random((len(rows), N_SLOTS)), -1).argmax(1)
        z[rows, slot] = _sample_slot(out[rows, slot], rng, temperature)
        known[rows, slot] = 1.0
        todo[rows, slot] = False


def sample_points(locks: list[str | None], count: int, rng: np.random.Generator,
                  temperature: float = TEMPERATURE) -> np.ndarray:
    """(count, n, 3) CAM02-UCS palettes that agree with the locked slots."""
    n = len(locks)
    width = max(n, N_SLOTS)
    z = np.zeros((count, width, 3), np.float32)
    known = np.zeros((count, width), np.float32)
    for i, h in enumerate(locks):
        if h is not None:
            z[:, i] = encode(hex_to_ucs(h))
            known[:, i] = 1.0
    todo = known[:, :N_SLOTS] == 0
    todo[:, n:] = False  # short palettes: slots past n stay unknown and unused
    zw, kw = z[:, :N_SLOTS].copy(), known[:, :N_SLOTS].copy()
    _fill_window(zw, kw, todo, rng, temperature)
    z[:, :N_SLOTS], known[:, :N_SLOTS] = zw, kw
    for start in range(1, n - N_SLOTS + 1):  # long palettes: slide the window, fill its last slot
        zw, kw = z[:, start:start + N_SLOTS].copy(), known[:, start:start + N_SLOTS].copy()
        todo = np.zeros_like(kw, bool)
        todo[:, -1] = kw[:, -1] == 0
        _fill_window(zw, kw, todo, rng, temperature)
        z[:, start:start + N_SLOTS], known[:, start:start + N_SLOTS] = zw, kw
    return decode(z[:, :n])


def _to_hexes(points: np.ndarray, locks: list[str | None]) -> Iterator[list[str]]:
    """Model points → displayable hex, one palette at a time; locked slots return the user's exact hex.

    Lazy, so CVD-safe mode gamut-maps only the candidates it gets to, not the whole batch.
    """
    for row in points:
        yield [lock or h for lock, h in zip(locks, ucs_to_hexes(row))]


def _quick_safe(hexes: list[str], severity: float) -> bool:
    """Cheapest checks first, stop at the first failure (CVD-safe mode tries many candidates)."""
    if cvd.best_contrast(hexes)["ratio"] < cvd.SAFE_CONTRAST:
        return False
    return all(cvd.min_delta(hexes, severity, (v,))[v] >= cvd.SAFE_DELTA for v in cvd.VISIONS)


def suggest(locks: list[str | None], count: int = 1, cvd_safe: bool = False, seed: int | None = None,
            severity: float = 1.0, temperature: float = TEMPERATURE) -> list[dict]:
    """`count` palettes as JSON-ready reports (colors, locked, min_delta, contrast, cvd_safe).

    In CVD-safe mode only palettes that pass `cvd.is_safe` are returned; fewer than `count` (maybe
    none) come back when the locks make it impossible, e.g. a locked red and green.
    """
    rng = np.random.default_rng(seed)
    locked = [h is not None for h in locks]
    if not cvd_safe:
        palettes = list(_to_hexes(sample_points(locks, count, rng, temperature), locks))
    else:  # batches are drawn only while too few safe palettes have been found
        candidates = (hexes for _ in range(SAFE_ROUNDS)
                      for hexes in _to_hexes(sample_points(locks, SAFE_BATCH, rng, temperature), locks))
        palettes = list(islice((h for h in candidates if _quick_safe(h, severity)), count))
    return [dict(cvd.check(p, severity), locked=locked) for p in palettes]
