"""The classes a visitor is teaching: named groups of photos, kept between page reruns (no Streamlit here).

Each photo is stored once, shrunk to `STORE_SIDE` (enough for the 224 crop) next to its thumbnail,
already encoded for display by the `thumbnail` function the page gives. The same photo added to a
class twice is kept once; removing photos also drops their cached features.
"""
from __future__ import annotations

import copy
import io
from dataclasses import dataclass, field
from typing import Callable

from PIL import Image

from models.common.images import fit_within
from models.teachable.dataset import check_classes, stratified_split
from models.teachable.features import Embedder, FeatureCache, image_key
from models.teachable.training import EpochLog, History, Settings

STORE_SIDE = 384
MAX_PHOTOS_PER_CLASS = 100  # a session's photos stay bounded (JPEG-kept: ~50 kB each, ~30 MB for 6 full classes)
CHUNK = 8  # photos per feature step: a progress report (and a chance to stop) after each


@dataclass(frozen=True)
class Photo:
    jpeg: bytes  # the photo at most STORE_SIDE on its longer side, kept JPEG-encoded (a tenth of its pixels)
    thumb: bytes  # display-ready (e.g. JPEG), encoded once

    @property
    def image(self) -> Image.Image:
        return Image.open(io.BytesIO(self.jpeg)).convert("RGB")


def _jpeg(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "JPEG", quality=92)
    return buf.getvalue()


@dataclass
class PhotoClass:
    id: int  # never reused: widget keys stay stable when a class is deleted
    name: str
    photos: dict[str, Photo] = field(default_factory=dict)  # image_key → Photo, in the order added


@dataclass
class Classes:
    """The classes in order, with the session's feature cache; `thumbnail` encodes a stored photo once."""

    thumbnail: Callable[[Image.Image], bytes]
    items: list[PhotoClass] = field(default_factory=list)
    cache: FeatureCache = field(default_factory=FeatureCache)
    next_id: int = 1

    def add_class(self, name: str) -> PhotoClass:
        self.items.append(PhotoClass(self.next_id, name))
        self.next_id += 1
        return self.items[-1]

    def find(self, cid: int) -> PhotoClass:
        return next(c for c in self.items if c.id == cid)

    def delete_class(self, cid: int) -> None:
        self.items = [c for c in self.items if c.id != cid]
        self._forget()

    def room(self, cid: int) -> int:
        """How many more photos the class may hold (MAX_PHOTOS_PER_CLASS)."""
        return max(0, MAX_PHOTOS_PER_CLASS - len(self.find(cid).photos))

    def add_photos(self, cid: int, images: list[Image.Image]) -> tuple[int, int]:
        """(added, duplicates): a photo already in the class is not added again; photos beyond the
        class's room are not added either (the page offers only `room` photos)."""
        photos = self.find(cid).photos
        added = 0
        for img in images:
            if len(photos) >= MAX_PHOTOS_PER_CLASS:
                break
            stored = Photo(_jpeg(fit_within(img, STORE_SIDE)), b"")
            key = image_key(stored.image)  # the key FeatureCache files the kept photo's features under
            if key not in photos:
                photos[key] = Photo(stored.jpeg, self.thumbnail(stored.image))
                added += 1
        return added, len(images) - added

    def remove_photo(self, cid: int, key: str) -> None:
        self.find(cid).photos.pop(key, None)
        self._forget()

    def replace(self, named_photos: dict[str, list[Image.Image]]) -> None:
        """Start over with these classes (the ready-made example)."""
        self.items = []
        for name, images in named_photos.items():
            self.add_photos(self.add_class(name).id, images)
        self._forget()

    def _forget(self) -> None:
        self.cache.forget({key for c in self.items for key in c.photos})

    @property
    def labels(self) -> list[str]:
        return [c.name.strip() for c in self.items]

    @property
    def counts(self) -> list[int]:
        return [len(c.photos) for c in self.items]

    def training_set(self) -> tuple[list[Photo], list[int]]:
        """Every photo and its class index, class by class; TeachError unless these classes can be taught."""
        check_classes(self.labels, self.counts)
        photos = [p for c in self.items for p in c.photos.values()]
        return photos, [i for i, c in enumerate(self.items) for _ in c.photos]

    def signature(self) -> tuple:
        """Changes whenever a name or a photo changes: a trained model older than this is stale."""
        return tuple((c.name.strip(), tuple(c.photos)) for c in self.items)


def embed_for_training(cache: FeatureCache, embedder: Embedder, images: list[Image.Image], targets: list[int],
                       settings: Settings, progress: Callable[..., None] = lambda done, total: None) -> int:
    """Fill `cache` with what `pipeline.teach` will read (every photo; augmented copies of the training
    photos when augmentation is on), CHUNK photos at a time (one progress report each); returns the number of photos."""
    train = set(stratified_split(targets, seed=settings.seed)[0].tolist()) if settings.augment else set()
    for start in range(0, len(images), CHUNK):
        chunk = range(start, min(start + CHUNK, len(images)))
        cache.features(embedder, [images[i] for i in chunk])
        if train & set(chunk):
            cache.augmented_features(embedder, [images[i] for i in chunk if i in train], settings.seed)
        progress(chunk.stop, len(images))
    return len(images)


def live_curves(progress: Callable[..., None]) -> Callable[[EpochLog], None]:
    """An `on_epoch` for `pipeline.teach` that reports `progress(epoch, epochs, preview=History so far,
    acc=validation accuracy)`; each preview is a new History, so a watcher sees every change."""
    history = History()

    def on_epoch(log: EpochLog) -> None:
        history.add(log)
        progress(log.epoch, log.epochs, preview=copy.deepcopy(history), acc=log.val_accuracy)

    return on_epoch
