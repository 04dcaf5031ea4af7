"""The teachable page's ready-made example: distinct Fashion-MNIST training photos per class, held-out
try-it photos from the test file that are none of them, the same photos every time."""
import hashlib
import io

import numpy as np
import pytest
from PIL import Image

from models.common import examples
from models.gan.data import FASHION_DIR
from models.teachable import samples

needs_data = pytest.mark.skipif(not (FASHION_DIR / "train-images-idx3-ubyte.gz").is_file(),
                                reason="apt-get install dataset-fashion-mnist")


def _digests(images) -> set[str]:
    return {hashlib.sha1(np.asarray(im).tobytes()).hexdigest() for im in images}


@pytest.fixture(scope="module")
def photos():
    return samples.sample_classes()


@needs_data
def test_three_classes_of_distinct_photos(photos):
    assert list(photos) == ["sneaker", "sandal", "boot"]
    for name, images in photos.items():
        assert len(images) == samples.PER_CLASS == 30
        assert all(im.mode == "RGB" and im.size == (samples.FRAME, samples.FRAME) for im in images)
        assert len(_digests(images)) == len(images), f"two identical {name} photos"
    assert len(_digests(im for images in photos.values() for im in images)) == 90  # none shared between classes


@needs_data
def test_training_photos_come_from_the_train_file_and_try_it_photos_from_test():
    from models.gan.data import load_fashion

    train, test = load_fashion()
    trained = samples.training_arrays()
    tried = samples.held_out_arrays()
    assert _digests(x for xs in trained.values() for x in xs) <= _digests(train.x)
    assert _digests(x for xs in tried.values() for x in xs) <= _digests(test.x)
    assert not _digests(x for xs in tried.values() for x in xs) & _digests(train.x)  # not even elsewhere in train


@needs_data
def test_try_it_photos_are_not_training_photos(photos):
    trained = _digests(im for images in photos.values() for im in images)
    for key in examples.FASHION_NAMES:
        image = samples.held_out(key.removeprefix("fashion_"))
        assert _digests([image]).isdisjoint(trained)
    arrays = samples.training_arrays()
    for name, held in samples.held_out_arrays(n=5).items():  # the first five per class, not only the one shown
        assert not any(np.array_equal(h, x) for h in held for xs in arrays.values() for x in xs), name


@needs_data
def test_the_same_photos_every_time(photos):
    again = samples.sample_classes()
    assert all(_digests(photos[name]) == _digests(again[name]) for name in photos)
    other = samples.sample_classes(seed=1)
    assert _digests(photos["sneaker"]) != _digests(other["sneaker"])
    assert _digests([samples.held_out("sandal")]) == _digests([samples.held_out("sandal")])


def test_photo_is_the_item_dark_on_white_framed_for_the_centre_crop():
    item = np.zeros((28, 28), np.uint8)
    item[4:24, 4:24] = 255  # cloth
    photo = np.asarray(samples.to_photo(item))
    assert photo.shape == (256, 256, 3)
    assert photo[0, 0].tolist() == [255, 255, 255]  # background (0 in the data set) is white
    assert photo[128, 128].tolist() == [0, 0, 0]  # the item is dark
    margin = (samples.FRAME - samples.SIDE) // 2
    assert (photo[:margin] == 255).all() and (photo[-margin:] == 255).all()


@needs_data
def test_unknown_class_is_refused():
    with pytest.raises(ValueError, match="unknown Fashion-MNIST class"):
        samples.training_arrays(("cat",))


def test_crop_sets_for_the_tests_still_work():
    crops = samples.crop_classes(("cat", "coffee"), 3, 5)
    assert list(crops) == ["cat", "coffee"] and all(len(v) == 3 for v in crops.values())


@needs_data
def test_fashion_examples_are_registered_and_decode():
    keys = examples.FASHION_NAMES
    assert [ex.key for ex in examples.available(list(keys))] == list(keys)
    image = Image.open(io.BytesIO(examples.get_example("fashion_boot").jpeg_bytes()))
    assert image.format == "JPEG" and image.size == (samples.FRAME, samples.FRAME)


def test_fashion_examples_unavailable_without_the_data_set(monkeypatch, tmp_path):
    import models.gan.data

    monkeypatch.setattr(models.gan.data, "FASHION_DIR", tmp_path)
    assert not examples.get_example("fashion_sneaker").available()
    assert [ex.key for ex in examples.available(["fashion_sneaker", "chelsea"])] == ["chelsea"]


def test_try_it_panel_starts_with_the_held_out_photos():
    from ui import teach_state
    from ui.i18n import t

    assert teach_state.EXAMPLES[:3] == examples.FASHION_NAMES
    assert set(teach_state.PHOTO_EXAMPLES) <= set(teach_state.EXAMPLES)
    assert not set(examples.FASHION_NAMES) & set(teach_state.PHOTO_EXAMPLES)  # class cards can't add them
    assert teach_state.SAMPLE == samples.CLASSES
    for lang, names in (("ko", ["운동화", "샌들", "앵클부츠"]), ("en", ["sneaker", "sandal", "ankle boot"])):
        assert [t(f"teach.classes.sample_{n}", lang=lang) for n in teach_state.SAMPLE] == names
        for key in teach_state.EXAMPLES:
            assert t(f"common.example.{key}", lang=lang) != f"common.example.{key}"
