"""Reading a clip and turning it into what the network sees: a log-mel spectrogram.

Algorithm: decode any WAV/OGG/MP3/FLAC to mono 16 kHz floats, reject clips that are silent, too short
or too long, keep the loudest CLIP_SECONDS window (padding short sounds with silence), then a
short-time Fourier transform (25 ms windows every 10 ms) → N_MELS mel bands → decibels.
"""
from __future__ import annotations

import functools
import io
from dataclasses import dataclass

import numpy as np

SAMPLE_RATE = 16_000
CLIP_SECONDS = 1.0  # the window the network listens to
MIN_SECONDS = 0.2
MAX_SECONDS = 30.0
SILENCE_PEAK = 0.01  # peak amplitude (full scale = 1) below which a clip counts as silent
N_FFT, HOP, N_MELS = 400, 160, 64
FORMATS = ("wav", "ogg", "mp3", "flac")


class AudioError(ValueError):
    """A clip we cannot learn from; `code` names the reason for translated messages."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Clip:
    wave: np.ndarray  # float32 mono at SAMPLE_RATE
    seconds: float


def decode(data: bytes) -> np.ndarray:
    """Mono float32 samples at SAMPLE_RATE from the bytes of an audio file, or AudioError('format')."""
    import librosa
    import soundfile as sf

    try:
        wave, rate = sf.read(io.BytesIO(data), dtype="float32", always_2d=True)
    except Exception:  # noqa: BLE001 - libsndfile reads WAV, OGG, MP3 and FLAC; anything else is refused
        raise AudioError("format", "not a readable WAV, OGG, MP3 or FLAC file") from None
    wave = wave.mean(axis=1)
    if wave.size == 0:
        raise AudioError("short", "the clip has no samples")
    if rate != SAMPLE_RATE:
        wave = librosa.resample(wave, orig_sr=rate, target_sr=SAMPLE_RATE)
    return np.asarray(wave, np.float32)


def check(wave: np.ndarray) -> Clip:
    """The clip if it is usable, else AudioError with code 'short' | 'long' | 'silent'."""
    seconds = len(wave) / SAMPLE_RATE
    if seconds < MIN_SECONDS:
        raise AudioError("short", f"the clip is too short ({seconds:.2f} s; at least {MIN_SECONDS} s)")
    if seconds > MAX_SECONDS:
        raise AudioError("long", f"the clip is too long ({seconds:.1f} s; at most {MAX_SECONDS:.0f} s)")
    if not np.isfinite(wave).all() or np.abs(wave).max() < SILENCE_PEAK:
        raise AudioError("silent", "the clip is silent (nothing louder than the background)")
    return Clip(wave, seconds)


def read_clip(data: bytes) -> Clip:
    return check(decode(data))


def loudest_window(wave: np.ndarray, seconds: float = CLIP_SECONDS) -> np.ndarray:
    """The `seconds`-long stretch with the most energy; shorter clips are centred in silence."""
    n = int(seconds * SAMPLE_RATE)
    if len(wave) <= n:
        pad = n - len(wave)
        return np.pad(wave, (pad // 2, pad - pad // 2)).astype(np.float32)
    energy = np.cumsum(np.concatenate([[0.0], wave.astype(np.float64) ** 2]))
    hop = SAMPLE_RATE // 100
    starts = np.arange(0, len(wave) - n + 1, hop)
    best = starts[np.argmax(energy[starts + n] - energy[starts])]
    return wave[best:best + n].astype(np.float32)


@functools.cache
def _mel_basis() -> np.ndarray:
    import librosa

    return librosa.filters.mel(sr=SAMPLE_RATE, n_fft=N_FFT, n_mels=N_MELS, fmin=50, fmax=SAMPLE_RATE // 2)


def log_mel(wave: np.ndarray) -> np.ndarray:
    """(frames, N_MELS) log-mel spectrogram in dB relative to full scale, floored at -80 dB.

    Hann-windowed frames of N_FFT samples every HOP samples (centred, reflect-padded) → |FFT|² →
    mel filterbank → 10·log10."""
    padded = np.pad(np.asarray(wave, np.float32), N_FFT // 2, mode="reflect")
    n_frames = 1 + (len(padded) - N_FFT) // HOP
    idx = np.arange(N_FFT)[None, :] + HOP * np.arange(n_frames)[:, None]
    frames = padded[idx] * np.hanning(N_FFT + 1)[:-1].astype(np.float32)
    power = np.abs(np.fft.rfft(frames, axis=1)) ** 2
    mel = power @ _mel_basis().T
    return (10 * np.log10(np.maximum(mel, 1e-8))).clip(-80, None).astype(np.float32)


def features(wave: np.ndarray) -> np.ndarray:
    """The network's input for one clip: log-mel of its loudest window, scaled to about 0–1."""
    return (log_mel(loudest_window(wave)) + 80.0) / 80.0
