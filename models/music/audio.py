"""Render a Song with tinysoundfont and the General-MIDI soundfont that pretty_midi ships.

Algorithm
---------
A synthesiser's voices add up: what it plays is the sum of what each note would play alone (one
channel, its gain and programme fixed; tinysoundfont never steals voices). So the melody is mixed from
note clips, each rendered once by the synthesiser (note-on, `n` samples, note-off, its release until
silent) and kept in a small LRU store keyed by (rate, programme, pitch, length): a class that presses
Generate asks for the same piano notes at the same tempo again and again, and the synthesiser holds
the interpreter lock while it renders (8-10 ms for 8 bars; from clips about 1 ms). The mix differs
from playing the events in one pass only in where the synthesiser's 64-sample envelope blocks fall:
about 0.1 % of the signal's RMS (unit test). Drums are played as events in one pass, because a drum kit's
hi-hats cut each other off (exclusive classes), which a sum of clips would not do.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

import numpy as np

from models.music.song import Song

SAMPLE_RATE = 32000  # downloads (WAV, the CLI)
PREVIEW_RATE = 22050  # the page's player: the synthesiser holds the interpreter lock while it renders
TAIL_SECONDS = 1.0
DRUM_CHANNEL = 9
MELODY_VELOCITY = 96
RELEASE_MAX_SECONDS = 4.0  # a note clip's release ends when silent, or after this
SILENT = 1e-5  # peak of a 0.1 s block below which a release is over
CLIP_STORE_BYTES = 64 << 20  # note clips kept (stereo float32: about 350 s of notes)
FORMATS = {"wav": ("WAV", "PCM_16"), "flac": ("FLAC", "PCM_16"), "ogg": ("OGG", "VORBIS")}  # soundfile
_LOCK = threading.Lock()  # one shared synthesiser (and clip store): renders take turns
_CLIPS: OrderedDict[tuple, np.ndarray] = OrderedDict()


SOUNDFONT_SHA256 = "82475b91a76de15cb28a104707d3247ba932e228bada3f47bba63c6b31aaf7a1"  # pretty_midi 0.2.11.post0


@lru_cache(maxsize=1)
def soundfont_path() -> Path:
    """pretty_midi's TimGM6mb.sf2, checked by sha256 like every weights file (models/common/weights.py)."""
    from models.common.weights import resolve

    return resolve("pretty_midi", "TimGM6mb.sf2", SOUNDFONT_SHA256, dist_name="pretty_midi")


@lru_cache(maxsize=2)
def _synth(rate: int):
    import tinysoundfont

    synth = tinysoundfont.Synth(samplerate=rate, gain=-3)
    sfid = synth.sfload(str(soundfont_path()))
    return synth, sfid


def _samples(synth, n: int) -> np.ndarray:
    return np.frombuffer(synth.generate(n), dtype=np.float32).reshape(-1, 2)


def _silence(synth, sfid, program: int) -> None:
    synth.notes_off()
    synth.sounds_off()
    synth.program_select(0, sfid, 0, program)
    synth.program_select(DRUM_CHANNEL, sfid, 128, 0, is_drums=True)


def _note_clip(rate: int, program: int, pitch: int, held: int) -> np.ndarray:
    """One melody note alone: `held` samples from note-on to note-off, then its release until silent."""
    key = (rate, program, pitch, held)
    if key in _CLIPS:
        _CLIPS.move_to_end(key)
        return _CLIPS[key]
    synth, sfid = _synth(rate)
    _silence(synth, sfid, program)
    synth.noteon(0, pitch, MELODY_VELOCITY)
    parts = [_samples(synth, held)] if held else []
    synth.noteoff(0, pitch)
    block = rate // 10
    for _ in range(int(RELEASE_MAX_SECONDS * 10)):
        parts.append(_samples(synth, block))
        if np.abs(parts[-1]).max() < SILENT:
            break
    clip = np.concatenate(parts)
    clip.flags.writeable = False
    _CLIPS[key] = clip
    while sum(c.nbytes for c in _CLIPS.values()) > CLIP_STORE_BYTES:
        _CLIPS.popitem(last=False)
    return clip


def forget_note_clips() -> None:
    """Empties the note-clip store (the bench times a render from an empty store too)."""
    with _LOCK:
        _CLIPS.clear()


def _drum_events(song: Song) -> list[tuple[float, int, int, int]]:
    """(time s, order, key, velocity) with note-offs (velocity 0) sorted before note-ons."""
    events = []
    for hit in song.drums:
        t = max(0.0, hit.step * song.step_seconds)
        events += [(t, 1, hit.note, hit.velocity), (t + 0.2, 0, hit.note, 0)]
    return sorted(events)


def _play_drums(song: Song, rate: int, out: np.ndarray) -> None:
    """The drum track as events in one pass of the synthesiser, into `out`."""
    synth, sfid = _synth(rate)
    _silence(synth, sfid, song.program)
    now = 0
    for t, _, key, vel in _drum_events(song) + [(len(out) / rate, 2, 0, 0)]:
        target = min(int(t * rate), len(out))
        if target > now:
            out[now:target] = _samples(synth, target - now)
            now = target
        if vel:
            synth.noteon(DRUM_CHANNEL, key, int(vel))
        elif key:
            synth.noteoff(DRUM_CHANNEL, key)


def render(song: Song, rate: int = SAMPLE_RATE) -> np.ndarray:
    """Stereo float32 audio (n, 2) at `rate`: drums played, the melody's note clips added in place,
    until `TAIL_SECONDS` after the last step."""
    step = song.step_seconds
    out = np.zeros((int((song.n_steps * step + TAIL_SECONDS) * rate), 2), np.float32)
    with _LOCK:
        if song.drums:
            _play_drums(song, rate, out)
        for pitch, start, end in song.melody_notes():
            at = int(start * step * rate)
            clip = _note_clip(rate, song.program, pitch, int(end * step * rate) - at)
            out[at:at + len(clip)] += clip[:len(out) - at]
    return out


def preview(song: Song, fmt: str = "flac") -> bytes:
    """Mono at 22.05 kHz: the page's player (FLAC) and the OGG download. One instrument and a drum kit
    sit almost in the centre of this soundfont, and a class of thirty pressing Generate at once feels
    every millisecond. The player's clip is lossless FLAC, not Vorbis: 8 bars (17 s) encode in 5 ms
    instead of 38 ms, for 215 KB instead of 61 KB (measured on this 2-core machine; `make bench` keeps
    both). The synthesiser holds the interpreter lock while it renders, so it renders at 22.05 kHz;
    the WAV download stays stereo at 32 kHz."""
    stereo = render(song, PREVIEW_RATE)
    return encode((stereo[:, :1] + stereo[:, 1:]) * 0.5, fmt, PREVIEW_RATE)


def encode(audio: np.ndarray, fmt: str = "wav", rate: int = SAMPLE_RATE) -> bytes:
    """WAV (16-bit), FLAC (16-bit, lossless) or OGG Vorbis bytes via soundfile.

    libsndfile writes to a scratch file in memory through its descriptor (`models/common/scratch_file.py`),
    not to a `BytesIO` it would call back into Python for: then it runs without the interpreter lock. WAV
    and FLAC go in one write; Vorbis one second at a time, as libvorbis allocates a whole write on the
    stack and crashes the process on long clips (~60 s and up) written in one call (python-soundfile#233)."""
    import soundfile as sf

    from models.common.scratch_file import written

    peak = float(np.abs(audio).max()) if audio.size else 0.0
    audio = audio / peak * 0.9 if peak > 1.0 else audio
    container, subtype = FORMATS[fmt]
    step = rate if fmt == "ogg" else max(1, len(audio))

    def write(file) -> None:
        with sf.SoundFile(file.fileno(), "w", rate, audio.shape[1], subtype, format=container, closefd=False) as f:
            for start in range(0, len(audio), step):
                f.write(audio[start:start + step])

    return written(write)
