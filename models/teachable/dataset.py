"""Classes of user photos, the checks a teacher needs, and the stratified 80/20 split."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

MIN_CLASSES, MAX_CLASSES = 2, 6
MIN_IMAGES_PER_CLASS = 2
VAL_FRACTION = 0.2


class TeachError(ValueError):
    """A problem the user can fix. `code` keys a translated message (`teach.errors.<code>`)."""

    def __init__(self, code: str, message: str, **fmt):
        self.code = code
        self.fmt = fmt
        super().__init__(message)


def check_classes(names: list[str], counts: list[int]) -> None:
    """Raise TeachError unless there are 2–6 distinct, named classes with ≥ 2 images each."""
    if len(names) < MIN_CLASSES:
        raise TeachError("too_few_classes", f"need at least {MIN_CLASSES} classes, got {len(names)}")
    if len(names) > MAX_CLASSES:
        raise TeachError("too_many_classes", f"at most {MAX_CLASSES} classes, got {len(names)}")
    cleaned = [n.strip() for n in names]
    if any(not n for n in cleaned):
        raise TeachError("empty_name", "every class needs a name")
    if len(set(cleaned)) != len(cleaned):
        dup = next(n for n in cleaned if cleaned.count(n) > 1)
        raise TeachError("duplicate_name", f"two classes are both called '{dup}'", name=dup)
    for name, count in zip(cleaned, counts):
        if count < MIN_IMAGES_PER_CLASS:
            raise TeachError(
                "too_few_images",
                f"class '{name}' has {count} image(s); it needs at least {MIN_IMAGES_PER_CLASS}",
                name=name, count=count, need=MIN_IMAGES_PER_CLASS,
            )


def stratified_split(labels, val_fraction: float = VAL_FRACTION, seed: int = 0):
    """Indices (train, val): ~`val_fraction` of each class held out, at least one per class in
    both parts, so every class is both learned and checked."""
    labels = np.asarray(labels)
    rng = np.random.default_rng(seed)
    train, val = [], []
    for c in np.unique(labels):
        idx = rng.permutation(np.flatnonzero(labels == c))
        if len(idx) < MIN_IMAGES_PER_CLASS:
            raise TeachError("too_few_images", f"class {c} has {len(idx)} image(s)", name=str(c),
                             count=len(idx), need=MIN_IMAGES_PER_CLASS)
        n_val = min(max(1, round(len(idx) * val_fraction)), len(idx) - 1)
        val.extend(idx[:n_val])
        train.extend(idx[n_val:])
    return np.sort(np.array(train)), np.sort(np.array(val))


@dataclass
class FolderDataset:
    labels: list[str]  # class names, sorted
    paths: list[Path]
    targets: list[int]  # index into labels, one per path


IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif"}


def scan_folder(root: str | Path) -> FolderDataset:
    """DATA_DIR with one sub-folder per class (the folder name is the label)."""
    root = Path(root)
    if not root.is_dir():
        raise TeachError("missing_dir", f"'{root}' is not a folder")
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    labels, paths, targets = [], [], []
    for folder in folders:
        files = sorted(f for f in folder.iterdir() if f.suffix.lower() in IMAGE_SUFFIXES)
        labels.append(folder.name)
        paths += files
        targets += [len(labels) - 1] * len(files)
    check_classes(labels, [targets.count(i) for i in range(len(labels))])
    return FolderDataset(labels, paths, targets)
