"""What memory buys: the lecture's sequence 1, 2, 3, 4, 3, 2, 1, 2, 3, … learned by a Dense net and an LSTM.

Algorithm
---------
The sequence rises 1→4 and falls back, period six: 1, 2, 3, 4, 3, 2. Task: predict the next number
(four classes, softmax). A Dense network that sees only the last number cannot tell a rising 2
(next: 3) from a falling 2 (next: 1): after a 2 or a 3 it can at best pick one of the two, so at
those "turning points" it is right half the time, whatever it learns. An LSTM that reads the last
`WINDOW` numbers in order carries what came before in its cell state and gets every step right.
Both are small `keras.Sequential` models trained on one-hot numbers (`model.fit`'s loop, compiled:
`loop.py`).

The evaluation is one full period of the sequence (its six positions). The sequence is
deterministic, so there is no unseen test data to hold out: the point is not generalisation but what
each network's input lets it know.

The LSTM's three gates (the lecture: forget, input, output) are recomputed with NumPy from its
weights, step by step over a window: f = σ(W_f·x + U_f·h + b_f) decides how much of the old cell state
to keep, i how much of the new candidate to write, o how much of the cell to show as output.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.neurons.loop import compiled_epochs

PERIOD = (1, 2, 3, 4, 3, 2)
CLASSES = 4
WINDOW = 3
UNITS = 8
EPOCHS = 60
LEARNING_RATE = 0.02
REPEATS = 20  # training windows: the sequence repeated this many periods
MODELS = ("dense", "lstm")


def sequence(periods: int = REPEATS) -> np.ndarray:
    return np.tile(PERIOD, periods)


def one_hot(numbers) -> np.ndarray:
    return np.eye(CLASSES, dtype="float32")[np.asarray(numbers) - 1]


def windows(seq: np.ndarray, window: int = WINDOW) -> tuple[np.ndarray, np.ndarray]:
    """(n, window) numbers seen and the (n,) numbers that come next."""
    starts = range(len(seq) - window)
    return np.array([seq[s:s + window] for s in starts]), np.array([seq[s + window] for s in starts])


def one_period(window: int = WINDOW) -> tuple[np.ndarray, np.ndarray]:
    """The six distinct situations of the sequence: windows ending at each position of one period."""
    seq = sequence(3)
    x, y = windows(seq, window)
    return x[:len(PERIOD)], y[:len(PERIOD)]


def is_turning_point(seen: np.ndarray) -> np.ndarray:
    """After a 2 or a 3 the last number alone does not say whether the sequence rises or falls."""
    return np.isin(np.asarray(seen)[:, -1], (2, 3))


def build(kind: str, seed: int = 0):
    import keras
    from keras import layers

    init = keras.initializers.GlorotUniform(seed)
    if kind == "dense":
        stack = [keras.Input(shape=(CLASSES,)), layers.Dense(UNITS, activation="relu", kernel_initializer=init)]
    elif kind == "lstm":
        stack = [keras.Input(shape=(WINDOW, CLASSES)), layers.LSTM(UNITS, kernel_initializer=init)]
    else:
        raise ValueError(f"model must be one of {MODELS}, not {kind!r}")
    model = keras.Sequential([*stack, layers.Dense(CLASSES, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(LEARNING_RATE), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


def inputs_for(kind: str, seen: np.ndarray) -> np.ndarray:
    """Dense sees the last number only; the LSTM sees the whole window, oldest first."""
    return one_hot(seen[:, -1]) if kind == "dense" else one_hot(seen)


@dataclass
class SequenceResult:
    seen: np.ndarray  # (6, WINDOW) the windows of one period
    target: np.ndarray  # (6,) the true next numbers
    probs: dict[str, np.ndarray]  # model → (6, 4) predicted probabilities of 1…4
    history: dict[str, list[float]]  # model → accuracy on the training windows every few epochs
    lstm_weights: list[np.ndarray]  # kernel, recurrent kernel, bias of the LSTM layer

    def predicted(self, kind: str) -> np.ndarray:
        return self.probs[kind].argmax(axis=1) + 1

    def accuracy(self, kind: str, turning_only: bool = False) -> float:
        right = self.predicted(kind) == self.target
        return float(right[is_turning_point(self.seen)].mean() if turning_only else right.mean())

    def after_each_number(self, kind: str) -> dict[str, float]:
        right, last = self.predicted(kind) == self.target, self.seen[:, -1]
        return {str(n): float(right[last == n].mean()) for n in range(1, CLASSES + 1)}

    def summary(self) -> dict:
        return {kind: {"accuracy": self.accuracy(kind), "turning_points": self.accuracy(kind, True),
                       "after_each_number": self.after_each_number(kind),
                       "final_train_accuracy": self.history[kind][-1]} for kind in MODELS}


def train(seed: int = 0, epochs: int = EPOCHS, progress=None, chunk: int = 5) -> SequenceResult:
    """Train both networks on the repeated sequence; `progress(done, total, preview=history)` every chunk."""
    import keras

    x_seen, y_next = windows(sequence())
    seen, target = one_period()
    history: dict[str, list[float]] = {kind: [] for kind in MODELS}
    probs = {}
    for k, kind in enumerate(MODELS):
        model = build(kind, seed)
        fit = compiled_epochs(model, keras.losses.SparseCategoricalCrossentropy(), seed)
        x = inputs_for(kind, x_seen)
        for done in range(chunk, epochs + 1, chunk):
            fit(x, y_next - 1, chunk, batch_size=12)
            right = np.asarray(model(x, training=False)).argmax(axis=1) + 1 == y_next
            history[kind].append(float(right.mean()))
            if progress is not None:
                progress(k * epochs + done, len(MODELS) * epochs, preview={m: list(h) for m, h in history.items()})
        probs[kind] = np.asarray(model(inputs_for(kind, seen), training=False))
        if kind == "lstm":
            lstm_weights = [np.asarray(w) for w in model.layers[0].get_weights()]
    return SequenceResult(seen, target, probs, history, lstm_weights)


def gates(lstm_weights: list[np.ndarray], window: np.ndarray) -> dict[str, np.ndarray]:
    """Forget, input and output gate values (steps, units) and the cell state, step by step over `window`.

    Keras stores the four blocks of the LSTM's kernels in the order input, forget, candidate, output.
    """
    kernel, recurrent, bias = lstm_weights
    units = recurrent.shape[0]
    h, c = np.zeros(units), np.zeros(units)
    out = {"forget": [], "input": [], "output": [], "cell": [], "hidden": []}
    sigmoid = lambda z: 0.5 * (1 + np.tanh(z / 2))  # noqa: E731
    for x in one_hot(window):
        z = x @ kernel + h @ recurrent + bias
        i, f, g, o = (z[j * units:(j + 1) * units] for j in range(4))
        i, f, g, o = sigmoid(i), sigmoid(f), np.tanh(g), sigmoid(o)
        c = f * c + i * g
        h = o * np.tanh(c)
        for name, value in (("forget", f), ("input", i), ("output", o), ("cell", c), ("hidden", h)):
            out[name].append(value)
    return {name: np.array(values) for name, values in out.items()}
