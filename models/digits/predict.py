"""Read a digit with both networks at once: probabilities, the MLP's 200 hidden units, and a verdict.

`load_models` builds both networks, loads the committed weights and traces one `tf.function` that
returns (MLP probabilities, MLP hidden activations, CNN probabilities) for a batch of 28×28 digits,
so a drawing costs one call. `read_digit` runs the preprocessing (`preprocess.to_mnist`) first.
A network whose top probability is below `SURE` says "not sure": what an empty canvas gets is
decided before any network runs (`EmptyDrawing`), a scribble that is no digit usually lands here.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.digits.preprocess import Preprocessed, to_mnist

SURE = 0.6  # below this top probability a network is "not sure"
NAMES = ("mlp", "cnn")


@dataclass(frozen=True)
class Answer:
    probs: np.ndarray  # (10,)

    @property
    def digit(self) -> int:
        return int(np.argmax(self.probs))

    @property
    def top(self) -> float:
        return float(self.probs.max())

    @property
    def sure(self) -> bool:
        return self.top >= SURE


@dataclass(frozen=True)
class Reading:
    pre: Preprocessed
    mlp: Answer
    cnn: Answer
    hidden: np.ndarray  # (200,) logistic activations in [0, 1]

    @property
    def verdict(self) -> str:
        """'agree' | 'disagree' | 'one_unsure' | 'both_unsure' — what the page explains."""
        if not (self.mlp.sure or self.cnn.sure):
            return "both_unsure"
        if not (self.mlp.sure and self.cnn.sure):
            return "one_unsure"
        return "agree" if self.mlp.digit == self.cnn.digit else "disagree"

    def as_dict(self) -> dict:
        return {name: {"digit": ans.digit, "top": round(ans.top, 4), "sure": ans.sure,
                       "probabilities": [round(float(p), 4) for p in ans.probs]}
                for name, ans in (("mlp", self.mlp), ("cnn", self.cnn))} | {
            "verdict": self.verdict, "inverted": self.pre.inverted,
            "image_28x28": np.round(self.pre.image, 3).tolist()}


class DigitModels:
    """Both networks with committed weights, and one traced call that runs them together."""

    def __init__(self, mlp, cnn):
        import keras
        import tensorflow as tf

        self.mlp, self.cnn = mlp, cnn
        self.hidden = keras.Model(mlp.input, mlp.get_layer("hidden").output)
        self._run = tf.function(lambda x: (self.mlp(x, training=False), self.hidden(x, training=False),
                                           self.cnn(x, training=False)), reduce_retracing=True)

    def run(self, images: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """images (N, 28, 28) in [0, 1] → (MLP probs (N, 10), hidden (N, 200), CNN probs (N, 10))."""
        return tuple(t.numpy() for t in self._run(np.asarray(images, np.float32).reshape(-1, 28, 28)))

    def probabilities(self, images: np.ndarray, batch: int = 2000) -> dict[str, np.ndarray]:
        """Both networks' probabilities for many digits (evaluation), in fixed-size batches."""
        out = {"mlp": [], "cnn": []}
        for start in range(0, len(images), batch):
            mlp, _, cnn = self.run(images[start:start + batch])
            out["mlp"].append(mlp)
            out["cnn"].append(cnn)
        return {k: np.concatenate(v) for k, v in out.items()}


def load_models(artifacts=None) -> DigitModels:
    from models.digits.networks import build
    from models.digits.train import ARTIFACTS

    folder = artifacts or ARTIFACTS
    models = []
    for name in NAMES:
        path = folder / f"{name}.weights.h5"
        if not path.is_file():
            raise FileNotFoundError(f"missing {path}: run `python -m models.digits.train`")
        model = build(name)
        model.load_weights(path)
        models.append(model)
    digits = DigitModels(*models)
    digits.run(np.zeros((1, 28, 28), np.float32))  # trace once now, not on the first student's drawing
    return digits


def read(models: DigitModels, pre: Preprocessed) -> Reading:
    """Both networks on an already preprocessed digit."""
    mlp, hidden, cnn = models.run(pre.image[None])
    return Reading(pre, Answer(mlp[0]), Answer(cnn[0]), hidden[0])


def read_digit(models: DigitModels, picture, photo: bool = False, scale_stroke: bool = True) -> Reading:
    """Preprocess a drawing or photo, then both networks. Raises `EmptyDrawing` when there is no ink."""
    return read(models, to_mnist(picture, photo=photo, scale_stroke=scale_stroke))
