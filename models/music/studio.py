"""The studio's tools as plain functions over loaded models: Generate, Continue, Interpolate, Sample."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.music.encoding import MIN_PITCH, STEPS_PER_BAR
from models.music.song import Song
from models.music.theory import transpose_to_key
from models.music.vae_model import STEPS

MAX_BARS = 32
MAX_VARIATIONS = 8
MAX_INTERPOLATION_CLIPS = 4     # 2-bar chunks per melody (8 bars)


@dataclass
class Studio:
    melody: object                   # MelodySampler
    vae: object                      # VaeCodec
    melody_meta: dict
    vae_meta: dict


def load_studio() -> Studio:
    """Load both committed models once (the page caches this, the CLI calls it once)."""
    from models.music.melody_model import load_melody_model
    from models.music.sampler import MelodySampler, VaeCodec
    from models.music.vae_model import load_vae

    model, melody_meta = load_melody_model()
    encoder, decoder, vae_meta = load_vae()
    return Studio(MelodySampler(model), VaeCodec(encoder, decoder), melody_meta, vae_meta)


def _check(bars: int, variations: int, temperature: float) -> None:
    if not 1 <= bars <= MAX_BARS:
        raise ValueError(f"bars must be 1..{MAX_BARS}")
    if not 1 <= variations <= MAX_VARIATIONS:
        raise ValueError(f"variations must be 1..{MAX_VARIATIONS}")
    if not 0.05 <= temperature <= 3.0:
        raise ValueError("temperature must be 0.05..3")


def generate(studio: Studio, bars: int = 8, temperature: float = 1.0, variations: int = 1, seed: int = 0,
             tonic: int = 0, tempo: float = 120.0, program: int = 0) -> list[Song]:
    """New melodies from a single tonic note (Magenta's default primer), moved into the chosen key."""
    _check(bars, variations, temperature)
    start = np.full((variations, 1), 60 + tonic - MIN_PITCH + 2, dtype=np.int32)  # C4 + tonic
    out = studio.melody.sample(start, bars * STEPS_PER_BAR - 1, temperature, seed)
    return [Song(transpose_to_key(m, tonic), tempo=tempo, program=program, title=f"generate {i + 1}")
            for i, m in enumerate(out)]


def continue_melody(studio: Studio, primer: np.ndarray, bars: int = 8, temperature: float = 1.0,
                    variations: int = 1, seed: int = 0, tempo: float = 120.0, program: int = 0) -> list[Song]:
    """Primer kept note for note, then `bars` new bars sampled after it."""
    _check(bars, variations, temperature)
    primer = np.asarray(primer, dtype=np.int32)
    if not (primer >= 2).any():
        raise ValueError("the primer has no notes")
    batch = np.repeat(primer[None], variations, axis=0)
    out = studio.melody.sample(batch, bars * STEPS_PER_BAR, temperature, seed)
    return [Song(m, tempo=tempo, program=program, primer_steps=len(primer), title=f"continue {i + 1}")
            for i, m in enumerate(out)]


def _chunks(melody: np.ndarray, n: int) -> np.ndarray:
    padded = np.pad(melody, (0, max(0, n * STEPS - len(melody))))
    return padded[: n * STEPS].reshape(n, STEPS)


def slerp(a: np.ndarray, b: np.ndarray, alpha: float) -> np.ndarray:
    """Spherical interpolation, as MusicVAE uses (stays where the prior puts its mass)."""
    cos = np.sum(a * b) / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-9)
    omega = np.arccos(np.clip(cos, -1, 1))
    if omega < 1e-4:
        return (1 - alpha) * a + alpha * b
    return (np.sin((1 - alpha) * omega) * a + np.sin(alpha * omega) * b) / np.sin(omega)


def interpolate(studio: Studio, a: np.ndarray, b: np.ndarray, steps: int = 5, tempo: float = 120.0,
                program: int = 0, temperature: float = 0.0, seed: int = 0) -> Song:
    """A -> B in `steps` clips (the first and last are the VAE's own reconstructions of A and B).

    Each melody is cut into up to 4 two-bar chunks; chunk k of A morphs into chunk k of B."""
    if not 2 <= steps <= 16:
        raise ValueError("steps must be 2..16")
    n = int(np.clip(min(len(a), len(b)) // STEPS, 1, MAX_INTERPOLATION_CLIPS))
    z = studio.vae.encode(np.concatenate([_chunks(np.asarray(a), n), _chunks(np.asarray(b), n)]))
    za, zb = z[:n], z[n:]
    zs = np.stack([slerp(za[k], zb[k], i / (steps - 1)) for i in range(steps) for k in range(n)])
    clips = studio.vae.decode(zs, temperature, seed)
    return Song(clips.reshape(-1), tempo=tempo, program=program, title=f"interpolate {steps}",
                markers=[i * n * STEPS for i in range(steps)])


def sample_two_bars(studio: Studio, count: int = 1, temperature: float = 0.5, seed: int = 0) -> list[np.ndarray]:
    """Melodies decoded from random points of the VAE's latent space."""
    z = np.random.default_rng(seed).standard_normal((count, studio.vae.z_dim)).astype(np.float32)
    return list(studio.vae.decode(z, temperature, seed))
