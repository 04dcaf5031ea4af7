"""The lecture's 784-200-10 network, the CNN, augmentation, the committed weights and the digits CLI."""
import json
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image, ImageDraw

from models.digits.data import Split
from models.digits.evaluate import confusion, measure, worst
from ui.registry import ROOT


@pytest.fixture(scope="module")
def models():
    from models.digits.predict import load_models

    return load_models()


def drawn(strokes, width=18, size=280) -> Image.Image:
    img = Image.new("RGB", (size, size), "white")
    pen = ImageDraw.Draw(img)
    for points in strokes:
        pen.line(points, fill="black", width=width, joint="curve")
    return img


ONE = [[(150, 40), (140, 240)]]
SEVEN = [[(60, 50), (210, 50), (110, 250)]]


def test_the_lecture_network_exactly():
    from models.digits.networks import build_mlp

    mlp = build_mlp()
    assert mlp.count_params() == (784 + 1) * 200 + (200 + 1) * 10 == 159_010
    assert mlp.get_layer("hidden").activation.__name__ == "sigmoid"
    assert mlp.get_layer("probabilities").activation.__name__ == "softmax"
    x = np.zeros((1, 28, 28), np.float32)
    np.testing.assert_allclose(float(mlp(x).numpy().sum()), 1.0, atol=1e-5)


def test_cnn_has_conv_pool_blocks_down_to_3x3():
    from models.digits.networks import build_cnn

    cnn = build_cnn()
    assert [cnn.get_layer(f"pool{i}").output.shape[1] for i in (1, 2, 3)] == [14, 7, 3]


def test_augmentation_moves_and_restrokes_but_keeps_range():
    import tensorflow as tf

    from models.digits.networks import augmenter

    x = np.zeros((64, 28, 28), np.float32)
    x[:, 6:22, 13:15] = 1.0
    out = augmenter(seed=1)(tf.constant(x)).numpy()
    assert out.shape == x.shape and out.min() >= 0 and out.max() <= 1
    assert np.abs(out - x).mean() > 0.01
    assert out.sum((1, 2)).std() > 1  # different pens and sizes, not one fixed change


def test_a_tiny_training_run(monkeypatch):
    from models.digits import train

    rng = np.random.default_rng(0)
    tiny = Split(rng.integers(0, 255, (256, 28, 28), dtype=np.uint8), rng.integers(0, 10, 256))
    data = type("Tiny", (), {"train": tiny, "val": tiny})()
    model, history = train.train("mlp", data, epochs=1)
    assert len(history["loss"]) == 1 and model.output.shape[-1] == 10


def test_confusion_and_worst_examples_by_hand():
    y = np.array([0, 1, 1, 2])
    probs = np.array([[0.9, 0.1, 0, 0], [0.2, 0.7, 0.1, 0], [0.6, 0.3, 0.1, 0], [0, 0, 1.0, 0]])[:, :3]
    m = confusion(y, probs.argmax(1))
    assert m[1, 0] == 1 and m[1, 1] == 1 and m.trace() == 3
    assert worst(y, probs, 1)[0] == {"index": 2, "label": 1, "answer": 0, "p_answer": 0.6, "p_label": 0.3}


def test_committed_weights_read_drawn_digits(models):
    from models.digits.predict import read_digit

    for strokes, digit in ((ONE, 1), (SEVEN, 7)):
        reading = read_digit(models, drawn(strokes))
        assert reading.cnn.digit == digit and reading.mlp.digit == digit
        assert reading.verdict == "agree" and reading.hidden.shape == (200,)
        assert 0 <= reading.hidden.min() and reading.hidden.max() <= 1


def test_committed_weights_on_a_slice_of_mnist_test(models):
    from models.digits.data import load_mnist

    test = load_mnist().test
    result = measure(models, Split(test.x[:500], test.y[:500]))
    assert result["cnn"]["accuracy"] > 0.97 and result["mlp"]["accuracy"] > 0.95


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "models.digits", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=180)


def test_cli_predicts_one_json_line_per_file_and_explains_bad_input(tmp_path):
    one, seven, empty, bad = (tmp_path / n for n in ("one.png", "seven.png", "empty.png", "bad.png"))
    drawn(ONE).save(one)
    drawn(SEVEN).save(seven)
    Image.new("RGB", (100, 100), "white").save(empty)
    bad.write_bytes(b"not a picture")
    done = _cli("predict", str(one), str(seven), "--json")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["cnn"]["digit"] for line in lines] == [1, 7]
    assert len(lines[0]["image_28x28"]) == 28 and len(lines[0]["mlp"]["probabilities"]) == 10
    for args in (("predict", str(empty)), ("predict", str(bad)), ("predict", str(tmp_path / "missing.png"))):
        failed = _cli(*args)
        assert failed.returncode != 0
        assert failed.stderr.strip().startswith("error:") and len(failed.stderr.strip().splitlines()) == 1
