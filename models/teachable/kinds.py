"""`--kind pose` and `--kind sound` for the teachable CLI: DATA_DIR/<class>/ holds photos of people
(pose) or audio clips (sound); the result is one `.keras` file with the labels inside."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from models.common.cli import UserError, read_image
from models.teachable.dataset import IMAGE_SUFFIXES, TeachError

AUDIO_SUFFIXES = {".wav", ".ogg", ".mp3", ".flac"}


def scan(root, suffixes) -> tuple[list[str], list[Path], list[int]]:
    root = Path(root)
    if not root.is_dir():
        raise TeachError("missing_dir", f"'{root}' is not a folder")
    labels, paths, targets = [], [], []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        files = sorted(f for f in folder.iterdir() if f.suffix.lower() in suffixes)
        labels.append(folder.name)
        paths += files
        targets += [len(labels) - 1] * len(files)
    return labels, paths, targets


def pose_features(path) -> np.ndarray:
    from models.pose.__main__ import landmarks_of
    from models.pose.features import normalise

    lm = landmarks_of(path)["landmarks"]
    return normalise(np.array([[p["x"], p["y"]] for p in lm]))


def sound_wave(path) -> np.ndarray:
    from models.sound.__main__ import read_audio_file

    return read_audio_file(path)


def summary(taught, out: str) -> dict:
    ev = taught.evaluation
    return {
        "model": out, "labels": taught.labels, "train_examples": len(taught.train_idx),
        "val_examples": len(taught.val_idx), "val_accuracy": ev.accuracy,
        "per_class": {name: {"val_accuracy": acc, "val_examples": int(ev.confusion[i].sum())}
                      for i, (name, acc) in enumerate(zip(taught.labels, ev.per_class_accuracy))},
        "confusion": ev.confusion.tolist(),
        "final_epoch": {k: getattr(taught.history, k)[-1] for k in ("loss", "accuracy", "val_loss", "val_accuracy")},
        "overfitting": taught.overfitting, "seconds": taught.seconds,
    }


def train(kind: str, data_dir, out: str, epochs: int | None, seed: int, augment: bool) -> dict:
    if kind == "pose":
        from models.pose.features import Settings, teach, to_bytes
        labels, paths, targets = scan(data_dir, IMAGE_SUFFIXES)
        x = np.stack([pose_features(p) for p in paths]) if paths else np.zeros((0, 66))
    else:
        from models.sound.model import Settings, teach, to_bytes
        labels, paths, targets = scan(data_dir, AUDIO_SUFFIXES)
        x = [sound_wave(p) for p in paths]
    settings = Settings(seed=seed, augment=augment, **({"epochs": epochs} if epochs else {}))
    taught = teach(x, targets, labels, settings)
    Path(out).write_bytes(to_bytes(taught.model))
    return summary(taught, out)


def predict(kind: str, model_path, item) -> dict:
    from models.teachable.small_export import ImportError_

    path = Path(model_path)
    if not path.is_file():
        raise UserError(f"model file '{path}' does not exist")
    try:
        if kind == "pose":
            from models.pose.features import from_bytes
            model, labels = from_bytes(path.read_bytes())
            x = pose_features(item)[None]
        else:
            from models.sound.audio import features
            from models.sound.model import from_bytes
            read_image  # noqa: B018 - photos are read by pose_features
            model, labels = from_bytes(path.read_bytes())
            x = features(sound_wave(item))[None, ..., None]
    except ImportError_ as exc:
        raise UserError(f"cannot use '{path}': {exc}") from None
    probs = np.asarray(model(x, training=False))[0]
    ranked = sorted(zip(labels, probs.tolist()), key=lambda kv: -kv[1])
    return {"input": str(item), "prediction": ranked[0][0], "probabilities": dict(ranked)}
