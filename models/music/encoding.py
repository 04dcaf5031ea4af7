"""Magenta's melody encoding: 16th-note steps, one class per step (note-seq `MelodyOneHotEncoding`).

Class 0 = NO_EVENT (hold the previous note or rest), 1 = NOTE_OFF, 2.. = MIDI pitches 48..83.
"""
from __future__ import annotations

import numpy as np

MIN_PITCH, MAX_PITCH = 48, 84          # C3 .. B5, Magenta's melody_rnn default range
STEPS_PER_QUARTER = 4                  # 16th notes
STEPS_PER_BAR = 16                     # generation works in 4/4
NO_EVENT, NOTE_OFF = 0, 1
NUM_CLASSES = 2 + MAX_PITCH - MIN_PITCH  # 38, as note_seq.MelodyOneHotEncoding(48, 84).num_classes


def magenta_encoding():
    """note-seq's own encoder (imported lazily: training machines need only numpy + Keras)."""
    import note_seq

    return note_seq.MelodyOneHotEncoding(MIN_PITCH, MAX_PITCH)


def encode_events(events) -> np.ndarray:
    """note-seq Melody events (-2 no event, -1 note off, pitch) -> class ids (uint8)."""
    enc = magenta_encoding()
    return np.fromiter((enc.encode_event(e) for e in events), dtype=np.uint8)


def decode_classes(classes) -> list[int]:
    """Class ids -> note-seq Melody events."""
    enc = magenta_encoding()
    return [enc.decode_event(int(c)) for c in classes]


def notes_to_classes(notes, n_steps: int) -> np.ndarray:
    """(pitch, start_step, end_step) triples -> monophonic class array; the highest note wins a clash."""
    out = np.full(n_steps, NO_EVENT, dtype=np.uint8)
    by_start: dict[int, tuple[int, int]] = {}
    for pitch, start, end in notes:
        if 0 <= start < n_steps and MIN_PITCH <= pitch < MAX_PITCH and end > start:
            if pitch > by_start.get(start, (-1, 0))[0]:
                by_start[start] = (pitch, end)
    starts = sorted(by_start)
    for i, start in enumerate(starts):
        pitch, end = by_start[start]
        out[start] = pitch - MIN_PITCH + 2
        next_start = starts[i + 1] if i + 1 < len(starts) else n_steps
        if end < next_start:
            out[end] = NOTE_OFF
    return out


def classes_to_notes(classes) -> list[tuple[int, int, int]]:
    """Class array -> (pitch, start_step, end_step) triples."""
    notes, current = [], None
    for step, c in enumerate(np.asarray(classes).tolist()):
        if c == NO_EVENT:
            continue
        if current is not None:
            notes.append((current[0], current[1], step))
            current = None
        if c >= 2:
            current = (c - 2 + MIN_PITCH, step)
    if current is not None:
        notes.append((current[0], current[1], len(classes)))
    return notes


def transpose_classes(classes: np.ndarray, semitones: int) -> np.ndarray:
    """Shift pitch classes; callers keep the result inside the range (see `valid_shifts`)."""
    out = classes.astype(np.int16)
    out[out >= 2] += semitones
    return out.astype(np.uint8)


def valid_shifts(classes: np.ndarray, max_shift: int = 6) -> list[int]:
    """Transpositions in [-max_shift, max_shift) that keep every note inside 48..83."""
    pitches = classes[classes >= 2]
    if pitches.size == 0:
        return [0]
    lo, hi = int(pitches.min()) - 2, int(pitches.max()) - 2
    return [s for s in range(-max_shift, max_shift) if lo + s >= 0 and hi + s < MAX_PITCH - MIN_PITCH]


def fit_range(pitches: list[int]) -> int | None:
    """Octave shift that brings a melody inside the range (None when its span is too wide)."""
    lo, hi = min(pitches), max(pitches)
    if hi - lo >= MAX_PITCH - MIN_PITCH:
        return None
    for octave in (0, 12, -12, 24, -24, 36, -36):
        if lo + octave >= MIN_PITCH and hi + octave < MAX_PITCH:
            return octave
    return None
