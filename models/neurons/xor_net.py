"""The 2-2-1 Keras network that solves XOR, and the two lines its hidden neurons draw.

Algorithm
---------
No single line separates XOR's 1s from its 0s, but two lines can: hidden neuron 1 learns roughly
"x1 OR x2", hidden neuron 2 roughly "x1 AND x2" (or mirror images of them), each with its own line
w1·x1 + w2·x2 + b = 0. The output neuron then draws one line in the *hidden* space (h1, h2), where
the four points have become separable: "OR but not AND" is XOR. Training: binary cross-entropy,
Adam, the four rows as one batch (`model.fit`'s loop, compiled: `loop.py`). A 2-2-1 net can get stuck in a poor local minimum from unlucky
starting weights; we then start again from new weights (at most `MAX_TRIES` times) and report how
many tries it took.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.neurons.loop import compiled_epochs
from models.neurons.perceptron import INPUTS, TARGETS

HIDDEN_ACTIVATION = "tanh"
LEARNING_RATE = 0.1
EPOCHS = 300
MAX_TRIES = 10


@dataclass
class XorNet:
    hidden_kernel: np.ndarray  # (2, 2): column j holds hidden neuron j's (w1, w2)
    hidden_bias: np.ndarray  # (2,)
    out_kernel: np.ndarray  # (2,)
    out_bias: float
    loss: list[tuple[int, float]]  # (epoch, loss) every few epochs, last try
    tries: int
    seed: int

    def hidden(self, x: np.ndarray) -> np.ndarray:
        return np.tanh(np.asarray(x, float) @ self.hidden_kernel + self.hidden_bias)

    def output(self, x: np.ndarray) -> np.ndarray:
        z = self.hidden(x) @ self.out_kernel + self.out_bias
        return 0.5 * (1 + np.tanh(z / 2))

    @property
    def accuracy(self) -> float:
        return float(np.mean((self.output(INPUTS) > 0.5).astype(int) == TARGETS["xor"]))

    def loss_now(self) -> float:
        """Binary cross-entropy on the four rows."""
        p, y = np.clip(self.output(INPUTS), 1e-7, 1 - 1e-7), TARGETS["xor"]
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))

    def lines(self) -> list[tuple[float, float, float]]:
        """Each hidden neuron's line w1·x1 + w2·x2 + b = 0 as (w1, w2, b)."""
        return [(float(self.hidden_kernel[0, j]), float(self.hidden_kernel[1, j]), float(self.hidden_bias[j]))
                for j in range(2)]

    def summary(self) -> dict:
        return {"accuracy": self.accuracy, "tries": self.tries, "seed": self.seed, "epochs": self.loss[-1][0],
                "final_loss": self.loss[-1][1], "outputs": self.output(INPUTS).round(4).tolist(),
                "hidden_lines": [dict(zip(("w1", "w2", "bias"), line)) for line in self.lines()],
                "output_weights": {"v1": float(self.out_kernel[0]), "v2": float(self.out_kernel[1]),
                                   "bias": self.out_bias}}


def _read(model, losses: list, tries: int, seed: int) -> XorNet:
    (hk, hb), (ok, ob) = model.layers[0].get_weights(), model.layers[1].get_weights()
    return XorNet(hk, hb, ok.ravel(), float(ob[0]), losses, tries, seed)


def build_model(seed: int):
    """keras.Sequential([Input(2), Dense(2, tanh), Dense(1, sigmoid)]), compiled with Adam and BCE."""
    import keras
    from keras import layers

    model = keras.Sequential([
        keras.Input(shape=(2,)),
        layers.Dense(2, activation=HIDDEN_ACTIVATION, kernel_initializer=keras.initializers.GlorotUniform(seed)),
        layers.Dense(1, activation="sigmoid", kernel_initializer=keras.initializers.GlorotUniform(seed + 1)),
    ])
    model.compile(optimizer=keras.optimizers.Adam(LEARNING_RATE), loss="binary_crossentropy")
    return model


def _restart(model, rng) -> None:
    """New random starting weights (Glorot-uniform limits) and a fresh optimizer state, same compiled loop."""
    weights = []
    for w in model.get_weights():
        limit = np.sqrt(6 / sum(w.shape)) if w.ndim == 2 else 0.0
        weights.append(rng.uniform(-limit, limit, w.shape).astype("float32"))
    model.set_weights(weights)
    for v in model.optimizer.variables:
        if "learning_rate" not in v.name:  # Adam's step count, first and second moments
            v.assign(np.zeros(v.shape, v.dtype))


def train(seed: int = 0, epochs: int = EPOCHS, progress=None, chunk: int = 25) -> XorNet:
    """Fit the 2-2-1 net on XOR's truth table; restart from new weights until all four rows are right.

    `progress(done, total)` is called every `chunk` epochs (the loss is recorded there too).
    """
    import keras

    x, y = INPUTS.astype("float32"), TARGETS["xor"].astype("float32").reshape(-1, 1)
    rng = np.random.default_rng(seed)
    model = build_model(seed)
    fit = compiled_epochs(model, keras.losses.BinaryCrossentropy(), seed)
    for attempt in range(MAX_TRIES):
        _restart(model, rng)
        losses, done = [], 0
        while done < epochs:
            step = min(chunk, epochs - done)
            fit(x, y, step, batch_size=4)
            done += step
            net = _read(model, losses, attempt + 1, seed)
            losses.append((done, net.loss_now()))
            if progress is not None:
                progress(attempt * epochs + done, MAX_TRIES * epochs)
        if net.accuracy == 1.0:
            break
    return net


KERAS_CODE = f'''import numpy as np
import keras
from keras import layers

x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype="float32")
y = np.array([0, 1, 1, 0], dtype="float32")  # XOR

model = keras.Sequential([
    keras.Input(shape=(2,)),
    layers.Dense(2, activation="{HIDDEN_ACTIVATION}"),  # hidden layer: two neurons, two lines
    layers.Dense(1, activation="sigmoid"),  # output neuron: combines the two
])
model.compile(optimizer=keras.optimizers.Adam(learning_rate={LEARNING_RATE}), loss="binary_crossentropy")
model.fit(x, y, batch_size=4, epochs={EPOCHS}, verbose=0)
print(model.predict(x).round(3))  # if a 0.5 is left, rerun: unlucky starting weights
'''
