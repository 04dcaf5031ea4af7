"""What the model got right and wrong on the held-out (validation) photos."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.metrics import confusion_matrix


@dataclass
class Evaluation:
    accuracy: float
    confusion: np.ndarray  # rows: true class, columns: predicted class
    per_class_accuracy: list[float]  # recall of each class (nan when it has no validation photo)
    misclassified: list[tuple[int, int, int, float]]  # (position in val set, true, predicted, P(pred))


def evaluate(probs: np.ndarray, y_true, n_classes: int) -> Evaluation:
    y_true = np.asarray(y_true)
    pred = probs.argmax(axis=1)
    cm = confusion_matrix(y_true, pred, labels=list(range(n_classes)))
    support = cm.sum(axis=1)
    per_class = [float(cm[i, i] / support[i]) if support[i] else float("nan") for i in range(n_classes)]
    wrong = [(int(i), int(y_true[i]), int(pred[i]), float(probs[i, pred[i]]))
             for i in np.flatnonzero(pred != y_true)]
    return Evaluation(float((pred == y_true).mean()) if len(y_true) else float("nan"), cm, per_class, wrong)
