"""Inside a CNN: the notes' example values, and the speed of filters and feature maps."""
from __future__ import annotations

from bench.timing import median_warm



def _median_ms(fn, repeats: int) -> float:
    """The shared timing rule (bench/timing.py): median of warm runs after one warm-up, in ms."""
    return median_warm(fn, repeats).ms


def run() -> list[dict]:
    from PIL import Image
    from skimage import data

    from models.cnn.feature_maps import DigitInspector, ImagenetInspector, example_digit, imagenet_pictures
    from models.cnn.filters import KERNELS, NOTES_EDGE, NOTES_EDGE_MIRRORED, convolve, filter_photo
    from models.digits.predict import load_models

    photo = Image.fromarray(data.astronaut())
    imagenet = ImagenetInspector()
    imagenet_pictures(imagenet, photo)
    maps_ms = _median_ms(lambda: imagenet_pictures(imagenet, photo), 10)
    net_ms = _median_ms(lambda: imagenet.maps(photo), 10)
    digits = DigitInspector(load_models().cnn)
    digit = example_digit()
    digit_ms = _median_ms(lambda: digits.maps(digit), 30)
    filter_ms = _median_ms(lambda: filter_photo(photo, KERNELS["vertical_edge"]), 10)
    k = KERNELS["vertical_edge"]
    return [
        {"name": "notes' example: black → white edge", "value": float(convolve(NOTES_EDGE, k)[0, 1]), "unit": "",
         "note": "the notes compute 3"},
        {"name": "notes' example: white → black edge", "value": float(convolve(NOTES_EDGE_MIRRORED, k)[0, 1]),
         "unit": "", "note": "the notes compute −3"},
        {"name": "ImageNet feature maps of one photo (4 layers + pictures)", "value": maps_ms, "unit": "ms",
         "goal": 300, "better": "lower", "note": f"network alone {net_ms:.0f} ms (EfficientNet-Lite0, 224 px)"},
        {"name": "digits CNN feature maps of one digit", "value": digit_ms, "unit": "ms"},
        {"name": "3×3 filter on a 512-px photo", "value": filter_ms, "unit": "ms"},
    ]
