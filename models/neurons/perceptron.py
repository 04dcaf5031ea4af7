"""One neuron with two inputs, the logic gates, and Rosenblatt's perceptron learning rule.

Algorithm
---------
The neuron computes the weighted sum z = w1·x1 + w2·x2 + b and passes it through an activation:
the step function (1 when z > 0: the lecture's threshold θ is simply b = −θ), the sigmoid or ReLU.
With any of the three, the neuron says "1" exactly when z > 0, so its decision boundary is the line
w1·x1 + w2·x2 + b = 0.

The perceptron learning rule (Rosenblatt, 1958) visits the four rows of a truth table in turn and,
whenever the step neuron is wrong, nudges the weights toward the right answer:
    w ← w + η·(y − ŷ)·x,    b ← b + η·(y − ŷ).
If some line separates the 1s from the 0s (AND, OR, NAND), this provably stops after finitely many
mistakes. XOR has no such line, so the weights circle forever and at best three of four rows are
right (accuracy 0.75): Minsky and Papert's point in *Perceptrons* (1969).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

GATES = ("and", "or", "nand", "xor")
ACTIVATIONS = ("step", "sigmoid", "relu")
INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
TARGETS = {
    "and": np.array([0, 0, 0, 1]),
    "or": np.array([0, 1, 1, 1]),
    "nand": np.array([1, 1, 1, 0]),
    "xor": np.array([0, 1, 1, 0]),
}
LEARNING_RATE = 0.1
MAX_EPOCHS = 50
INIT_SCALE = 0.5  # initial weights and bias drawn from U(−0.5, 0.5)

BLOCKED_SINCE, UNBLOCKED_BY = 1969, 1986  # Minsky & Papert's book; backpropagation (Rumelhart, Hinton, Williams)


def activate(z, activation: str):
    """step (1 when z > 0), sigmoid 1/(1+e^−z) or ReLU max(0, z), elementwise."""
    z = np.asarray(z, dtype=float)
    if activation == "step":
        return (z > 0).astype(float)
    if activation == "sigmoid":
        return 0.5 * (1.0 + np.tanh(z / 2))  # the sigmoid, without overflow
    if activation == "relu":
        return np.maximum(z, 0.0)
    raise ValueError(f"activation must be one of {ACTIVATIONS}, not {activation!r}")


def weighted_sum(w1: float, w2: float, bias: float, x=INPUTS) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    return x[..., 0] * w1 + x[..., 1] * w2 + bias


def truth_table(w1: float, w2: float, bias: float, activation: str) -> dict:
    """The neuron on the four inputs: z, output, its 0/1 answer, and which gates it computes."""
    z = weighted_sum(w1, w2, bias)
    fires = (z > 0).astype(int)
    return {"x": INPUTS.astype(int).tolist(), "z": z.tolist(), "output": activate(z, activation).tolist(),
            "fires": fires.tolist(), "computes": [g for g in GATES if np.array_equal(fires, TARGETS[g])]}


@dataclass
class LearningRun:
    """Every epoch of the learning rule: weights and bias at its end, mistakes and accuracy in it."""
    gate: str
    weights: list[tuple[float, float, float]]  # (w1, w2, b) before epoch 1, then after each epoch
    errors: list[int]  # mistakes made during each epoch
    accuracy: list[float]  # accuracy of the weights after each epoch on the four rows
    converged: bool

    @property
    def epochs(self) -> int:
        return len(self.errors)

    def summary(self) -> dict:
        w1, w2, b = self.weights[-1]
        return {"gate": self.gate, "converged": self.converged, "epochs": self.epochs,
                "accuracy": self.accuracy[-1], "best_accuracy": max(self.accuracy),
                "weights": {"w1": w1, "w2": w2, "bias": b}}


def accuracy(w1: float, w2: float, bias: float, gate: str) -> float:
    return float(np.mean((weighted_sum(w1, w2, bias) > 0).astype(int) == TARGETS[gate]))


def learn(gate: str, seed: int = 0, learning_rate: float = LEARNING_RATE, max_epochs: int = MAX_EPOCHS,
          shuffle: bool = False) -> LearningRun:
    """Rosenblatt's rule, one pass over the four rows per epoch, until an epoch has no mistakes."""
    if gate not in GATES:
        raise ValueError(f"gate must be one of {GATES}, not {gate!r}")
    rng = np.random.default_rng(seed)
    w = rng.uniform(-INIT_SCALE, INIT_SCALE, 2)
    b = float(rng.uniform(-INIT_SCALE, INIT_SCALE))
    y = TARGETS[gate]
    run = LearningRun(gate, [(float(w[0]), float(w[1]), b)], [], [], False)
    for _ in range(max_epochs):
        mistakes = 0
        for i in (rng.permutation(4) if shuffle else range(4)):
            error = y[i] - int(INPUTS[i] @ w + b > 0)
            if error:
                mistakes += 1
                w = w + learning_rate * error * INPUTS[i]
                b += learning_rate * error
        run.weights.append((float(w[0]), float(w[1]), float(b)))
        run.errors.append(mistakes)
        run.accuracy.append(accuracy(w[0], w[1], b, gate))
        if mistakes == 0:
            run.converged = True
            break
    return run
