"""Keys and simple melody statistics (Krumhansl-Schmuckler key finding on pitch-class durations)."""
from __future__ import annotations

import numpy as np

from models.music.encoding import MAX_PITCH, MIN_PITCH, STEPS_PER_BAR, classes_to_notes, transpose_classes

KEY_NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]
MAJOR_PROFILE = np.array([6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88])
MINOR_PROFILE = np.array([6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17])
MAJOR_SCALE = {0, 2, 4, 5, 7, 9, 11}
MINOR_SCALE = {0, 2, 3, 5, 7, 8, 10, 11}  # natural + harmonic minor's raised 7th


def pitch_class_weights(classes) -> np.ndarray:
    weights = np.zeros(12)
    for pitch, start, end in classes_to_notes(classes):
        weights[pitch % 12] += end - start
    return weights


_CANDIDATES = [(tonic, mode) for tonic in range(12) for mode in ("major", "minor")]
_PROFILES = np.stack([np.roll(MAJOR_PROFILE if mode == "major" else MINOR_PROFILE, tonic) for tonic, mode in _CANDIDATES])
_CENTRED = _PROFILES - _PROFILES.mean(axis=1, keepdims=True)


def estimate_key(classes) -> tuple[int, str]:
    """(tonic pitch class, 'major' | 'minor') with the best profile correlation: Pearson's r with all
    24 rotated profiles in one matrix product (a class of thirty asks at once; 24 `np.corrcoef` calls
    took about 1 ms a melody)."""
    w = pitch_class_weights(classes)
    if w.sum() == 0:
        return 0, "major"
    centred = w - w.mean()
    r = _CENTRED @ centred / (np.linalg.norm(_CENTRED, axis=1) * np.linalg.norm(centred))
    best = max((round(float(r[i]), 12), tonic, mode) for i, (tonic, mode) in enumerate(_CANDIDATES))  # ties: as before
    return best[1], best[2]


def in_key_share(classes) -> float:
    """Share of notes (by count) inside the estimated key's scale."""
    tonic, mode = estimate_key(classes)
    scale = MAJOR_SCALE if mode == "major" else MINOR_SCALE
    notes = classes_to_notes(classes)
    return float(np.mean([(p - tonic) % 12 in scale for p, _, _ in notes])) if notes else 0.0


def notes_per_bar(classes, steps_per_bar: int = STEPS_PER_BAR) -> float:
    return float((np.asarray(classes) >= 2).sum() / max(1.0, len(classes) / steps_per_bar))


def transpose_to_key(classes, tonic: int) -> np.ndarray:
    """Move the melody so its estimated tonic becomes `tonic` (nearest shift that stays in range)."""
    current, _ = estimate_key(classes)
    shift = (tonic - current) % 12
    pitches = np.asarray(classes)[np.asarray(classes) >= 2].astype(int) + MIN_PITCH - 2
    if pitches.size == 0:
        return np.asarray(classes)
    for s in sorted((shift, shift - 12), key=abs):
        if pitches.min() + s >= MIN_PITCH and pitches.max() + s < MAX_PITCH:
            return transpose_classes(np.asarray(classes), s)
    return np.asarray(classes)
