"""MIDI in and out: a monophonic line from any MIDI file (note-seq, as Magenta does), Song -> MIDI."""
from __future__ import annotations

import io

import numpy as np

from models.music.encoding import STEPS_PER_QUARTER, fit_range, notes_to_classes
from models.music.song import DrumHit, Song

MAX_MIDI_BYTES = 2_000_000
MAX_STEPS = 16 * 64


class MidiError(ValueError):
    """A MIDI file we cannot use; `code` names the reason (translated by the page)."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code


def _note_sequence(data: bytes):
    import note_seq

    if not data:
        raise MidiError("empty")
    if len(data) > MAX_MIDI_BYTES:
        raise MidiError("too_big", f"{len(data) / 1e6:.1f} MB")
    if not data.startswith(b"MThd"):
        raise MidiError("not_midi")
    try:
        return note_seq.midi_to_note_sequence(data)
    except Exception as exc:  # noqa: BLE001 - note-seq raises several types for broken files
        raise MidiError("unreadable", str(exc)[:120]) from exc


def read_midi(data: bytes) -> Song:
    """Melody (highest line of the busiest non-drum instrument) and drums of a MIDI file, on 16ths."""
    seq = _note_sequence(data)
    tempo = seq.tempos[0].qpm if seq.tempos else 120.0
    step = 60.0 / tempo / STEPS_PER_QUARTER
    melodic = [n for n in seq.notes if not n.is_drum]
    drums = [DrumHit(n.pitch, n.start_time / step, n.velocity) for n in seq.notes if n.is_drum]
    if not melodic and not drums:
        raise MidiError("no_notes")
    classes = np.zeros(0, dtype=np.uint8)
    program = 0
    if melodic:
        counts: dict[int, int] = {}
        for n in melodic:
            counts[n.instrument] = counts.get(n.instrument, 0) + 1
        busiest = max(counts, key=counts.get)
        line = [n for n in melodic if n.instrument == busiest]
        program = line[0].program
        notes = [(n.pitch, round(n.start_time / step), max(round(n.end_time / step), round(n.start_time / step) + 1))
                 for n in line]
        octave = fit_range([p for p, _, _ in notes])
        if octave is None:
            octave = 0  # too wide: notes outside C3..B5 are dropped by notes_to_classes
        notes = [(p + octave, s, e) for p, s, e in notes]
        n_steps = min(max(e for _, _, e in notes) + 1, MAX_STEPS)  # room for the last note-off
        classes = notes_to_classes(notes, n_steps)
    return Song(melody=classes, tempo=float(tempo), program=int(program),
                drums=[d for d in drums if d.step < MAX_STEPS])


def read_melody(data: bytes) -> Song:
    song = read_midi(data)
    if not (song.melody >= 2).any():
        raise MidiError("no_melody")
    return song


def to_pretty_midi(song: Song):
    import pretty_midi

    pm = pretty_midi.PrettyMIDI(initial_tempo=song.tempo)
    step = song.step_seconds
    if len(song.melody):
        inst = pretty_midi.Instrument(program=song.program, name="melody")
        for pitch, start, end in song.melody_notes():
            inst.notes.append(pretty_midi.Note(velocity=96, pitch=pitch, start=start * step, end=end * step))
        pm.instruments.append(inst)
    if song.drums:
        kit = pretty_midi.Instrument(program=0, is_drum=True, name="drums")
        for hit in song.drums:
            start = max(0.0, hit.step * step)
            kit.notes.append(pretty_midi.Note(velocity=int(np.clip(hit.velocity, 1, 127)), pitch=hit.note,
                                              start=start, end=start + step))
        pm.instruments.append(kit)
    return pm


def midi_bytes(song: Song) -> bytes:
    buf = io.BytesIO()
    to_pretty_midi(song).write(buf)
    return buf.getvalue()
