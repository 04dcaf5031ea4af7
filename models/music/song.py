"""A result of any studio tool: a melody (16th-note classes), optional drums, tempo and instrument."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from models.music.encoding import STEPS_PER_BAR, classes_to_notes


@dataclass(frozen=True)
class DrumHit:
    note: int          # General MIDI percussion key (36 kick, 38 snare, 42 closed hat, ...)
    step: float        # position in 16th steps; fractional after humanising
    velocity: int


@dataclass
class Song:
    melody: np.ndarray                    # class ids per 16th step (may be empty for a drum-only song)
    tempo: float = 120.0
    program: int = 0                      # General MIDI instrument of the melody
    drums: list[DrumHit] = field(default_factory=list)
    primer_steps: int = 0                 # steps copied from the user's primer (Continue)
    title: str = ""
    markers: list[int] = field(default_factory=list)   # steps where a clip starts (Interpolate)

    @property
    def n_steps(self) -> int:
        last_drum = max((int(np.ceil(h.step)) + 1 for h in self.drums), default=0)
        return max(len(self.melody), last_drum)

    @property
    def bars(self) -> float:
        return self.n_steps / STEPS_PER_BAR

    @property
    def step_seconds(self) -> float:
        return 60.0 / self.tempo / 4

    def melody_notes(self) -> list[tuple[int, int, int]]:
        return classes_to_notes(self.melody)
