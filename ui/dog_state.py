"""The dog page's jobs: both networks loaded once per process, one batch per new set of photos,
Grad-CAM overlays encoded once at display size. They run in scheduler workers (no Streamlit here)."""
from __future__ import annotations

from ui.media import shown
from ui.scheduler import load_once


@load_once
def dog_models():
    from models.dog_breeds.pipeline import load_models, warm_up

    return warm_up(load_models())


def analyse_job(photos):
    from models.dog_breeds.pipeline import analyse

    return analyse(dog_models(), photos)


def overlay_job(photo, heatmap) -> bytes:
    """The shown class's Grad-CAM, which `analyse` already made in its forward pass, over the photo."""
    from models.dog_breeds.gradcam import overlay

    return shown(overlay(photo, heatmap))
