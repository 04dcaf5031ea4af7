"""The teachable charts: words from the caller, live curves in a fixed frame, most likely class on top."""
import numpy as np

from models.teachable.figures import CURVE_WORDS, confusion_figure, curves_figure, probability_figure
from models.teachable.training import History

WORDS = {k: k.upper() for k in CURVE_WORDS}


def test_curves_train_next_to_validation_in_a_frame_for_all_epochs():
    history = History([0.9, 0.5], [0.5, 0.8], [1.0, 0.7], [0.4, 0.6])
    fig = curves_figure(history, 20, WORDS)
    assert [(tr.name, list(tr.y)) for tr in fig.data] == [("TRAIN", [0.9, 0.5]), ("VAL", [1.0, 0.7]),
                                                          ("TRAIN", [0.5, 0.8]), ("VAL", [0.4, 0.6])]
    assert [tr.showlegend for tr in fig.data] == [True, True, False, False]
    assert [a.text for a in fig.layout.annotations] == ["LOSS", "ACCURACY"]
    assert list(fig.layout.xaxis.range) == [0.5, 20.5] and fig.layout.xaxis.title.text == "EPOCH"


def test_probabilities_most_likely_on_top():
    fig = probability_figure(["cat", "dog", "cup"], np.array([0.2, 0.7, 0.1]))
    bar = fig.data[0]
    assert list(bar.y) == ["cup", "cat", "dog"] and list(bar.text) == ["10%", "20%", "70%"]


def test_confusion_matrix_rows_true_columns_predicted():
    cm = np.array([[3, 1], [0, 2]])
    fig = confusion_figure(["cat", "cup"], cm, "TRUE", "PREDICTED")
    assert fig.layout.yaxis.title.text == "TRUE" and fig.layout.xaxis.title.text == "PREDICTED"
    assert np.array_equal(np.asarray(fig.data[0].z), cm) and fig.layout.yaxis.autorange == "reversed"
