"""The playground's Keras model, its compiled training loop, the NumPy read-out and the shown code."""
from dataclasses import replace

import numpy as np
import pytest

from models.neurons import datasets as D
from models.neurons import playground as PG


def test_settings_reject_what_the_page_cannot_offer():
    for bad in (dict(layers=(9,)), dict(layers=(2,) * 7), dict(features=()), dict(features=("x3",)),
                dict(activation="softmax"), dict(noise=0.7), dict(train_ratio=1.0), dict(batch_size=0),
                dict(regularization="l3"), dict(features=("x1", "x1"))):
        with pytest.raises(ValueError):
            replace(PG.Settings(), **bad)


def test_model_shape_follows_the_settings():
    s = PG.Settings(features=("x1", "x2", "x1^2"), layers=(5, 3), activation="relu", regularization="l2", reg_rate=0.01)
    model = PG.build_model(s)
    dense = [layer for layer in model.layers]
    assert [d.units for d in dense] == [5, 3, 1]
    assert [d.activation.__name__ for d in dense] == ["relu", "relu", "sigmoid"]
    assert model.count_params() == (3 * 5 + 5) + (5 * 3 + 3) + (3 + 1)
    assert len(model.losses) == 3  # one L2 penalty per layer


def test_numpy_forward_matches_keras():
    s = PG.Settings(features=D.FEATURES, layers=(4, 4), activation="sigmoid")
    model = PG.build_model(s)
    x = np.random.default_rng(0).uniform(-6, 6, (50, 2))
    ours = PG.forward([np.asarray(w) for w in model.get_weights()], s, x)[-1]
    theirs = np.asarray(model(D.feature_map(x, s.features)))
    assert np.allclose(ours, theirs, atol=1e-5)


@pytest.mark.parametrize("s", [PG.PRESETS["playground"], replace(PG.PRESETS["spiral"], layers=(3, 2)),
                               PG.Settings(layers=(), regularization="l1", reg_rate=0.001, optimizer="sgd")])
def test_shown_code_builds_the_same_network(s):
    """`keras_code` runs as printed (one epoch here) and yields the page's architecture."""
    data = PG.data_for(s)
    scope = {"x_train": data.x_train, "y_train": data.y_train, "x_test": data.x_test, "y_test": data.y_test}
    exec(PG.keras_code(s, epochs=1).replace("validation_data=", "verbose=0, validation_data="), scope)
    shown, ours = scope["model"], PG.build_model(s)
    assert [(layer.units, layer.activation.__name__) for layer in shown.layers] == \
           [(layer.units, layer.activation.__name__) for layer in ours.layers]
    assert shown.count_params() == ours.count_params()
    assert type(shown.optimizer).__name__ == type(ours.optimizer).__name__
    assert len(shown.losses) == len(ours.losses)


def test_feature_engineering_solves_the_circle_without_hidden_layers():
    trainer = PG.train_until(PG.PRESETS["circle_features"], 40)
    assert trainer.epoch == 40 and trainer.history[-1]["test_acc"] >= 0.98
    assert trainer.history[-1]["train_loss"] < trainer.history[0]["train_loss"]


def test_train_for_is_bounded_and_snapshot_has_every_neuron():
    trainer = PG.Trainer(replace(PG.PRESETS["playground"], layers=(3, 2)))
    first = trainer.train_for(0.05)
    assert first == 1  # the first call only traces and trains one epoch
    assert 1 <= trainer.train_for(0.05, max_chunk=7) <= 7
    snap = trainer.snapshot()
    assert snap.surface.shape == (PG.SURFACE_RES, PG.SURFACE_RES) and 0 <= snap.surface.min() <= snap.surface.max() <= 1
    assert [n.shape[-1] for n in snap.neurons] == [2, 3, 2, 1]
    assert [k.shape for k in snap.weights] == [(2, 3), (3, 2), (2, 1)]
    assert snap.epoch == trainer.epoch == trainer.history[-1]["epoch"]


def test_training_stops_at_the_cap(monkeypatch):
    monkeypatch.setattr(PG, "MAX_EPOCHS", 3)
    trainer = PG.Trainer(replace(PG.PRESETS["playground"], layers=(2,)))
    trainer.train(10)
    assert trainer.epoch == 3 and trainer.done and trainer.train_for(1.0) == 0


def _history(test, train):
    return [{"epoch": 10 * i, "test_loss": a, "train_loss": b} for i, (a, b) in enumerate(zip(test, train))]


def test_overfitting_is_detected_only_when_test_rises_while_train_falls():
    assert PG.overfitting(_history([0.6, 0.4, 0.3, 0.31, 0.32], [0.6, 0.4, 0.3, 0.2, 0.1])) is None  # small rise
    found = PG.overfitting(_history([0.6, 0.4, 0.3, 0.35, 0.45], [0.6, 0.4, 0.3, 0.2, 0.1]))
    assert found and found["best_epoch"] == 20 and found["test_loss"] == 0.45
    assert PG.overfitting(_history([0.6, 0.4, 0.3, 0.35, 0.45], [0.6, 0.4, 0.3, 0.4, 0.5])) is None  # both rise
    assert PG.overfitting(_history([0.6, 0.3, 0.5], [0.6, 0.3, 0.2])) is None  # too soon after the minimum


def test_network_picture_draws_every_layer():
    from models.neurons.figures import network_picture

    trainer = PG.Trainer(replace(PG.PRESETS["playground"], layers=(3,)))
    snap = trainer.snapshot()
    img = network_picture(snap.neurons, snap.weights, ["x₁", "x₂"])
    assert img.mode == "RGB" and img.width > 200 and img.height > 100
    assert len(np.unique(np.asarray(img).reshape(-1, 3), axis=0)) > 20
