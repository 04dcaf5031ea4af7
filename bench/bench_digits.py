"""Digits: MNIST-test and non-MNIST accuracy of both networks vs a nearest-centroid baseline, and speed."""
from __future__ import annotations

from bench.timing import median_warm


import numpy as np


def _median_ms(fn, repeats: int) -> float:
    """The shared timing rule (bench/timing.py): median of warm runs after one warm-up, in ms."""
    return median_warm(fn, repeats).ms


def _canvas_drawing():
    """A '3' drawn on a 280×280 transparent canvas, as the drawable canvas sends it (RGBA)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (280, 280), (0, 0, 0, 0))
    pen = ImageDraw.Draw(img)
    pen.line([(80, 60), (190, 60), (130, 140), (200, 190), (150, 240), (80, 230)], fill=(0, 0, 0, 255), width=18,
             joint="curve")
    return np.asarray(img)


def nearest_centroid(train, test) -> float:
    """Baseline: each test digit gets the class whose mean training image is closest (pixel template matching)."""
    x = train.x.reshape(len(train), -1).astype(np.float32) / 255
    centroids = np.stack([x[train.y == d].mean(0) for d in range(10)])
    t = test.x.reshape(len(test), -1).astype(np.float32) / 255
    distances = (t ** 2).sum(1)[:, None] - 2 * t @ centroids.T + (centroids ** 2).sum(1)[None]
    return float((distances.argmin(1) == test.y).mean())


def run() -> list[dict]:
    from models.digits.data import load_mnist, load_uci_digits
    from models.digits.evaluate import report
    from models.digits.predict import load_models, read_digit
    from models.digits.preprocess import to_mnist

    models = load_models()
    result = report(models)
    mnist, uci = result["mnist_test"], result["uci_digits"]
    data = load_mnist()
    base_mnist = nearest_centroid(data.train, data.test)
    base_uci = nearest_centroid(data.train, load_uci_digits())
    drawing = _canvas_drawing()
    read_digit(models, drawing)
    predict_ms = _median_ms(lambda: read_digit(models, drawing), 30)
    preprocess_ms = _median_ms(lambda: to_mnist(drawing), 30)
    gap = 100 * (mnist["cnn"]["accuracy"] - uci["cnn"]["accuracy"])
    return [
        {"name": "MLP 784-200-10 accuracy, MNIST test", "value": 100 * mnist["mlp"]["accuracy"], "unit": "%",
         "goal": 97.5, "better": "higher", "baseline": f"nearest class mean {100 * base_mnist:.2f} %",
         "note": f"n = {mnist['n']} (deduplicated against training)"},
        {"name": "CNN accuracy, MNIST test", "value": 100 * mnist["cnn"]["accuracy"], "unit": "%", "goal": 99.2,
         "better": "higher", "baseline": f"nearest class mean {100 * base_mnist:.2f} %"},
        {"name": "MLP accuracy, UCI handwritten digits (not MNIST)", "value": 100 * uci["mlp"]["accuracy"], "unit": "%",
         "baseline": f"nearest class mean {100 * base_uci:.2f} %",
         "note": f"n = {uci['n']}, 43 other writers, 8×8 enlarged + drawing preprocessing"},
        {"name": "CNN accuracy, UCI handwritten digits (not MNIST)", "value": 100 * uci["cnn"]["accuracy"], "unit": "%",
         "baseline": f"nearest class mean {100 * base_uci:.2f} %"},
        {"name": "CNN drop from MNIST to UCI digits", "value": gap, "unit": "points", "goal": 6, "better": "lower"},
        {"name": "read one drawing (preprocess + both networks)", "value": predict_ms, "unit": "ms", "goal": 20,
         "better": "lower", "note": f"preprocessing alone {preprocess_ms:.1f} ms; 280×280 canvas"},
    ]
