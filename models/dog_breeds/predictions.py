"""From 1000 ImageNet logits to the answer users read: P(dog), breed shares, what else it sees.

Pure numpy, so the gate and the renormalisation are tested without TensorFlow.
P(dog) is the summed softmax over the 118 breed classes; breed shares are that slice renormalised
to 1, i.e. "if this is a dog, which breed?".
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.dog_breeds.names import DOG_FIRST, DOG_SLICE, Breed, dog_breeds, imagenet_classes, imagenet_wnids

DOG_THRESHOLD = 0.5  # below this summed probability we say "no dog found"
# The lecture's example: a top softmax score of 0.4 and one of 0.7 both "win", but they do not
# mean the same. Breed shares at or above SURE are confident, below UNSURE a guess.
SURE, UNSURE = 0.7, 0.4


def softmax(logits: np.ndarray) -> np.ndarray:
    z = np.asarray(logits, dtype=np.float64)
    z = np.exp(z - z.max(axis=-1, keepdims=True))
    return z / z.sum(axis=-1, keepdims=True)


@dataclass(frozen=True)
class BreedScore:
    breed: Breed
    p: float
    imagenet_index: int  # for Grad-CAM


@dataclass(frozen=True)
class ClassScore:
    name: str
    p: float
    imagenet_index: int


@dataclass(frozen=True)
class Prediction:
    p_dog: float
    breeds: tuple[BreedScore, ...]  # top-k breed shares (renormalised over the 118 breeds)
    imagenet_top: tuple[ClassScore, ...]  # top-k over all 1000 classes (raw softmax)

    @property
    def is_dog(self) -> bool:
        return self.p_dog >= DOG_THRESHOLD

    @property
    def explained_index(self) -> int:
        """The ImageNet class Grad-CAM explains on the page: the top breed of a dog, else the top class."""
        return self.breeds[0].imagenet_index if self.is_dog else self.imagenet_top[0].imagenet_index

    @property
    def confidence(self) -> str:
        """'sure' | 'leaning' | 'unsure', from the top breed share (the lecture's 0.7 vs 0.4)."""
        return confidence_level(self.breeds[0].p)


def confidence_level(top_p: float) -> str:
    if top_p >= SURE:
        return "sure"
    return "leaning" if top_p >= UNSURE else "unsure"


def interpret(logits: np.ndarray, k: int = 5) -> Prediction:
    """One image's 1000 logits → Prediction."""
    probs = softmax(logits)
    dog = probs[DOG_SLICE]
    p_dog = float(dog.sum())
    shares = dog / p_dog
    names = imagenet_classes()
    breeds = dog_breeds()
    top_breeds = np.argsort(-shares)[:k]
    top_all = np.argsort(-probs)[:k]
    return Prediction(
        p_dog=p_dog,
        breeds=tuple(BreedScore(breeds[i], float(shares[i]), DOG_FIRST + int(i)) for i in top_breeds),
        imagenet_top=tuple(ClassScore(names[i], float(probs[i]), int(i)) for i in top_all),
    )


def top_scores(probs: np.ndarray, classes: tuple[Breed, ...], k: int) -> tuple[BreedScore, ...]:
    """Top-k of a breed-only softmax (the specialist's output), keyed back to ImageNet indices."""
    wnids = imagenet_wnids()
    order = np.argsort(-probs)[:k]
    return tuple(BreedScore(classes[i], float(probs[i]), wnids.index(classes[i].wnid)) for i in order)
