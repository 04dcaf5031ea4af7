"""The head trains on separable features, reports every epoch, and overfitting is detected."""
import numpy as np

from models.teachable.evaluation import evaluate
from models.teachable.training import History, Settings, overfitting, train_head


def _blobs(n_per_class, n_classes=3, dim=16, seed=0):
    """Three clusters with fixed centres; `seed` only changes the noise around them."""
    centres = np.random.default_rng(0).normal(0, 3, (n_classes, dim))
    rng = np.random.default_rng(seed + 1)
    y = np.repeat(np.arange(n_classes), n_per_class)
    return (centres[y] + rng.normal(0, 1, (len(y), dim))).astype("float32"), y


def test_head_learns_and_reports_each_epoch():
    x, y = _blobs(20)
    xv, yv = _blobs(5, seed=1)
    logs = []
    head, history = train_head(x, y, xv, yv, 3, Settings(epochs=8, learning_rate=0.01), logs.append)
    assert [log.epoch for log in logs] == list(range(1, 9))
    assert all(log.epochs == 8 for log in logs)
    assert history.loss[-1] < history.loss[0]
    assert history.val_accuracy[-1] >= 0.9
    probs = np.asarray(head(xv))
    np.testing.assert_allclose(probs.sum(axis=1), 1, atol=1e-5)  # softmax


def _history(loss, val_loss, acc, val_acc):
    return History(list(loss), list(acc), list(val_loss), list(val_acc))


def test_no_warning_while_both_curves_improve():
    h = _history([1, 0.6, 0.4, 0.3, 0.25], [1, 0.7, 0.5, 0.45, 0.42], [0.5, 0.8, 0.9, 0.95, 1], [0.5, 0.8, 0.9, 0.9, 0.95])
    assert overfitting(h) is None


def test_warning_when_validation_loss_climbs_while_training_loss_falls():
    h = _history([1, 0.5, 0.3, 0.2, 0.1, 0.05], [0.9, 0.6, 0.5, 0.6, 0.7, 0.8],
                 [0.6, 0.8, 0.9, 1, 1, 1], [0.6, 0.8, 0.85, 0.85, 0.85, 0.85])
    assert overfitting(h) == "val_loss_rising"


def test_warning_on_a_large_accuracy_gap():
    h = _history([0.5, 0.3, 0.1], [0.9, 0.8, 0.79], [0.8, 0.95, 1.0], [0.5, 0.6, 0.7])
    assert overfitting(h) == "accuracy_gap"


def test_evaluation_confusion_and_misclassified():
    probs = np.array([[0.9, 0.1], [0.3, 0.7], [0.2, 0.8], [0.6, 0.4]])
    ev = evaluate(probs, [0, 0, 1, 1], 2)
    assert ev.confusion.tolist() == [[1, 1], [1, 1]]
    assert ev.per_class_accuracy == [0.5, 0.5]
    assert ev.accuracy == 0.5
    assert [(i, t, p) for i, t, p, _ in ev.misclassified] == [(1, 0, 1), (3, 1, 0)]
    assert ev.misclassified[0][3] == 0.7
