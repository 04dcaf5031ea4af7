"""Both models on the same photos: what the page and the CLI call."""
from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from models.dog_breeds.generalist import Generalist, load_generalist
from models.dog_breeds.gradcam import GradCam
from models.dog_breeds.predictions import BreedScore, Prediction
from models.dog_breeds.specialist import Specialist, load_specialist


@dataclass
class DogModels:
    generalist: Generalist
    specialist: Specialist
    gradcam: GradCam


@dataclass(frozen=True)
class PhotoResult:
    generalist: Prediction
    specialist: tuple[BreedScore, ...]  # top 3 of 19; it always names a breed, dog or not


def load_models() -> DogModels:
    generalist = load_generalist()
    return DogModels(generalist, load_specialist(), GradCam(generalist.model))


def warm_up(models: DogModels) -> DogModels:
    """Trace every tf.function once (a few seconds), so the first real photo is as fast as the rest."""
    grey = Image.new("RGB", (224, 224), (128, 128, 128))
    analyse(models, [grey])
    models.gradcam.heatmap(grey, 0)
    return models


def analyse(models: DogModels, images: list[Image.Image]) -> list[PhotoResult]:
    """Classify a batch: one forward pass per model for all photos."""
    general = models.generalist.classify(images, k=5)
    special = models.specialist.classify(images, k=3)
    return [PhotoResult(g, s) for g, s in zip(general, special)]
