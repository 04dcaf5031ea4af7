"""Pipeline, feature cache and the .keras round trip, with a tiny stand-in backbone (fast)."""
import io
import json
import struct
import zipfile

import h5py

import numpy as np
import pytest
from PIL import Image

from models.teachable.dataset import TeachError
from models.teachable import safe_import
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
    clf = from_bytes(data, embedder)
    assert clf.labels == ["빨강", "blue"]
    batch = np.stack([tiny_crop(im) for im in images[:3]])
    np.testing.assert_allclose(clf.probabilities(batch), result.probabilities(embedder, images[:3]), atol=1e-5)


def test_import_rejects_foreign_and_broken_files(embedder):
    with pytest.raises(TeachError) as err:
        from_bytes(b"not a zip at all", embedder)
    assert err.value.code == "bad_model_file"
    foreign = to_bytes(embedder.extractor)
    with pytest.raises(TeachError) as err:
        from_bytes(foreign, embedder)
    assert err.value.code == "not_teachable"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("config.json", '{"config": {"layers": [{"class_name": "ClassLabels", "config": {"labels": ["a", "b"]}}]}}')
    with pytest.raises(TeachError) as err:
        from_bytes(buf.getvalue(), embedder)
    assert err.value.code == "bad_model_file"


# ---------- importing never deserialises: hostile, oversized and tampered files ----------

@pytest.fixture(scope="module")
def export(embedder, taught):
    result, _, _ = taught
    return to_bytes(full_model(embedder.extractor, result.head, result.labels))


def _members(data):
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _zip(members, compression=zipfile.ZIP_STORED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, raw in members.items():
            zf.writestr(name, raw)
    return buf.getvalue()


def _with_config(data, edit):
    members = _members(data)
    config = json.loads(members["config.json"])
    edit(config)
    return _zip({**members, "config.json": json.dumps(config)})


def _with_weights(data, edit):
    members = _members(data)
    buf = io.BytesIO(members["model.weights.h5"])
    with h5py.File(buf, "r+") as f:
        edit(f["layers/functional_1/layers/dense/vars"])
    return _zip({**members, "model.weights.h5": buf.getvalue()})


def _layer(config, name):
    return next(layer for layer in config["config"]["layers"] if layer["name"] == name)


MODEL_CONFIGS = {"Functional", "Sequential", "Model", "Lambda", "__lambda__", "function", "ClassLabels",
                 "InputLayer", "Rescaling", "Dense", "Dropout", "Conv2D", "system"}


@pytest.fixture
def no_keras_loading(monkeypatch):
    """Any attempt to turn the file (its model config or its weights file) into Keras objects fails the
    test. Keras' own lookups of initializers by name ("glorot_uniform") while building a layer still pass."""
    import keras
    from keras.src.saving import saving_lib, serialization_lib

    def refuse(*args, **kwargs):
        raise AssertionError("the uploaded file was deserialised")

    real = serialization_lib.deserialize_keras_object

    def guarded(config, *args, **kwargs):
        if isinstance(config, dict) and config.get("class_name") in MODEL_CONFIGS:
            refuse()
        return real(config, *args, **kwargs)

    monkeypatch.setattr(serialization_lib, "deserialize_keras_object", guarded)
    monkeypatch.setattr(saving_lib, "deserialize_keras_object", guarded)
    for owner, name in [(keras.saving, "load_model"), (keras.saving, "deserialize_keras_object"),
                        (keras.models, "load_model"), (keras.models, "model_from_json"),
                        (saving_lib, "load_model"), (saving_lib, "load_weights_only"),
                        (keras.Model, "from_config"), (keras.Model, "load_weights")]:
        monkeypatch.setattr(owner, name, refuse)


def test_round_trip_is_rebuilt_without_deserialising(embedder, taught, export, no_keras_loading):
    result, images, _ = taught
    clf = from_bytes(export, embedder)
    assert clf.labels == result.labels
    assert clf.model.get_layer("head") is not result.head  # a fresh head holding the file's two arrays
    batch = np.stack([tiny_crop(im) for im in images])
    trained = full_model(embedder.extractor, result.head, result.labels)
    np.testing.assert_array_equal(clf.probabilities(batch), np.asarray(trained(batch, training=False)))


def test_backbone_weights_in_the_file_are_ignored(embedder, taught, export):
    members = _members(export)
    buf = io.BytesIO(members["model.weights.h5"])
    with h5py.File(buf, "r+") as f:
        f["layers/functional/layers/conv2d/vars/0"][...] = 1e6  # a hostile "backbone"
    clf = from_bytes(_zip({**members, "model.weights.h5": buf.getvalue()}), embedder)
    _, images, _ = taught
    batch = np.stack([tiny_crop(im) for im in images[:3]])
    np.testing.assert_allclose(clf.probabilities(batch), from_bytes(export, embedder).probabilities(batch))


def _lambda_layer(config):
    layer = _layer(config, "to_minus1_1")
    layer.update(class_name="Lambda", module="keras.layers", registered_name=None)
    layer["config"]["function"] = {"class_name": "__lambda__", "config": {
        "code": "<marshalled Python bytecode>",
        "defaults": None, "closure": None}}


def _arbitrary_class(config):
    layer = _layer(config, "class_labels")
    config["config"]["layers"].append({**layer, "module": "os", "class_name": "system", "registered_name": "system",
                                       "name": "evil", "config": {"command": "rm -rf ~"}})


def _pickled_function(config):
    _layer(config, "to_minus1_1")["config"]["scale"] = {
        "module": "builtins", "class_name": "function", "config": "eval", "registered_name": "function"}


@pytest.mark.parametrize("edit", [_lambda_layer, _arbitrary_class, _pickled_function])
def test_hostile_config_is_refused_without_deserialising(embedder, export, no_keras_loading, edit):
    with pytest.raises(TeachError) as err:
        from_bytes(_with_config(export, edit), embedder)
    assert err.value.code == "not_teachable"


@pytest.mark.parametrize("edit, code", [
    (lambda c: _layer(c, "class_labels")["config"].update(format="teachable-classifier/9"), "not_teachable"),
    (lambda c: _layer(c, "class_labels").update(registered_name="other>ClassLabels"), "not_teachable"),
    (lambda c: _layer(c, "head")["config"]["layers"][2]["config"].update(units=3), "not_teachable"),
    (lambda c: _layer(c, "head")["config"]["layers"][2]["config"].update(activation="linear"), "not_teachable"),
    (lambda c: _layer(c, "class_labels")["config"].update(labels=["only one"]), "bad_labels"),
    (lambda c: _layer(c, "class_labels")["config"].update(labels=[str(i) for i in range(7)]), "bad_labels"),
    (lambda c: _layer(c, "class_labels")["config"].update(labels=["a", " "]), "bad_labels"),
    (lambda c: _layer(c, "class_labels")["config"].update(labels=["a", "a"]), "bad_labels"),
    (lambda c: _layer(c, "class_labels")["config"].update(labels=["a", "b" * 256]), "bad_labels"),
    (lambda c: _layer(c, "class_labels")["config"].update(labels=["a", 2]), "bad_labels"),
    (lambda c: _layer(c, "class_labels")["config"].update(labels="ab"), "bad_labels"),
])
def test_config_must_be_our_layout(embedder, export, edit, code):
    with pytest.raises(TeachError) as err:
        from_bytes(_with_config(export, edit), embedder)
    assert err.value.code == code


def test_oversized_file_is_refused_before_reading(embedder, export, monkeypatch):
    def no_unzip(*args, **kwargs):
        raise AssertionError("an oversized file was opened")

    monkeypatch.setattr(zipfile, "ZipFile", no_unzip)
    with pytest.raises(TeachError) as err:
        from_bytes(b"PK" + bytes(safe_import.MAX_MODEL_BYTES), embedder)
    assert err.value.code == "too_big"
    assert err.value.fmt == {"limit_mb": safe_import.MAX_MODEL_BYTES // 2**20}
    monkeypatch.setattr(safe_import, "MAX_MODEL_BYTES", len(export) - 1)
    with pytest.raises(TeachError) as err:
        from_bytes(export, embedder)
    assert err.value.code == "too_big"


def test_zip_bomb_is_refused_from_its_declared_sizes(embedder, export, monkeypatch):
    bomb = _zip({**_members(export), "model.weights.h5": bytes(safe_import.MAX_MODEL_BYTES + 1)}, zipfile.ZIP_DEFLATED)
    assert len(bomb) < 1_000_000
    read = []
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: read.append(a) or 1 / 0)
    with pytest.raises(TeachError) as err:
        from_bytes(bomb, embedder)
    assert err.value.code == "too_big" and read == []


def _lie_about_size(data, name, size):
    """Rewrite `name`'s uncompressed size in the zip's central directory (what zipfile trusts)."""
    data = bytearray(data)
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        n = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + n] == name.encode():
            struct.pack_into("<I", data, at + 24, size)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def test_member_lying_about_its_size_is_read_only_that_far(embedder, export):
    members = _members(export)
    members["config.json"] += b" " * 5_000_000  # still valid JSON, 5 MB once unpacked
    packed = _zip(members, zipfile.ZIP_DEFLATED)
    with pytest.raises(TeachError) as err:
        from_bytes(packed, embedder)
    assert err.value.code == "too_big"
    with pytest.raises(TeachError) as err:
        from_bytes(_lie_about_size(packed, "config.json", 1000), embedder)
    assert err.value.code == "bad_model_file"  # stops at 1000 bytes: bad CRC


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize("extra", [{"assets/evil.py": b"import os"}, {"config.json": b"{}"}])
def test_unexpected_members_are_refused(embedder, export, extra):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, raw in [*_members(export).items(), *extra.items()]:
            zf.writestr(name, raw)
    with pytest.raises(TeachError) as err:
        from_bytes(buf.getvalue(), embedder)
    assert err.value.code == "bad_model_file"


def _replace(name, values):
    def edit(variables):
        del variables[name]
        variables[name] = values
    return edit


@pytest.mark.parametrize("edit", [
    _replace("0", np.zeros((9, 2), "float32")),  # feature_dim 9, the backbone gives 8
    _replace("0", np.zeros((8, 3), "float32")),  # 3 outputs for 2 labels
    _replace("1", np.zeros((2, 1), "float32")),
    _replace("0", np.full((8, 2), np.nan, "float32")),
    _replace("1", np.array([np.inf, 0], "float32")),
    _replace("0", np.zeros((8, 2), "int32")),
    _replace("1", np.array([b"a", b"b"], dtype=h5py.string_dtype())),
    _replace("1", np.array([np.zeros(1), np.zeros(2)], dtype=h5py.vlen_dtype("float32"))),
    lambda v: v.create_dataset("2", data=np.zeros(2, "float32")),
    lambda v: v.attrs.__setitem__("name", "not_probabilities"),  # the Dense layer is found by its saved name
])
def test_head_weights_are_checked(embedder, export, edit):
    with pytest.raises(TeachError) as err:
        from_bytes(_with_weights(export, edit), embedder)
    assert err.value.code == "bad_weights"


def test_head_stored_outside_the_file_is_refused(embedder, export, tmp_path):
    outside = tmp_path / "secret.bin"
    outside.write_bytes(np.ones(16, "float32").tobytes())

    def external(variables):
        del variables["0"]
        variables.create_dataset("0", (8, 2), "float32", external=[(str(outside), 0, 64)])

    def linked(variables):
        del variables["0"]
        variables["0"] = h5py.ExternalLink(str(outside), "/x")

    for edit in (external, linked):
        with pytest.raises(TeachError) as err:
            from_bytes(_with_weights(export, edit), embedder)
        assert err.value.code == "bad_weights"


def test_a_real_keras_file_of_another_model_is_not_teachable(embedder):
    import keras

    inputs = keras.Input((4,))
    other = keras.Model(inputs, keras.layers.Dense(2, activation="softmax", name="probabilities")(inputs))
    with pytest.raises(TeachError) as err:
        from_bytes(to_bytes(other), embedder)
    assert err.value.code == "not_teachable"
