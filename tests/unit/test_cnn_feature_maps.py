"""Feature maps: a unit worked out by hand equals what the CNN computed; receptive fields grow; ImageNet maps."""
import numpy as np
import pytest

from models.cnn.feature_maps import _image_span, example_digit, montage, strongest, strongest_unit


@pytest.fixture(scope="module")
def inspector():
    from models.cnn.feature_maps import DigitInspector
    from models.digits.predict import load_models

    return DigitInspector(load_models().cnn)


def test_maps_of_every_block(inspector):
    maps = inspector.maps(example_digit())
    assert {k: v.shape for k, v in maps.items() if k != "probabilities"} == {
        "relu1": (28, 28, 16), "pool1": (14, 14, 16), "relu2": (14, 14, 32), "pool2": (7, 7, 32),
        "relu3": (7, 7, 64), "pool3": (3, 3, 64)}
    assert int(maps["probabilities"].argmax()) == 4


@pytest.mark.parametrize("block", [1, 2, 3])
def test_a_unit_worked_out_by_hand_matches_the_network(inspector, block):
    image = example_digit()
    maps = inspector.maps(image)
    for channel in (0, 5):
        unit = strongest_unit(inspector, maps, image, block, channel)
        relu = maps[f"relu{block}"][..., channel]
        assert unit.after_relu == pytest.approx(float(relu.max()), abs=1e-3)


def test_receptive_fields_grow_with_depth():
    assert _image_span(1, 4, 7) == (4, 7)  # 3 pixels
    assert _image_span(2, 4, 7) == (7, 15)  # 8 pixels
    assert _image_span(3, 0, 3) == (0, 15)  # clipped at the border
    assert _image_span(3, 2, 5) == (5, 23)  # 18 pixels


def test_montage_and_strongest():
    maps = np.zeros((4, 4, 5), np.float32)
    maps[..., 3] = 2.0
    maps[0, 0, 1] = 1.0
    assert strongest(maps, 2).tolist() == [3, 1]
    sheet = montage(maps, [3, 1], columns=2, cell=8, gap=2)
    assert sheet.shape == (8, 18) and sheet[0, 0] == 255 and sheet[0, 8] == 255


def test_imagenet_feature_maps_of_a_photo():
    from skimage import data
    from PIL import Image

    from models.cnn.feature_maps import ImagenetInspector, imagenet_pictures

    inspector = ImagenetInspector()
    maps = inspector.maps(Image.fromarray(data.chelsea()))
    assert {k: v.shape for k, v in maps.items()} == {"stem": (112, 112, 32), "early": (56, 56, 144),
                                                    "middle": (14, 14, 480), "late": (7, 7, 1280)}
    assert all(v.min() >= 0 for v in maps.values())  # after ReLU6
    sheets, stem = imagenet_pictures(inspector, Image.fromarray(data.coffee()))
    assert set(sheets) == set(maps) and len(stem) == 16 and stem[0].shape == (48, 48, 3)
