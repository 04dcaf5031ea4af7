"""Render a Song with tinysoundfont and the General-MIDI soundfont that pretty_midi ships."""
from __future__ import annotations

import io
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from models.music.song import Song

SAMPLE_RATE = 32000  # downloads (WAV, the CLI)
PREVIEW_RATE = 22050  # the page's player: the synthesiser holds the interpreter lock while it renders
TAIL_SECONDS = 1.0
DRUM_CHANNEL = 9
FORMATS = {"wav": ("WAV", "PCM_16"), "flac": ("FLAC", "PCM_16"), "ogg": ("OGG", "VORBIS")}  # soundfile
_LOCK = threading.Lock()  # one shared synthesiser: renders take turns


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


def _events(song: Song) -> list[tuple[float, int, int, int, int]]:
    """(time s, order, channel, key, velocity) with note-offs (velocity 0) sorted before note-ons."""
    step = song.step_seconds
    events = []
    for pitch, start, end in song.melody_notes():
        events += [(start * step, 1, 0, pitch, 96), (end * step, 0, 0, pitch, 0)]
    for hit in song.drums:
        t = max(0.0, hit.step * step)
        events += [(t, 1, DRUM_CHANNEL, hit.note, hit.velocity), (t + 0.2, 0, DRUM_CHANNEL, hit.note, 0)]
    return sorted(events)


def render(song: Song, rate: int = SAMPLE_RATE) -> np.ndarray:
    """Stereo float32 audio (n, 2) at `rate`: events are played between generate() blocks."""
    with _LOCK:
        return _render_locked(song, rate)


def _render_locked(song: Song, rate: int) -> np.ndarray:
    synth, sfid = _synth(rate)
    synth.notes_off()
    synth.sounds_off()
    synth.program_select(0, sfid, 0, song.program)
    synth.program_select(DRUM_CHANNEL, sfid, 128, 0, is_drums=True)
    chunks, now = [], 0
    for t, _, chan, key, vel in _events(song) + [(song.n_steps * song.step_seconds + TAIL_SECONDS, 2, 0, 0, 0)]:
        target = int(t * rate)
        if target > now:
            chunks.append(np.frombuffer(synth.generate(target - now), dtype=np.float32))
            now = target
        if chan >= 0 and vel:
            synth.noteon(chan, key, int(vel))
        elif key:
            synth.noteoff(chan, key)
    return np.concatenate(chunks).reshape(-1, 2) if chunks else np.zeros((0, 2), np.float32)


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

    Written one second at a time: libvorbis allocates a whole write on the stack and crashes the
    process on long clips (~60 s and up) written in one call (python-soundfile#233)."""
    import soundfile as sf

    buf = io.BytesIO()
    peak = float(np.abs(audio).max()) if audio.size else 0.0
    audio = audio / peak * 0.9 if peak > 1.0 else audio
    container, subtype = FORMATS[fmt]
    with sf.SoundFile(buf, "w", rate, audio.shape[1], subtype, format=container) as f:
        for start in range(0, len(audio), rate):
            f.write(audio[start:start + rate])
    return buf.getvalue()
