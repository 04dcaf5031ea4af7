"""The dog page's job: both networks loaded once per process, one batch per new set of photos (and
the photos of students who upload meanwhile: `ui/batching.py`), each photo's Grad-CAM overlay encoded
once at display size in the same job. It runs in scheduler workers (no Streamlit here)."""
from __future__ import annotations

from ui.batching import Batcher
from ui.media import shown
from ui.scheduler import load_once


@load_once
def dog_models():
    from models.dog_breeds.pipeline import load_models, warm_up

    return warm_up(load_models())


def _analyse(photos):
    """(result, overlay JPEG) per photo: the overlay of the class the page shows comes with the forward
    pass (`analyse`), so drawing it needs no second job, which in a class wave would queue again."""
    from models.dog_breeds.gradcam import overlay
    from models.dog_breeds.pipeline import analyse

    return [(result, shown(overlay(photo, result.heatmap))) for photo, result in zip(photos, analyse(dog_models(), photos))]


_ANALYSE = Batcher(_analyse, max_items=8)


def analyse_job(photos):
    """Both networks on these decoded photos (`LoadedImage`s, so a shared job is keyed by their digest
    instead of hashing their pixels again), in one pass with other students' photos that wait meanwhile:
    a (PhotoResult, Grad-CAM overlay JPEG) per photo."""
    return _ANALYSE([photo.image for photo in photos])
