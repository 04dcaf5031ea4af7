"""Both models on the same photos: what the page and the CLI call."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from models.dog_breeds.generalist import Generalist, load_generalist
from models.dog_breeds.predictions import BreedScore, Prediction
from models.dog_breeds.specialist import Specialist, load_specialist


@dataclass
class DogModels:
    generalist: Generalist  # its forward pass also gives each photo's Grad-CAM (`Generalist.class_map`)
    specialist: Specialist


@dataclass(frozen=True)
class PhotoResult:
    generalist: Prediction
    specialist: tuple[BreedScore, ...]  # top 3 of 19; it always names a breed, dog or not
    heatmap: np.ndarray | None = None  # Grad-CAM (7 × 7) of `generalist.explained_index`


def load_models(engine: str = "onnxruntime") -> DogModels:
    """Both networks; `engine` "onnxruntime" (the page: a third less CPU per photo, but exporting the two
    graphs takes about 4 s once) or "tensorflow" (the CLI's few photos)."""
    return DogModels(load_generalist(engine), load_specialist(engine))


def warm_up(models: DogModels) -> DogModels:
    """One photo through both networks (their first call allocates and plans), so the first real photo is
    as fast as the rest."""
    grey = Image.new("RGB", (224, 224), (128, 128, 128))
    analyse(models, [grey])
    return models


def prepare(image: Image.Image) -> tuple[np.ndarray, np.ndarray]:
    """One photo as both networks' inputs (the generalist's 224 px crop, the specialist's 160 px)."""
    from models.backbones.efficientnet_lite import preprocess as generalist_input
    from models.dog_breeds.specialist import preprocess as specialist_input

    return generalist_input(image), specialist_input(image)


def analyse(models: DogModels, images: list[Image.Image]) -> list[PhotoResult]:
    """Classify a batch: one forward pass per model for all photos; the generalist's pass also gives
    each photo's Grad-CAM of the class the page shows (no second pass, no backward pass)."""
    return analyse_prepared(models, [prepare(img) for img in images])


def analyse_prepared(models: DogModels, inputs: list[tuple[np.ndarray, np.ndarray]]) -> list[PhotoResult]:
    """`analyse` of photos already through `prepare`, so the page's batches of several students'
    photos run only the networks (each student's thread prepares its own photo meanwhile)."""
    if not inputs:
        return []
    general, maps = models.generalist.predict_with_maps(np.stack([g for g, _ in inputs]), k=5)
    special = models.specialist.predict(np.stack([s for _, s in inputs]), k=3)
    return [PhotoResult(g, s, models.generalist.class_map(m, g.explained_index))
            for g, s, m in zip(general, special, maps)]
