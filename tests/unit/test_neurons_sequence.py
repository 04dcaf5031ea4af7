"""The lecture's sequence task: windows, turning points, LSTM gates, Dense vs LSTM (models/neurons/sequence.py)."""
import numpy as np
import pytest

from models.neurons import sequence as S


def test_sequence_and_windows():
    assert S.sequence(2).tolist() == [1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2]
    seen, nxt = S.windows(S.sequence(2), 3)
    assert seen[0].tolist() == [1, 2, 3] and nxt[0] == 4
    assert seen[3].tolist() == [4, 3, 2] and nxt[3] == 1
    assert len(seen) == 12 - 3


def test_one_period_holds_six_distinct_situations_and_four_turning_points():
    seen, nxt = S.one_period()
    assert len({tuple(w) for w in seen}) == 6
    assert S.is_turning_point(seen).sum() == 4  # after a 2 or a 3
    last = seen[:, -1]
    # a rising and a falling 2 look the same to a net that sees only the last number …
    assert sorted(nxt[last == 2].tolist()) == [1, 3] and sorted(nxt[last == 3].tolist()) == [2, 4]
    # … while 1 and 4 each have one successor
    assert nxt[last == 1].tolist() == [2] and nxt[last == 4].tolist() == [3]


def test_inputs_dense_sees_last_number_lstm_the_window():
    seen, _ = S.one_period()
    assert S.inputs_for("dense", seen).shape == (6, 4)
    assert S.inputs_for("lstm", seen).shape == (6, S.WINDOW, 4)
    assert np.array_equal(S.inputs_for("dense", seen), S.one_hot(seen[:, -1]))


def test_numpy_gates_reproduce_the_keras_lstm():
    model = S.build("lstm", seed=1)
    seen, _ = S.one_period()
    weights = [np.asarray(w) for w in model.layers[0].get_weights()]
    keras_h = np.asarray(model.layers[0](S.inputs_for("lstm", seen)))
    for k, window in enumerate(seen):
        g = S.gates(weights, window)
        assert g["forget"].shape == (S.WINDOW, S.UNITS)
        assert all(0 <= g[n].min() and g[n].max() <= 1 for n in ("forget", "input", "output"))
        assert np.allclose(g["hidden"][-1], keras_h[k], atol=1e-5)


@pytest.mark.slow
def test_lstm_learns_the_turning_points_dense_cannot():
    reports = []
    result = S.train(seed=0, progress=lambda done, total, preview: reports.append((done, total)))
    assert reports[-1][0] == reports[-1][1] == 2 * S.EPOCHS
    assert result.accuracy("lstm") == 1.0 and result.accuracy("lstm", turning_only=True) == 1.0
    assert result.accuracy("dense", turning_only=True) <= 0.75
    after = result.after_each_number("dense")
    assert after["1"] == after["4"] == 1.0 and after["2"] <= 0.5 and after["3"] <= 0.5
    assert set(result.summary()) == {"dense", "lstm"}


def test_unknown_model():
    with pytest.raises(ValueError):
        S.build("gru")
