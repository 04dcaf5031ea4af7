"""Drumify and Groove, rule-based: no drum corpus is reachable offline, so no drum model is learned.

Drumify picks, for each melody, the library bar whose kick/snare accents best match where the
melody's notes fall in the bar (and how busy it is), adds a fill every 4th bar and a crash on 1.
Groove humanises a drum track: swing on off-beat 16ths, timing jitter, velocity accents.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from models.music.encoding import STEPS_PER_BAR
from models.music.song import DrumHit, Song

LIBRARY = Path(__file__).resolve().parent / "artifacts" / "drum_patterns.json"
ACCENT_KEYS = {36: 1.0, 38: 0.8, 37: 0.5, 39: 0.6}
HAT_KEYS = {42, 44, 46, 51, 53, 70}
CRASH = 49


@lru_cache(maxsize=1)
def load_library(path: Path = LIBRARY) -> dict:
    return json.loads(path.read_text())


def melody_rhythm(classes) -> tuple[np.ndarray, float]:
    """Share of bars with a note onset at each of the 16 positions, and the off-beat-16th share."""
    classes = np.asarray(classes)
    n_bars = max(1, len(classes) // STEPS_PER_BAR)
    grid = (classes[: n_bars * STEPS_PER_BAR] >= 2).reshape(n_bars, STEPS_PER_BAR)
    onsets = grid.sum()
    return grid.mean(axis=0), float(grid[:, 1::2].sum() / onsets) if onsets else 0.0


def pattern_profile(pattern: dict) -> tuple[np.ndarray, float]:
    accent = np.zeros(STEPS_PER_BAR)
    hats = np.zeros(STEPS_PER_BAR)
    for key, step, vel in pattern["hits"]:
        pos = int(round(step)) % STEPS_PER_BAR
        accent[pos] += ACCENT_KEYS.get(key, 0.0) * vel
        hats[pos] += 1.0 if key in HAT_KEYS else 0.0
    busy = hats[1::2].sum() / max(1.0, hats.sum())
    return accent, float(busy)


@dataclass
class PatternChoice:
    name: str
    source: str
    score: float


def rank_patterns(classes) -> list[PatternChoice]:
    """Library bars ordered by fit: cosine(melody onsets, pattern accents) - |busyness difference|."""
    profile, busy = melody_rhythm(classes)
    ranked = []
    for pat in load_library()["patterns"]:
        accent, pat_busy = pattern_profile(pat)
        cos = float(profile @ accent / (np.linalg.norm(profile) * np.linalg.norm(accent) + 1e-9))
        ranked.append(PatternChoice(pat["name"], pat["source"], cos - 0.5 * abs(busy - pat_busy)))
    return sorted(ranked, key=lambda c: -c.score)


def _bar_hits(pattern: dict, bar: int) -> list[DrumHit]:
    return [DrumHit(key, bar * STEPS_PER_BAR + step, int(20 + 100 * vel)) for key, step, vel in pattern["hits"]]


def drumify(song: Song, variation: int = 0, fills: bool = True) -> tuple[Song, PatternChoice]:
    """A copy of the song with a drum track; `variation` walks down the ranking (0 = best fit)."""
    library = load_library()
    choice = rank_patterns(song.melody)[variation % 5]
    pattern = next(p for p in library["patterns"] if p["name"] == choice.name)
    n_bars = max(1, int(np.ceil(len(song.melody) / STEPS_PER_BAR)))
    hits = []
    for bar in range(n_bars):
        is_fill = fills and n_bars >= 4 and bar % 4 == 3
        source = library["fills"][(bar // 4 + variation) % len(library["fills"])] if is_fill else pattern
        hits += _bar_hits(source, bar)
        if bar % 4 == 0:
            hits.append(DrumHit(CRASH, bar * STEPS_PER_BAR, 100))
    return Song(song.melody, tempo=song.tempo, program=song.program, drums=sorted(hits, key=lambda h: h.step),
                primer_steps=song.primer_steps, title=f"{song.title} + drums", markers=song.markers), choice


def humanize(hits: list[DrumHit], amount: float = 0.5, swing: float = 0.0, seed: int = 0) -> list[DrumHit]:
    """Groove: swing delays off-beat 16ths (0.5 -> a triplet feel), jitter and accents scale with amount."""
    rng = np.random.default_rng(seed)
    out = []
    for hit in hits:
        pos = hit.step % 2
        step = hit.step + (swing * 2 / 3 if abs(pos - 1) < 0.25 else 0.0)
        step += float(np.clip(rng.normal(0, 0.12 * amount), -0.4, 0.4))
        accent = 12 if abs(hit.step % 4) < 0.25 else (-8 if abs(pos - 1) < 0.25 else 0)
        velocity = hit.velocity + amount * (accent + rng.normal(0, 10))
        out.append(DrumHit(hit.note, max(0.0, step), int(np.clip(velocity, 1, 127))))
    return out


def groove(song: Song, amount: float = 0.5, swing: float = 0.0, seed: int = 0) -> Song:
    if not song.drums:
        raise ValueError("no drums to groove")
    return Song(song.melody, tempo=song.tempo, program=song.program,
                drums=humanize(song.drums, amount, swing, seed), primer_steps=song.primer_steps,
                title=f"{song.title} groove", markers=song.markers)
