"""The dog page's job: both networks loaded once per process, one pass per new set of photos (and
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


def _analyse(inputs):
    from models.dog_breeds.pipeline import analyse_prepared

    return analyse_prepared(dog_models(), inputs)


_ANALYSE = Batcher(_analyse, max_items=8)


def analyse_job(photos):
    """Both networks on these decoded photos (`LoadedImage`s, so a shared job is keyed by their digest
    instead of hashing their pixels again): a (PhotoResult, Grad-CAM overlay JPEG) per photo.

    Only the networks run in the pass shared with other students' photos that wait meanwhile
    (`ui/batching.py`, one pass at a time); this job's own worker thread prepares its photos' inputs
    before and draws their overlays after (the overlay of the class the page shows comes with the
    forward pass), so the shared pass stays short and every worker has work."""
    from models.dog_breeds.gradcam import overlay
    from models.dog_breeds.pipeline import prepare

    results = _ANALYSE([prepare(photo.image) for photo in photos])
    return [(result, shown(overlay(photo.image, result.heatmap))) for photo, result in zip(photos, results)]
