"""The encoded corpus as training windows: split by melody first, then transposition-augmented."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from models.music.encoding import NO_EVENT, valid_shifts, transpose_classes

CORPUS_FILE = Path(__file__).resolve().parent / "artifacts" / "corpus.npz"
VAL_SHARE = 0.1


@dataclass
class Corpus:
    melodies: list[np.ndarray]
    steps_per_bar: np.ndarray
    source: np.ndarray
    source_names: list[str]

    def split(self, seed: int = 0) -> tuple[list[int], list[int], list[int]]:
        """Melody indices for training, validation and test (the same for both models).

        Training keeps the same 90 % of melodies as before; the 10 % held out is halved: validation
        (early stopping, learning-rate schedule) and test (scored by `models.music.evaluate`, used for
        no decision)."""
        order = np.random.default_rng(seed).permutation(len(self.melodies))
        n_held = int(len(order) * VAL_SHARE)
        held = order[:n_held][np.random.default_rng(seed + 1).permutation(n_held)]
        n_val = n_held // 2
        return sorted(order[n_held:].tolist()), sorted(held[:n_val].tolist()), sorted(held[n_val:].tolist())


def load_corpus(path: Path = CORPUS_FILE) -> Corpus:
    data = np.load(path)
    offsets = data["offsets"]
    classes = data["classes"]
    melodies = [classes[a:b] for a, b in zip(offsets[:-1], offsets[1:])]
    return Corpus(melodies, data["steps_per_bar"], data["source"], [str(s) for s in data["source_names"]])


def bar_windows(melody: np.ndarray, steps_per_bar: int, length: int, hop_bars: int) -> list[np.ndarray]:
    """Windows of up to `length` steps starting on bar lines (a short melody gives one short window)."""
    if len(melody) <= length:
        return [melody]
    hop = max(1, hop_bars * steps_per_bar)
    return [melody[s:s + length] for s in range(0, len(melody) - length + 1, hop)]


def augment(windows: list[np.ndarray], copies: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Each window plus `copies` random in-range transpositions (the model learns every key)."""
    out = []
    for w in windows:
        out.append(w)
        shifts = [s for s in valid_shifts(w) if s != 0]
        if shifts:
            for s in rng.choice(shifts, size=min(copies, len(shifts)), replace=False):
                out.append(transpose_classes(w, int(s)))
    return out


def pad_with_mask(windows: list[np.ndarray], length: int) -> tuple[np.ndarray, np.ndarray]:
    """Stack windows into (N, length) int32 plus a 0/1 mask of the real (unpadded) steps."""
    x = np.full((len(windows), length), NO_EVENT, dtype=np.int32)
    mask = np.zeros((len(windows), length), dtype=np.float32)
    for i, w in enumerate(windows):
        x[i, :len(w)] = w
        mask[i, :len(w)] = 1.0
    return x, mask


def transposition_key(window: np.ndarray) -> bytes:
    """The same bytes for a window and every transposition of it (lowest pitch moved to class 2)."""
    w = np.asarray(window, dtype=np.int16)
    pitched = w >= 2
    if pitched.any():
        w = w.copy()
        w[pitched] -= int(w[pitched].min()) - 2
    return w.astype(np.uint8).tobytes()


def drop_seen(windows: list[np.ndarray], seen: set[bytes]) -> tuple[list[np.ndarray], int]:
    """The windows whose every transposition is absent from `seen`, and how many were dropped."""
    kept = [w for w in windows if transposition_key(w) not in seen]
    return kept, len(windows) - len(kept)
