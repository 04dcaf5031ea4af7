"""The dog page's job: both networks loaded once per process, one pass per new set of photos (and
the photos of students who upload meanwhile: `ui/batching.py`), each photo's Grad-CAM overlay encoded
once at display size in the same job. It runs in scheduler workers (no Streamlit here)."""
from __future__ import annotations

import time
from dataclasses import dataclass

from ui.batching import Batcher
from ui.media import shown
from ui.scheduler import load_once


@load_once
def dog_models():
    from models.dog_breeds.pipeline import load_models, warm_up

    return warm_up(load_models())


@dataclass(frozen=True)
class DogAnalysis:
    photos: list  # (PhotoResult, Grad-CAM overlay JPEG) per photo, in order
    compute_ms: float  # the job's own work: inputs, its photos' share of the networks' pass, overlays


def _analyse(inputs):
    """One pass of the networks over every waiting student's inputs: (PhotoResult, seconds) per photo,
    where seconds is the photo's share of the pass (not the models' loading)."""
    from models.dog_breeds.pipeline import analyse_prepared

    models = dog_models()
    start = time.perf_counter()
    results = analyse_prepared(models, inputs)
    share = (time.perf_counter() - start) / len(inputs)
    return [(result, share) for result in results]


_ANALYSE = Batcher(_analyse, max_items=8)


def analyse_job(photos) -> DogAnalysis:
    """Both networks on these decoded photos (`LoadedImage`s, so a shared job is keyed by their digest
    instead of hashing their pixels again): a (PhotoResult, Grad-CAM overlay JPEG) per photo, and the
    computing time the page shows, which leaves out the wait in the queue, the wait for the pass in
    progress and the models' one-time loading (a first visitor's 20 s is not "classified in 20 s").

    Only the networks run in the pass shared with other students' photos that wait meanwhile
    (`ui/batching.py`, one pass at a time); this job's own worker thread prepares its photos' inputs
    before and draws their overlays after (the overlay of the class the page shows comes with the
    forward pass), so the shared pass stays short and every worker has work."""
    from models.dog_breeds.gradcam import overlay
    from models.dog_breeds.pipeline import prepare

    dog_models()  # loaded once per process, before the clock starts
    start = time.perf_counter()
    inputs = [prepare(photo.image) for photo in photos]
    own = time.perf_counter() - start
    analysed = _ANALYSE(inputs)
    start = time.perf_counter()
    pairs = [(result, shown(overlay(photo.image, result.heatmap))) for photo, (result, _) in zip(photos, analysed)]
    own += time.perf_counter() - start
    return DogAnalysis(pairs, 1000 * (own + sum(share for _, share in analysed)))
