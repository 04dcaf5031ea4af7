"""The CNN page's jobs: the digits CNN and the ImageNet backbone as feature-map inspectors, loaded once
per process; feature-map sheets encoded once at display size. They run in scheduler workers."""
from __future__ import annotations

from models.cnn.figures import colour_tiles, grey_picture
from ui.media import shown
from ui.scheduler import load_once


@load_once
def digit_inspector():
    from models.cnn.feature_maps import DigitInspector
    from models.digits.predict import load_models

    return DigitInspector(load_models().cnn)


@load_once
def imagenet_inspector():
    from models.cnn.feature_maps import ImagenetInspector

    return ImagenetInspector()


def digit_maps_job(image):
    return digit_inspector(), digit_inspector().maps(image)


def imagenet_job(photo):
    from models.cnn.feature_maps import imagenet_pictures

    sheets, stem = imagenet_pictures(imagenet_inspector(), photo)
    return {key: shown(grey_picture(sheet), 800) for key, sheet in sheets.items()}, colour_tiles(stem)
