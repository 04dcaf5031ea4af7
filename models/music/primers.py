"""Built-in primers: short public-domain tunes everyone knows, written as (MIDI pitch, 16ths) pairs."""
from __future__ import annotations

import numpy as np

from models.music.encoding import notes_to_classes

REST = 0
TUNES = {
    # "Ah! vous dirai-je, maman" (French folk tune, 18th century) = Twinkle Twinkle Little Star
    "twinkle": [(60, 4), (60, 4), (67, 4), (67, 4), (69, 4), (69, 4), (67, 8),
                (65, 4), (65, 4), (64, 4), (64, 4), (62, 4), (62, 4), (60, 8)],
    # Beethoven, Symphony No. 9, "Ode to Joy" (1824)
    "ode_to_joy": [(64, 4), (64, 4), (65, 4), (67, 4), (67, 4), (65, 4), (64, 4), (62, 4),
                   (60, 4), (60, 4), (62, 4), (64, 4), (64, 6), (62, 2), (62, 8)],
    # "Frère Jacques" (French round, 18th century)
    "frere_jacques": [(60, 4), (62, 4), (64, 4), (60, 4), (60, 4), (62, 4), (64, 4), (60, 4),
                      (64, 4), (65, 4), (67, 8), (64, 4), (65, 4), (67, 8)],
}


def primer_classes(name: str) -> np.ndarray:
    notes, step = [], 0
    for pitch, length in TUNES[name]:
        if pitch != REST:
            notes.append((pitch, step, step + length - 1 if length > 2 else step + length))
        step += length
    return notes_to_classes(notes, step)
