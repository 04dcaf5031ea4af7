"""State and jobs of the teachable-sounds page (kept out of the page so it stays short).

Session keys: `sounds_classes` {name: [wave, …]} (the student's clips, 16 kHz mono), `sounds_result`
(the last trained model with its curves and confusion figures), `sounds_model` (what try-it uses:
trained or imported)."""
from __future__ import annotations

import hashlib

import numpy as np

from ui.i18n import t

MAX_CLIPS_PER_CLASS = 30


def words(lang: str) -> dict:
    return {k: t(f"sounds.fig.{k}", lang=lang) for k in ("wave", "mel", "time", "band")}


def curve_words(lang: str) -> dict:
    from models.teachable.figures import CURVE_WORDS

    return {k: t(f"teach.curves.{k}", lang=lang) for k in CURVE_WORDS}


def example_classes() -> dict[str, list[np.ndarray]]:
    """The ready-made training clips, by class."""
    from models.sound.audio import read_clip
    from models.sound.example import example_clips

    paths, targets, labels = example_clips("train")
    out: dict[str, list[np.ndarray]] = {name: [] for name in labels}
    for path, c in zip(paths, targets):
        out[labels[c]].append(read_clip(path.read_bytes()).wave)
    return out


def example_test() -> list[tuple[str, str, bytes]]:
    """(file name, true class, bytes) of the held-out example clips (never trained on)."""
    from models.sound.example import example_clips

    paths, targets, labels = example_clips("test")
    return [(p.name, labels[c], p.read_bytes()) for p, c in zip(paths, targets)]


def add_clip(classes: dict, name: str, data: bytes, seen: set) -> str | None:
    """Decode and add one clip to a class; returns an AudioError code on failure, 'dup' for a repeat."""
    from models.sound.audio import AudioError, read_clip

    digest = hashlib.sha1(data).hexdigest()
    if (name, digest) in seen:
        return "dup"
    try:
        wave = read_clip(data).wave
    except AudioError as exc:
        return exc.code
    if len(classes.setdefault(name, [])) >= MAX_CLIPS_PER_CLASS:
        return "full"
    classes[name].append(wave)
    seen.add((name, digest))
    return None


def teach_job(classes: dict, epochs: int, progress):
    """Train the CNN on every class's clips, reporting each epoch (history as the live preview)."""
    from models.sound.model import Settings, teach
    from models.teachable.classes import live_curves

    labels = [n for n in classes if classes[n]]
    waves = [w for n in labels for w in classes[n]]
    targets = [i for i, n in enumerate(labels) for _ in classes[n]]

    progress(0, epochs)
    return teach(waves, targets, labels, Settings(epochs=epochs), live_curves(progress))


def predict_job(model, data: bytes) -> np.ndarray:
    from models.sound.audio import read_clip
    from models.sound.model import predict

    return predict(model, [read_clip(data).wave])[0]


def test_accuracy_job(model, labels: list[str]) -> float:
    """Accuracy on the held-out example clips (only when the classes are the example's)."""
    from models.sound.audio import read_clip
    from models.sound.model import predict

    clips = example_test()
    probs = predict(model, [read_clip(b).wave for _, _, b in clips])
    return float(np.mean([labels[int(p.argmax())] == true for p, (_, true, _) in zip(probs, clips)]))


def export_job(model) -> bytes:
    from models.sound.model import to_bytes

    return to_bytes(model)


def import_job(data: bytes):
    from models.sound.model import from_bytes

    return from_bytes(data)
