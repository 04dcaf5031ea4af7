"""The teachable page's kept state without Streamlit: two default classes, an imported file read once (its
failure kept without the upload), try-it answers once per model and photo, figures once per language."""
import io

import numpy as np
from PIL import Image

from models.common.images import LoadedImage
from models.teachable.dataset import TeachError
from ui import teach_state as state


def loaded(seed: int) -> LoadedImage:
    img = Image.fromarray(np.random.default_rng(seed).integers(0, 256, (600, 800, 3), dtype=np.uint8))
    return LoadedImage(f"{seed}.jpg", img, "RGB", "JPEG")


def test_a_new_visitor_gets_two_empty_classes_in_their_language():
    ss = {}
    classes = state.classes(ss, "ko")
    assert classes.labels == ["클래스 1", "클래스 2"] and state.classes(ss, "en") is classes
    state.add_class(classes, "en")
    assert classes.labels[-1] == "Class 3"


def test_thumbnails_are_small_jpegs():
    classes = state.classes({}, "en")
    classes.add_photos(1, [loaded(1).image])
    thumb = next(iter(classes.items[0].photos.values())).thumb
    assert thumb[:2] == b"\xff\xd8" and len(thumb) < 40_000


def test_a_file_is_read_once_and_its_failure_kept_without_its_traceback():
    ss, calls = {}, []

    def bad(data):
        calls.append(data)
        try:
            raise ValueError("inner")
        except ValueError as inner:
            raise TeachError("bad_model_file", "no") from inner

    assert state.import_once(ss, b"junk", bad) is False
    assert state.import_once(ss, b"junk", bad) is False and len(calls) == 1
    error = ss["teach_import_tried"][1]
    assert error.code == "bad_model_file" and error.__traceback__ is None and error.__cause__ is None
    model = object()
    assert state.import_once(ss, b"good", lambda data: model) is True
    assert ss["teach_imported"] is model and ss["teach_active"] == "imported"
    assert ss["teach_import_tried"][1] is None and state.active_model(ss) == (model, True)


def test_try_it_answers_once_per_model_and_photo():
    ss, calls = {}, []

    def predict():
        calls.append(1)
        return np.array([0.3, 0.7])

    first, other = object(), object()
    photo = loaded(3)
    memo = state.prediction(ss, first, photo, predict)
    assert state.prediction(ss, first, photo, predict) is memo and len(calls) == 1
    assert memo["shown"][:2] == b"\xff\xd8" and Image.open(io.BytesIO(memo["shown"])).size == (480, 360)
    state.prediction(ss, other, photo, predict)
    state.prediction(ss, other, loaded(4), predict)
    assert len(calls) == 3
    assert state.prediction(ss, first, photo, lambda: None) is None  # a failed job keeps the last answer
    assert ss["teach_try"]["model"] is other


def test_training_makes_the_trained_model_the_one_in_use():
    class Taught:
        val_idx = [1]

    ss = {"teach_active": "imported", "teach_imported": object(), "teach_try": {"model": None}}
    classes = state.classes(ss, "en")
    classes.add_photos(1, [loaded(5).image, loaded(6).image])
    photos = [p for c in classes.items for p in c.photos.values()]
    taught = Taught()
    state.keep_trained(ss, taught, photos, classes, epochs=7)
    result = ss["teach_result"]
    assert result["val_thumbs"] == [photos[1].thumb] and result["epochs"] == 7
    assert result["signature"] == classes.signature() and "teach_try" not in ss
    assert state.active_model(ss) == (taught, False)


def test_figures_are_built_once_per_language():
    store, built = {"figs": {}}, []
    for lang in ("en", "en", "ko", "en"):
        state.figure(store, "curves", lang, lambda: built.append(lang) or len(built))
    assert built == ["en", "ko"]
