"""The Keras network a student builds in the playground, trained a few epochs at a time and drawn live.

Algorithm
---------
Settings up front (`Settings`): data set, noise, train:test ratio, input features, hidden layers
(0–6 layers of 1–8 neurons), activation, optimizer and learning rate, L1/L2 regularisation and its
rate, batch size. `build_model` turns them into a `keras.Sequential`: one `Dense` layer per hidden
layer and a single sigmoid output neuron (the probability of the blue class), compiled with binary
cross-entropy. `keras_code` prints exactly that model as code to copy.

`Trainer` trains it the way `model.fit` does (shuffle every epoch, mini-batches, the optimizer's
update on the loss plus the regularisation penalty), but inside one `tf.function` (`loop.py`) that
runs several epochs per call: a page can then train for ~50 ms, redraw, and train again, five or more times a
second, where a `fit` call per redraw would spend most of its time setting up. After each call
`snapshot` reads the weights back and computes everything the page draws with NumPy: the output over
the picture square, every neuron's own output (the small heatmaps), train and test loss and accuracy.

Overfitting (`overfitting`): the test loss has climbed clearly above its lowest point while the
training loss kept falling: the network is learning the training points' noise, not the pattern.
"""
from __future__ import annotations

import threading
import time
from dataclasses import asdict, dataclass, field, replace

import numpy as np

from models.neurons import datasets
from models.neurons.loop import compiled_epochs

ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear")
OPTIMIZERS = ("sgd", "adam")
REGULARIZERS = ("none", "l1", "l2")
MAX_LAYERS, MAX_NEURONS = 6, 8
BATCH_SIZES = (1, 5, 10, 20, 30, 50, 100)
LEARNING_RATES = (0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
REG_RATES = (0.0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
MAX_EPOCHS = 3000  # a visitor's training stops here, or after MAX_TRAIN_S of training: bounded work per student
MAX_TRAIN_S = 120.0
SURFACE_RES, NEURON_RES = 48, 20
EPS = 1e-7  # as Keras clips probabilities in binary cross-entropy
OVERFIT_RISE = 0.10  # test loss 10 % above its minimum …
OVERFIT_MIN_EPOCHS = 20  # … at least this many epochs after the minimum


@dataclass(frozen=True)
class Settings:
    dataset: str = "circle"
    noise: float = 0.0
    train_ratio: float = datasets.TRAIN_RATIO
    features: tuple[str, ...] = ("x1", "x2")
    layers: tuple[int, ...] = (4, 2)
    activation: str = "tanh"
    optimizer: str = "adam"
    learning_rate: float = 0.03
    regularization: str = "none"
    reg_rate: float = 0.0
    batch_size: int = 10
    n_points: int = datasets.N_POINTS
    data_seed: int = 0
    seed: int = 0

    def __post_init__(self):
        checks = [
            (self.dataset in datasets.DATASETS, f"dataset must be one of {', '.join(datasets.DATASETS)}"),
            (0 <= self.noise <= datasets.MAX_NOISE, f"noise must lie between 0 and {datasets.MAX_NOISE}"),
            (0.05 <= self.train_ratio <= 0.95, "train ratio must lie between 0.05 and 0.95"),
            (bool(self.features) and set(self.features) <= set(datasets.FEATURES),
             f"features must be chosen from {', '.join(datasets.FEATURES)}"),
            (len(self.features) == len(set(self.features)), "each feature at most once"),
            (len(self.layers) <= MAX_LAYERS and all(1 <= n <= MAX_NEURONS for n in self.layers),
             f"at most {MAX_LAYERS} hidden layers of 1–{MAX_NEURONS} neurons"),
            (self.activation in ACTIVATIONS, f"activation must be one of {', '.join(ACTIVATIONS)}"),
            (self.optimizer in OPTIMIZERS, f"optimizer must be one of {', '.join(OPTIMIZERS)}"),
            (0 < self.learning_rate <= 10, "learning rate must lie in (0, 10]"),
            (self.regularization in REGULARIZERS, f"regularization must be one of {', '.join(REGULARIZERS)}"),
            (0 <= self.reg_rate <= 10, "regularization rate must lie between 0 and 10"),
            (1 <= self.batch_size <= 500, "batch size must lie between 1 and 500"),
            (20 <= self.n_points <= 2000, "number of points must lie between 20 and 2000"),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(message)

    @property
    def regularized(self) -> bool:
        return self.regularization != "none" and self.reg_rate > 0


PRESETS: dict[str, Settings] = {
    "playground": Settings(),
    "circle_features": Settings(dataset="circle", features=("x1^2", "x2^2"), layers=(), learning_rate=0.03),
    "xor_feature": Settings(dataset="xor", features=("x1x2",), layers=(), learning_rate=0.03),
    "spiral": Settings(dataset="spiral", features=("x1", "x2"), layers=(8, 8, 8, 8, 8, 8), activation="relu",
                       learning_rate=0.003, batch_size=10),
    "overfit": Settings(dataset="gauss", noise=0.5, train_ratio=0.1, features=("x1", "x2"),
                        layers=(8, 8, 8, 8, 8, 8), activation="relu", learning_rate=0.01, batch_size=5),
}


def data_for(s: Settings) -> datasets.Split:
    return datasets.make_split(s.dataset, s.noise, s.train_ratio, s.n_points, s.data_seed)


def build_model(s: Settings):
    """keras.Sequential: Input(features) → Dense(n, activation) per hidden layer → Dense(1, sigmoid)."""
    import keras
    from keras import layers

    def regularizer():
        if not s.regularized:
            return None
        return keras.regularizers.L1(s.reg_rate) if s.regularization == "l1" else keras.regularizers.L2(s.reg_rate)

    def init(i: int):
        return keras.initializers.GlorotUniform(seed=s.seed * 100 + i)

    stack = [keras.Input(shape=(len(s.features),))]
    for i, units in enumerate(s.layers):
        stack.append(layers.Dense(units, activation=s.activation, kernel_regularizer=regularizer(),
                                  kernel_initializer=init(i)))
    stack.append(layers.Dense(1, activation="sigmoid", kernel_regularizer=regularizer(),
                              kernel_initializer=init(len(s.layers))))
    model = keras.Sequential(stack)
    optimizer = (keras.optimizers.Adam if s.optimizer == "adam" else keras.optimizers.SGD)(learning_rate=s.learning_rate)
    model.compile(optimizer=optimizer, loss="binary_crossentropy", metrics=["accuracy"])
    return model


def keras_code(s: Settings, epochs: int = 300) -> str:
    """The running model as code to copy: data, features, Sequential, compile, fit."""
    feats = ", ".join(datasets.FEATURE_CODE[f] for f in s.features)
    reg = ""
    if s.regularized:
        reg = f", kernel_regularizer=keras.regularizers.{s.regularization.upper()}({s.reg_rate:g})"
    hidden = "".join(f'    layers.Dense({n}, activation="{s.activation}"{reg}),\n' for n in s.layers)
    opt = "Adam" if s.optimizer == "adam" else "SGD"
    return (
        "import numpy as np\nimport keras\nfrom keras import layers\n\n"
        f"keras.utils.set_random_seed({s.seed})\n"
        f"# x_train: ({round(s.n_points * s.train_ratio)}, 2) points in [-6, 6]², y_train: 0/1 labels "
        f"({s.dataset}, noise {s.noise:g}); the same for x_test, y_test\n\n"
        "def features(x):\n    x1, x2 = x[:, 0], x[:, 1]\n"
        f"    return np.stack([{feats}], axis=1)\n\n"
        "model = keras.Sequential([\n"
        f"    keras.Input(shape=({len(s.features)},)),\n"
        f"{hidden}"
        f'    layers.Dense(1, activation="sigmoid"{reg}),\n'
        "])\n"
        f"model.compile(optimizer=keras.optimizers.{opt}(learning_rate={s.learning_rate:g}),\n"
        '              loss="binary_crossentropy", metrics=["accuracy"])\n'
        f"model.fit(features(x_train), y_train, batch_size={s.batch_size}, epochs={max(1, epochs)},\n"
        "          validation_data=(features(x_test), y_test))\n"
    )


def _act(z: np.ndarray, name: str) -> np.ndarray:
    if name == "relu":
        return np.maximum(z, 0)
    if name == "tanh":
        return np.tanh(z)
    if name == "sigmoid":
        return 0.5 * (1 + np.tanh(z / 2))  # the sigmoid, without overflow
    return z


def forward(weights: list[np.ndarray], s: Settings, x: np.ndarray) -> list[np.ndarray]:
    """Every layer's output for points `x` (n, 2): [features, hidden 1, …, probability (n, 1)]."""
    outs = [datasets.feature_map(x, s.features)]
    for i in range(0, len(weights), 2):
        last = i == len(weights) - 2
        outs.append(_act(outs[-1] @ weights[i] + weights[i + 1], "sigmoid" if last else s.activation))
    return outs


def bce(p: np.ndarray, y: np.ndarray) -> float:
    p = np.clip(p.ravel(), EPS, 1 - EPS)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


@dataclass
class Snapshot:
    """What the page draws after some training: all NumPy, all small."""
    epoch: int
    surface: np.ndarray  # (SURFACE_RES, SURFACE_RES) probability of class 1 over the square
    neurons: list[np.ndarray]  # per layer (features, hidden…, output): (NEURON_RES, NEURON_RES, units)
    weights: list[np.ndarray]  # kernels only, per layer (units in, units out)
    train_loss: float
    test_loss: float
    train_acc: float
    test_acc: float


@dataclass
class Trainer:
    """One visitor's network and data; `train_for` runs bounded chunks, `snapshot` reads the picture."""
    settings: Settings
    data: datasets.Split = field(init=False)
    epoch: int = 0
    trained_s: float = 0.0
    history: list[dict] = field(default_factory=list)

    def __post_init__(self):
        import keras
        import tensorflow as tf

        s = self.settings
        self.data = data_for(s)
        self.lock = threading.Lock()
        self.model = build_model(s)
        self._x = tf.constant(datasets.feature_map(self.data.x_train, s.features))
        self._y = tf.constant(self.data.y_train.reshape(-1, 1).astype(np.float32))
        self._epochs_fn = compiled_epochs(self.model, keras.losses.BinaryCrossentropy(), s.seed)
        self._per_epoch_s: float | None = None
        self._traced = False
        self.history.append(self._measure())

    def train(self, epochs: int) -> None:
        with self.lock:
            epochs = max(0, min(epochs, MAX_EPOCHS - self.epoch))
            if epochs and not self.done:
                start = time.perf_counter()
                self._epochs_fn(self._x, self._y, epochs, self.settings.batch_size)
                self.trained_s += time.perf_counter() - start
                self.epoch += epochs
                self.history.append(self._measure())

    def train_for(self, seconds: float, max_chunk: int = 200) -> int:
        """Train as many whole epochs as fit in about `seconds` (at least one); returns how many.

        The first call traces the compiled loop (one epoch); later calls size the chunk from the
        measured time per epoch, so every call stays bounded.
        """
        if self.done:
            return 0
        n = 1 if self._per_epoch_s is None else int(np.clip(seconds / max(self._per_epoch_s, 1e-5), 1, max_chunk))
        start = time.perf_counter()
        before = self.epoch
        self.train(n)
        if self._traced:
            self._per_epoch_s = (time.perf_counter() - start) / max(1, self.epoch - before)
        self._traced = True
        return self.epoch - before

    @property
    def done(self) -> bool:
        return self.epoch >= MAX_EPOCHS or self.trained_s >= MAX_TRAIN_S

    def weights(self) -> list[np.ndarray]:
        return [np.asarray(w) for w in self.model.get_weights()]

    def _measure(self) -> dict:
        w, s, d = self.weights(), self.settings, self.data
        p_train, p_test = forward(w, s, d.x_train)[-1], forward(w, s, d.x_test)[-1]
        return {"epoch": self.epoch, "train_loss": bce(p_train, d.y_train), "test_loss": bce(p_test, d.y_test),
                "train_acc": float(np.mean((p_train.ravel() > 0.5) == d.y_train)),
                "test_acc": float(np.mean((p_test.ravel() > 0.5) == d.y_test))}

    def snapshot(self) -> Snapshot:
        with self.lock:
            w = self.weights()
            last = self.history[-1]
        s = self.settings
        _, surface_points = datasets.grid(SURFACE_RES)
        _, tile_points = datasets.grid(NEURON_RES)
        surface = forward(w, s, surface_points)[-1].reshape(SURFACE_RES, SURFACE_RES)
        neurons = [o.reshape(NEURON_RES, NEURON_RES, -1) for o in forward(w, s, tile_points)]
        return Snapshot(self.epoch, surface, neurons, w[0::2], last["train_loss"], last["test_loss"],
                        last["train_acc"], last["test_acc"])


class LiveRun:
    """One visitor's live training: a `Trainer` for the current settings, replaced when they change.

    Called from a scheduler worker once per redraw; the lock keeps two calls from training the same
    network at once (a page rerun can leave an earlier call finishing in the background).
    """

    def __init__(self):
        self._lock = threading.Lock()
        self.trainer: Trainer | None = None

    def step(self, settings: Settings, seconds: float = 0.0, epochs: int = 0) -> tuple[Trainer, Snapshot]:
        """Train `epochs` epochs, or for about `seconds`, or not at all; a fresh network when settings changed."""
        with self._lock:
            if self.trainer is None or self.trainer.settings != settings:
                self.trainer = Trainer(settings)
            elif epochs:
                self.trainer.train(epochs)
            elif seconds:
                self.trainer.train_for(seconds)
            return self.trainer, self.trainer.snapshot()


def overfitting(history: list[dict]) -> dict | None:
    """When the test loss rose ≥ 10 % above its minimum, ≥ 20 epochs ago, while the train loss fell."""
    if len(history) < 3:
        return None
    best = min(history, key=lambda h: h["test_loss"])
    now = history[-1]
    if (now["test_loss"] >= best["test_loss"] * (1 + OVERFIT_RISE) and now["epoch"] - best["epoch"] >= OVERFIT_MIN_EPOCHS
            and now["train_loss"] < best["train_loss"]):
        return {"best_epoch": best["epoch"], "best_test_loss": best["test_loss"], "test_loss": now["test_loss"],
                "train_loss": now["train_loss"]}
    return None


def train_until(s: Settings, epochs: int, seconds: float | None = None, chunk: int = 10) -> Trainer:
    """Train a fresh network `epochs` epochs (or until `seconds` passed), measuring every `chunk` epochs."""
    trainer = Trainer(s)
    start = time.perf_counter()
    while trainer.epoch < epochs and (seconds is None or time.perf_counter() - start < seconds):
        trainer.train(min(chunk, epochs - trainer.epoch))
    return trainer


def summary(trainer: Trainer, seconds: float) -> dict:
    last = trainer.history[-1]
    return {"settings": {**asdict(trainer.settings), "features": list(trainer.settings.features),
                         "layers": list(trainer.settings.layers)},
            "epochs": trainer.epoch, "seconds": round(seconds, 2),
            **{k: round(v, 4) for k, v in last.items() if k != "epoch"},
            "overfitting": overfitting(trainer.history)}


__all__ = ["Settings", "PRESETS", "Trainer", "build_model", "keras_code", "forward", "overfitting", "replace"]
