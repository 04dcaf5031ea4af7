"""Measure both networks on the MNIST test set and on the non-MNIST handwriting set.

The test set decides nothing: it is read only here, after training. `report` returns accuracies,
confusion matrices (rows: true digit, columns: answer) and the `WORST` test digits each network gets
most wrong (lowest probability for the true digit), by index into the deduplicated test set.
`write_report` stores that in `artifacts/report.json` for the model card and the page.
"""
from __future__ import annotations

import json

import numpy as np

WORST = 20
REPORT = "report.json"


def confusion(y: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    matrix = np.zeros((10, 10), np.int64)
    np.add.at(matrix, (y, predicted), 1)
    return matrix


def worst(y: np.ndarray, probs: np.ndarray, n: int = WORST) -> list[dict]:
    """The `n` examples whose true digit got the lowest probability (all of them misread)."""
    p_true = probs[np.arange(len(y)), y]
    order = np.argsort(p_true)[:n]
    return [{"index": int(i), "label": int(y[i]), "answer": int(probs[i].argmax()),
             "p_answer": round(float(probs[i].max()), 4), "p_label": round(float(p_true[i]), 4)} for i in order]


def measure(models, split) -> dict:
    """Accuracy, confusion matrix and worst examples of both networks on one split."""
    from models.digits.networks import as_float

    probs = models.probabilities(as_float(split.x))
    out = {"n": len(split)}
    for name, p in probs.items():
        answer = p.argmax(1)
        out[name] = {"accuracy": round(float((answer == split.y).mean()), 4),
                     "confusion": confusion(split.y, answer).tolist(), "worst": worst(split.y, p)}
    return out


def report(models=None) -> dict:
    from models.digits.data import load_mnist, load_uci_digits
    from models.digits.predict import load_models

    models = models or load_models()
    return {"mnist_test": measure(models, load_mnist().test), "uci_digits": measure(models, load_uci_digits())}


def write_report(models=None) -> dict:
    from models.digits.train import ARTIFACTS

    result = report(models)
    (ARTIFACTS / REPORT).write_text(json.dumps(result, indent=None, separators=(",", ":")))
    for split, r in result.items():
        print(f"{split}: MLP {r['mlp']['accuracy']:.4f}, CNN {r['cnn']['accuracy']:.4f} (n = {r['n']})")
    return result


def read_report() -> dict:
    """The committed report (measured when the weights were trained)."""
    from models.digits.train import ARTIFACTS

    return json.loads((ARTIFACTS / REPORT).read_text())


def worst_pictures(result: dict) -> dict[str, list[np.ndarray]]:
    """{network: its `WORST` MNIST test digits as 28×28 arrays in [0, 1]} (MNIST is read, then let go)."""
    from models.digits.data import load_mnist

    test = load_mnist().test
    load_mnist.cache_clear()  # keep forty digits in memory, not 70,000
    return {name: [test.x[w["index"]] / 255 for w in result["mnist_test"][name]["worst"]] for name in ("mlp", "cnn")}
