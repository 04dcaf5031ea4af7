"""Pipeline, feature cache and the .keras round trip, with a tiny stand-in backbone (fast)."""
import io
import zipfile

import numpy as np
import pytest
from PIL import Image

from models.teachable.dataset import TeachError
from models.teachable.export import from_bytes, full_model, labels_in, to_bytes
from models.teachable.features import Embedder, FeatureCache
from models.teachable.pipeline import teach
from models.teachable.training import Settings

SIZE = 32


def tiny_crop(img):
    """The stand-in backbone's pixels (0–255), like EfficientNet-Lite's `center_crop`, at 32 px."""
    return np.asarray(img.convert("RGB").resize((SIZE, SIZE)), "float32")


def tiny_preprocess(img):
    """Same convention as EfficientNet-Lite's preprocess ((x − 127)/128)."""
    return (tiny_crop(img) - 127) / 128


@pytest.fixture(scope="module")
def embedder():
    import keras

    keras.utils.set_random_seed(0)
    inputs = keras.Input((SIZE, SIZE, 3))
    x = keras.layers.Conv2D(8, 3, strides=2, activation="relu")(inputs)
    extractor = keras.Model(inputs, keras.layers.GlobalAveragePooling2D()(x))
    return Embedder(extractor, tiny_preprocess)


def _photos(colour, n, seed):
    rng = np.random.default_rng(seed)
    base = np.array(colour, "float32")
    return [Image.fromarray(np.clip(base + rng.normal(0, 25, (40, 48, 3)), 0, 255).astype("uint8"))
            for _ in range(n)]


@pytest.fixture(scope="module")
def taught(embedder):
    images = _photos((220, 40, 40), 6, 1) + _photos((40, 60, 220), 6, 2)
    cache = FeatureCache()
    result = teach(embedder, cache, images, [0] * 6 + [1] * 6, ["빨강", "blue"],
                   Settings(epochs=30, learning_rate=0.05, batch_size=8))
    return result, images, cache


def test_teach_splits_trains_and_evaluates(taught):
    result, images, _ = taught
    assert len(result.val_idx) == 2 and len(result.train_idx) == 10
    assert len(result.history.loss) == 30
    assert result.history.loss[-1] < result.history.loss[0]
    assert result.evaluation.accuracy == 1.0
    assert result.evaluation.confusion.sum() == 2


def test_features_are_computed_once_per_photo(embedder, taught):
    _, images, cache = taught
    assert len(cache.plain) == 12 and len(cache.augmented) == 10  # augmentation: training photos only
    calls = []
    counting = Embedder(embedder.extractor, lambda im: calls.append(1) or tiny_preprocess(im))
    cache.features(counting, images)
    assert calls == []
    cache.features(counting, images + _photos((0, 200, 0), 1, 9))
    assert len(calls) == 1
    cache.forget({next(iter(cache.plain))})
    assert len(cache.plain) == 1 and len(cache.augmented) <= 1


def test_augmented_copies_differ_from_the_photo(embedder):
    img = _photos((200, 100, 50), 1, 4)[0]
    cache = FeatureCache()
    plain = cache.features(embedder, [img])[0]
    copies = cache.augmented_features(embedder, [img])[0]
    assert copies.shape == (3, plain.shape[0])
    assert not np.allclose(copies, plain)


def test_export_round_trip_keeps_labels_and_predictions(embedder, taught):
    result, images, _ = taught
    data = to_bytes(full_model(embedder.extractor, result.head, result.labels))
    assert labels_in(data) == ["빨강", "blue"]
    clf = from_bytes(data)
    assert clf.labels == ["빨강", "blue"]
    batch = np.stack([tiny_crop(im) for im in images[:3]])
    np.testing.assert_allclose(clf.probabilities(batch), result.probabilities(embedder, images[:3]), atol=1e-5)


def test_import_rejects_foreign_and_broken_files(embedder):
    with pytest.raises(TeachError) as err:
        from_bytes(b"not a zip at all")
    assert err.value.code == "bad_model_file"
    foreign = to_bytes(embedder.extractor)
    with pytest.raises(TeachError) as err:
        from_bytes(foreign)
    assert err.value.code == "not_teachable"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("config.json", '{"config": {"layers": [{"class_name": "ClassLabels", "config": {"labels": ["a", "b"]}}]}}')
    with pytest.raises(TeachError) as err:
        from_bytes(buf.getvalue())
    assert err.value.code == "bad_model_file"
