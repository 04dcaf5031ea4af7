"""The teachable page's classes without Streamlit: photos kept once (thumbnail encoded once), the keys the
feature cache files features under, never-reused ids, the training set's checks and order, the feature
step that leaves `teach` nothing to read again, and the live curves reported each epoch."""
import numpy as np
import pytest
from PIL import Image

from models.teachable.classes import STORE_SIDE, Classes, embed_for_training, live_curves
from models.teachable.dataset import TeachError, stratified_split
from models.teachable.pipeline import training_set
from models.teachable.training import EpochLog, Settings


class CountingEmbedder:
    """A stand-in backbone: 3 features per photo (its mean colour), counting every photo it reads."""

    dim = 3

    def __init__(self):
        self.read = 0

    def arrays(self, images):
        return np.stack([np.asarray(im.convert("RGB").resize((16, 16)), "float32") / 127.5 - 1 for im in images])

    def embed(self, batch):
        self.read += len(batch)
        return batch.mean(axis=(1, 2))

    def embed_images(self, images):
        return self.embed(self.arrays(images))


def photo(seed: int, size=(64, 48)) -> Image.Image:
    return Image.fromarray(np.random.default_rng(seed).integers(0, 256, (size[1], size[0], 3), dtype=np.uint8))


def new_classes(n=2):
    encoded = []
    classes = Classes(lambda img: encoded.append(img.size) or b"jpeg")
    for i in range(n):
        classes.add_class(f"class {i + 1}")
    return classes, encoded


def test_the_same_photo_is_kept_once_and_its_thumbnail_encoded_once():
    classes, encoded = new_classes()
    a, b = photo(1), photo(2)
    assert classes.add_photos(1, [a, a.copy(), b]) == (2, 1)
    assert classes.add_photos(1, [a]) == (0, 1)
    assert classes.add_photos(2, [a]) == (1, 0)  # another class may hold it too
    assert len(encoded) == 3 and classes.counts == [2, 1]
    assert all(p.thumb == b"jpeg" for p in classes.items[0].photos.values())


def test_big_photos_are_stored_small_under_the_key_the_feature_cache_uses():
    classes, _ = new_classes()
    big = [photo(i, (1200, 900)) for i in range(3)]
    classes.add_photos(1, big)
    stored = list(classes.items[0].photos.values())
    assert all(max(p.image.size) == STORE_SIDE for p in stored)
    embedder = CountingEmbedder()
    classes.cache.features(embedder, [p.image for p in stored])
    assert set(classes.cache.plain) == set(classes.items[0].photos)
    gone = next(iter(classes.items[0].photos))
    classes.remove_photo(1, gone)
    assert set(classes.cache.plain) == set(classes.items[0].photos) and gone not in classes.cache.plain
    classes.cache.features(embedder, [p.image for p in classes.items[0].photos.values()])
    assert embedder.read == 3  # the two photos left were not read again


def test_ids_are_never_reused_and_deleting_a_class_drops_its_features():
    classes, _ = new_classes(3)
    classes.add_photos(2, [photo(5)])
    classes.cache.features(CountingEmbedder(), [p.image for p in classes.items[1].photos.values()])
    classes.delete_class(2)
    assert [c.id for c in classes.items] == [1, 3] and not classes.cache.plain
    assert classes.add_class("again").id == 4
    with pytest.raises(StopIteration):
        classes.find(2)


def test_replace_starts_over_with_named_classes():
    classes, _ = new_classes()
    classes.add_photos(1, [photo(1)])
    classes.replace({"cat": [photo(7), photo(8)], "coffee": [photo(9)]})
    assert classes.labels == ["cat", "coffee"] and classes.counts == [2, 1]
    assert [c.id for c in classes.items] == [3, 4]


def test_training_set_checks_the_classes_and_lists_photos_class_by_class():
    classes, _ = new_classes()
    classes.add_photos(1, [photo(1), photo(2)])
    with pytest.raises(TeachError) as err:
        classes.training_set()
    assert err.value.code == "too_few_images" and err.value.fmt["name"] == "class 2"
    classes.add_photos(2, [photo(3), photo(4), photo(5)])
    classes.items[0].name = "  cat "
    photos, targets = classes.training_set()
    assert targets == [0, 0, 1, 1, 1] and classes.labels == ["cat", "class 2"]
    assert photos == [*classes.items[0].photos.values(), *classes.items[1].photos.values()]


def test_signature_changes_with_names_and_photos_only():
    classes, _ = new_classes()
    before = classes.signature()
    classes.items[0].name = "class 1 "
    assert classes.signature() == before  # surrounding spaces are not a new name
    classes.items[0].name = "dog"
    renamed = classes.signature()
    assert renamed != before
    classes.add_photos(2, [photo(1)])
    assert classes.signature() != renamed


@pytest.mark.parametrize("augment", [True, False])
def test_feature_step_leaves_teach_nothing_to_read(augment):
    images = [photo(i) for i in range(20)]
    targets = [0] * 12 + [1] * 8
    settings = Settings(augment=augment)
    from models.teachable.features import FeatureCache

    cache, embedder, reports = FeatureCache(), CountingEmbedder(), []
    assert embed_for_training(cache, embedder, images, targets, settings, lambda d, t: reports.append((d, t))) == 20
    assert reports == [(8, 20), (16, 20), (20, 20)]
    train_idx, val_idx = stratified_split(targets, seed=settings.seed)
    assert len(cache.plain) == 20 and len(cache.augmented) == (len(train_idx) if augment else 0)
    read = embedder.read
    x, y = training_set(cache, embedder, images, targets, train_idx, settings)  # what teach reads first
    cache.features(embedder, [images[i] for i in val_idx])
    assert embedder.read == read and len(x) == len(train_idx) * (4 if augment else 1)


def test_live_curves_report_a_new_history_every_epoch():
    reports = []
    on_epoch = live_curves(lambda done, total, preview=None, **info: reports.append((done, total, preview, info)))
    for epoch in (1, 2, 3):
        on_epoch(EpochLog(epoch, 3, 1.0 / epoch, 0.5, 1.1 / epoch, 0.25 * epoch))
    assert [(d, t, r["acc"]) for d, t, _, r in reports] == [(1, 3, 0.25), (2, 3, 0.5), (3, 3, 0.75)]
    previews = [p for _, _, p, _ in reports]
    assert [len(p.loss) for p in previews] == [1, 2, 3]  # each a snapshot, so a watcher redraws
    assert previews[0] is not previews[1] and previews[2].val_accuracy == [0.25, 0.5, 0.75]


def test_a_class_holds_a_bounded_number_of_photos_kept_small():
    from models.teachable.classes import MAX_PHOTOS_PER_CLASS

    classes, _ = new_classes()
    assert classes.room(1) == MAX_PHOTOS_PER_CLASS
    added, _ = classes.add_photos(1, [photo(i, (64, 48)) for i in range(MAX_PHOTOS_PER_CLASS + 5)])
    assert added == MAX_PHOTOS_PER_CLASS and classes.room(1) == 0
    kept = next(iter(classes.items[0].photos.values()))
    assert kept.jpeg[:2] == b"\xff\xd8" and kept.image.size == (64, 48)
