"""A drawing or photo becomes MNIST-like: cropped, fitted to 20×20, centred by mass, strokes as wide as MNIST's."""
import gzip
import io
import pickle

import numpy as np
import pytest
from PIL import Image, ImageDraw
from scipy import ndimage
from skimage.morphology import skeletonize

from models.digits.data import NumpyOnlyUnpickler, Split, deduplicated
from models.digits.preprocess import MNIST_STROKE, EmptyDrawing, to_mnist


def canvas_drawing(points, width, size=280, background=(0, 0, 0, 0), ink=(0, 0, 0, 255)) -> Image.Image:
    img = Image.new("RGBA", (size, size), background)
    ImageDraw.Draw(img).line(points, fill=ink, width=width, joint="curve")
    return img


def stroke_width(image: np.ndarray) -> float:
    return image.sum() / max(skeletonize(image > 0.5).sum(), 1)


def test_small_thin_off_centre_seven_ends_up_centred_and_mnist_like():
    drawing = canvas_drawing([(20, 20), (80, 20), (35, 110)], width=3)  # top-left corner, hairline
    pre = to_mnist(drawing)
    image = pre.image
    assert image.shape == (28, 28) and image.dtype == np.float32 and 0 <= image.min() and image.max() <= 1
    cy, cx = ndimage.center_of_mass(image)
    assert abs(cy - 14) <= 1 and abs(cx - 14) <= 1
    rows, cols = np.flatnonzero(image.max(1) > 0.1), np.flatnonzero(image.max(0) > 0.1)
    assert 19 <= rows[-1] - rows[0] + 1 <= 21  # the longer side fills the 20-pixel box
    assert cols[-1] - cols[0] + 1 < 20
    assert abs(stroke_width(image) - MNIST_STROKE) < 0.8
    assert pre.inverted  # black ink on a (transparent = white) canvas
    assert [name for name, _ in pre.steps] == ["grey", "invert", "crop", "stroke", "fit", "centre"]


def test_fat_pen_is_thinned_and_stroke_scaling_can_be_switched_off():
    fat = canvas_drawing([(100, 100), (190, 100), (130, 190)], width=30)  # a small "7", fat pen
    thinned, kept = stroke_width(to_mnist(fat).image), stroke_width(to_mnist(fat, scale_stroke=False).image)
    assert thinned < 0.8 * kept and thinned > MNIST_STROKE - 0.8  # thinner, but no stroke is eaten away


def test_white_ink_on_black_is_not_inverted():
    img = canvas_drawing([(140, 40), (140, 240)], width=20, background=(0, 0, 0, 255), ink=(255, 255, 255, 255))
    pre = to_mnist(img.convert("RGB"))
    assert not pre.inverted and pre.image.max() > 0.9


def test_photo_of_a_digit_on_unevenly_lit_paper():
    h, w = 300, 400
    paper = np.linspace(0.95, 0.55, w)[None, :].repeat(h, 0)  # a shadow across the page
    img = Image.fromarray(np.rint(paper * 255).astype(np.uint8)).convert("RGB")
    ImageDraw.Draw(img).line([(200, 60), (200, 240)], fill=(40, 40, 40), width=12)
    pre = to_mnist(img, photo=True)
    cols = np.flatnonzero(pre.image.max(0) > 0.3)
    assert pre.inverted and len(cols) <= 6  # a thin upright stroke, not the shadow
    assert abs(ndimage.center_of_mass(pre.image)[1] - 14) <= 1


@pytest.mark.parametrize("picture", [Image.new("RGBA", (280, 280), (0, 0, 0, 0)),
                                     Image.new("RGB", (280, 280), "white"), np.zeros((28, 28))])
def test_empty_canvas_is_reported(picture):
    with pytest.raises(EmptyDrawing):
        to_mnist(picture)


def test_a_speck_does_not_stretch_the_box():
    drawing = canvas_drawing([(140, 60), (140, 220)], width=14)
    ImageDraw.Draw(drawing).point([(10, 10), (11, 10)], fill=(0, 0, 0, 255))
    pre = to_mnist(drawing)
    crop = dict(pre.steps)["crop"]
    assert crop.shape[0] > 100 and crop.shape[1] < 40


def test_mnist_file_reader_refuses_anything_but_numpy_arrays():
    class Evil:
        def __reduce__(self):
            import os
            return (os.system, ("echo pwned",))

    for payload in (pickle.dumps(Evil()), pickle.dumps(Split)):
        with pytest.raises(pickle.UnpicklingError):
            NumpyOnlyUnpickler(io.BytesIO(payload)).load()
    arrays = (np.arange(6, dtype=np.float32).reshape(2, 3), np.array([1, 2]))
    buf = io.BytesIO()
    with gzip.open(buf, "wb") as fh:
        pickle.dump(arrays, fh, protocol=4)
    buf.seek(0)
    with gzip.open(buf) as fh:
        loaded = NumpyOnlyUnpickler(fh, encoding="latin1").load()
    assert loaded[0].tolist() == arrays[0].tolist()


def test_test_images_seen_in_training_are_removed():
    rng = np.random.default_rng(0)
    train = Split(rng.integers(0, 255, (5, 28, 28), dtype=np.uint8), np.arange(5))
    test = Split(np.concatenate([train.x[:2], rng.integers(0, 255, (3, 28, 28), dtype=np.uint8)]), np.arange(5))
    kept = deduplicated(test, train)
    assert len(kept) == 3 and kept.y.tolist() == [2, 3, 4]
