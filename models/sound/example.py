"""The ready-made sound example, made offline: `python -m models.sound make-example`.

Three classes of one-second clips at 16 kHz — 박수 (claps: sox white-noise bursts with a fast decay),
휘파람 (whistles: sox sine sweeps between 1 and 3 kHz) and 안녕 (espeak-ng saying "안녕" in Korean
with different voices, speeds and pitches) — each placed at a random moment over quiet background
noise. The TRAIN and TEST clips use disjoint voices, pitches, speeds and random seeds, so the held-out
clips were never trained on and are not copies of training clips.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np

from models.sound.audio import SAMPLE_RATE

EXAMPLE_DIR = Path(__file__).resolve().parent / "example"
CLASSES = ("박수", "휘파람", "안녕")
PER_CLASS = {"train": 10, "test": 10}
VOICES = {"train": ("ko", "ko+f2", "ko+m3", "ko+f4", "ko+m1"), "test": ("ko+f1", "ko+m2", "ko+f3", "ko+m4")}
SEEDS = {"train": 1, "test": 2}


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise RuntimeError(f"'{name}' is not installed (Debian: apt-get install {name})")
    return path


def _read(path: Path) -> np.ndarray:
    import soundfile as sf

    wave, rate = sf.read(path, dtype="float32", always_2d=True)
    wave = wave.mean(1)
    if rate != SAMPLE_RATE:
        import librosa
        wave = librosa.resample(wave, orig_sr=rate, target_sr=SAMPLE_RATE)
    return wave


def speak(text: str, voice: str, speed: int, pitch: int, tmp: Path) -> np.ndarray:
    out = tmp / "say.wav"
    subprocess.run([_tool("espeak-ng"), "-v", voice, "-s", str(speed), "-p", str(pitch), "-w", str(out), text],
                   check=True, capture_output=True)
    return _read(out)


def sox(args: list[str], tmp: Path) -> np.ndarray:
    out = tmp / "sox.wav"
    subprocess.run([_tool("sox"), "-n", "-r", str(SAMPLE_RATE), "-c", "1", str(out), *args],
                   check=True, capture_output=True)
    return _read(out)


def clap(rng: np.random.Generator, tmp: Path) -> np.ndarray:
    """One to three claps: short noise bursts (sox) with a fast fade-out, a little reverberation."""
    parts = []
    for _ in range(int(rng.integers(1, 4))):
        seconds = rng.uniform(0.03, 0.07)
        burst = sox(["synth", f"{seconds:.3f}", str(rng.choice(["whitenoise", "pinknoise"])),
                     "fade", "q", "0.002", "-0", f"{seconds * rng.uniform(0.6, 0.9):.3f}"], tmp)
        parts += [burst * rng.uniform(0.4, 0.9), np.zeros(int(rng.uniform(0.08, 0.2) * SAMPLE_RATE), np.float32)]
    return np.concatenate(parts)


def whistle(rng: np.random.Generator, tmp: Path) -> np.ndarray:
    lo, hi = sorted(rng.uniform(1000, 3000, 2))
    start, end = (lo, hi) if rng.random() < 0.5 else (hi, lo)
    return sox(["synth", f"{rng.uniform(0.3, 0.7):.2f}", "sine", f"{start:.0f}-{end:.0f}",
                "fade", "t", "0.03", "-0", "0.05", "vol", f"{rng.uniform(0.2, 0.5):.2f}"], tmp)


def hello(rng: np.random.Generator, tmp: Path, voices: tuple[str, ...]) -> np.ndarray:
    wave = speak("안녕", str(rng.choice(voices)), int(rng.integers(120, 200)), int(rng.integers(20, 80)), tmp)
    return wave * rng.uniform(0.5, 0.9) / max(1e-6, np.abs(wave).max())


def place(sound: np.ndarray, rng: np.random.Generator, seconds: float = 1.0) -> np.ndarray:
    """The sound at a random moment of a `seconds`-long clip of quiet noise."""
    n = int(seconds * SAMPLE_RATE)
    sound = sound[:n]
    out = rng.normal(0, rng.uniform(0.001, 0.005), n).astype(np.float32)
    at = int(rng.integers(0, n - len(sound) + 1))
    out[at:at + len(sound)] += sound
    return out.clip(-1, 1)


def make(out_dir: Path = EXAMPLE_DIR) -> dict:
    import soundfile as sf

    counts = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for split, n in PER_CLASS.items():
            rng = np.random.default_rng(SEEDS[split])
            for name in CLASSES:
                folder = out_dir / split / name
                folder.mkdir(parents=True, exist_ok=True)
                for i in range(n):
                    sound = {"박수": lambda: clap(rng, tmp), "휘파람": lambda: whistle(rng, tmp),
                             "안녕": lambda: hello(rng, tmp, VOICES[split])}[name]()
                    sf.write(folder / f"{name}_{i:02d}.wav", place(sound, rng), SAMPLE_RATE, subtype="PCM_16")
                counts[f"{split}/{name}"] = n
    return counts


def example_clips(split: str = "train") -> tuple[list[Path], list[int], list[str]]:
    """(paths, targets, labels) of the committed example clips."""
    paths, targets = [], []
    for c, name in enumerate(CLASSES):
        found = sorted((EXAMPLE_DIR / split / name).glob("*.wav"))
        paths += found
        targets += [c] * len(found)
    return paths, targets, list(CLASSES)
