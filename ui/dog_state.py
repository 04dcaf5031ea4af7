"""The dog page's jobs: both networks loaded once per process, one batch per new set of photos (and
the photos of students who upload meanwhile: `ui/batching.py`), Grad-CAM overlays encoded once at
display size. They run in scheduler workers (no Streamlit here)."""
from __future__ import annotations

from ui.batching import Batcher
from ui.media import shown
from ui.scheduler import load_once


@load_once
def dog_models():
    from models.dog_breeds.pipeline import load_models, warm_up

    return warm_up(load_models())


def _analyse(photos):
    from models.dog_breeds.pipeline import analyse

    return analyse(dog_models(), photos)


_ANALYSE = Batcher(_analyse, max_items=8)


def analyse_job(photos):
    """Both networks on these decoded photos (`LoadedImage`s, so a shared job is keyed by their digest
    instead of hashing their pixels again), in one pass with other students' photos that wait meanwhile."""
    return _ANALYSE([photo.image for photo in photos])


def overlay_job(photo, heatmap) -> bytes:
    """The shown class's Grad-CAM, which `analyse` already made in its forward pass, over the decoded photo."""
    from models.dog_breeds.gradcam import overlay

    return shown(overlay(photo.image, heatmap))
