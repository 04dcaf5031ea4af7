"""The neuron, the truth tables and Rosenblatt's learning rule (models/neurons/perceptron.py)."""
import numpy as np
import pytest

from models.neurons import perceptron as P


def test_activations():
    z = np.array([-2.0, 0.0, 3.0])
    assert P.activate(z, "step").tolist() == [0, 0, 1]
    assert P.activate(z, "relu").tolist() == [0, 0, 3]
    assert np.allclose(P.activate(z, "sigmoid"), 1 / (1 + np.exp(-z)))
    assert P.activate(np.array([-1000.0]), "sigmoid")[0] == 0.0  # no overflow warning, no nan
    with pytest.raises(ValueError):
        P.activate(z, "softmax")


@pytest.mark.parametrize("w1,w2,theta,gate", [(0.5, 0.5, 0.7, "and"), (0.5, 0.5, 0.8, "and"), (1.0, 1.0, 1.0, "and"),
                                              (-0.5, -0.5, -0.7, "nand"), (0.5, 0.5, 0.2, "or")])
def test_the_lecture_weights_compute_their_gate(w1, w2, theta, gate):
    """The notes' (w1, w2, θ) examples: bias b = −θ."""
    table = P.truth_table(w1, w2, -theta, "step")
    assert table["computes"] == [gate]
    assert table["fires"] == P.TARGETS[gate].tolist()


def test_truth_table_reports_output_of_each_activation():
    table = P.truth_table(1.0, 1.0, -1.5, "relu")
    assert table["z"] == [-1.5, -0.5, -0.5, 0.5]
    assert table["output"] == [0, 0, 0, 0.5]
    assert table["computes"] == ["and"]


def test_first_epoch_replayed_by_hand():
    """w ← w + η·(y − ŷ)·x and b ← b + η·(y − ŷ), row by row, from the run's own starting weights."""
    run = P.learn("or", seed=3, max_epochs=1)
    w, b, mistakes = np.array(run.weights[0][:2]), run.weights[0][2], 0
    for x, y in zip(P.INPUTS, P.TARGETS["or"]):
        error = y - int(x @ w + b > 0)
        mistakes += error != 0
        w, b = w + P.LEARNING_RATE * error * x, b + P.LEARNING_RATE * error
    assert run.weights[1] == pytest.approx((w[0], w[1], b))
    assert run.errors == [mistakes] and run.epochs == 1


@pytest.mark.parametrize("gate", ["and", "or", "nand"])
@pytest.mark.parametrize("seed", range(10))
def test_separable_gates_converge(gate, seed):
    run = P.learn(gate, seed=seed)
    assert run.converged and run.accuracy[-1] == 1.0 and run.errors[-1] == 0
    assert P.truth_table(*run.weights[-1], "step")["computes"] == [gate]


@pytest.mark.parametrize("shuffle", [False, True])
def test_xor_never_converges_and_never_beats_three_of_four(shuffle):
    for seed in range(50):
        run = P.learn("xor", seed=seed, shuffle=shuffle, max_epochs=100)
        assert not run.converged and run.epochs == 100
        assert max(run.accuracy) <= 0.75
        assert min(run.errors) >= 1


def test_bad_gate():
    with pytest.raises(ValueError):
        P.learn("nor")
