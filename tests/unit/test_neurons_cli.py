"""`python -m models.neurons … --json`: the documented JSON shapes, one-line errors, the XOR network."""
import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "models.neurons", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.parametrize("gate,converged", [("and", True), ("or", True), ("nand", True), ("xor", False)])
def test_perceptron_json(gate, converged):
    proc = _cli("perceptron", "--gate", gate, "--json")
    assert proc.returncode == 0, proc.stderr[-1000:]
    out = json.loads(proc.stdout)
    assert out["converged"] is converged and set(out["weights"]) == {"w1", "w2", "bias"}
    assert out["accuracy"] == 1.0 if converged else out["best_accuracy"] <= 0.75


def test_playground_json_and_code():
    proc = _cli("playground", "--dataset", "circle", "--features", "x1^2,x2^2", "--layers", "none", "--epochs", "5",
                "--seed", "0", "--code", "--json")
    assert proc.returncode == 0, proc.stderr[-1000:]
    out = json.loads(proc.stdout)
    assert out["epochs"] == 5 and out["settings"]["layers"] == [] and out["settings"]["features"] == ["x1^2", "x2^2"]
    assert {"train_acc", "test_acc", "train_loss", "test_loss", "overfitting"} <= set(out)
    assert "keras.Sequential" in out["keras_code"] and "epochs=5" in out["keras_code"]


@pytest.mark.parametrize("args,words", [
    (("perceptron", "--gate", "nor"), "invalid choice"),
    (("playground", "--layers", "9", "--epochs", "1"), "at most 6 hidden layers"),
    (("playground", "--features", "x1,x9"), "features must be chosen"),
    (("playground", "--noise", "2"), "noise must lie"),
    (("playground", "--layers", "a,b"), "layers must be neuron counts"),
    (("sequence", "--epochs", "0"), "epochs must lie"),
    ((), "required"),
])
def test_bad_arguments_give_one_error_line(args, words):
    proc = _cli(*args)
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and words in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_xor_network_solves_xor_with_two_lines():
    from models.neurons import xor_net

    net = xor_net.train(seed=0)
    assert net.accuracy == 1.0 and 1 <= net.tries <= xor_net.MAX_TRIES
    assert len(net.lines()) == 2 and net.loss[-1][1] < 0.1
    out = net.summary()
    assert out["outputs"][0] < 0.5 < out["outputs"][1] and out["outputs"][3] < 0.5 < out["outputs"][2]
