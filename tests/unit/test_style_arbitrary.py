"""Magenta's arbitrary stylisation through onnxruntime: style vectors, sizes, strength."""
import numpy as np
import pytest

from models.style.arbitrary import VECTOR_SIZE, load_arbitrary
from tests.unit.style_fixtures import example_image


@pytest.fixture(scope="module")
def styler():
    return load_arbitrary()


@pytest.fixture(scope="module")
def scream():
    return example_image("scream")


@pytest.fixture(scope="module")
def dog():
    return example_image("dog")


def test_style_vectors_differ_between_paintings(styler, scream, dog):
    a, b = styler.style_vector(scream), styler.style_vector(dog)
    assert a.shape == (1, 1, 1, VECTOR_SIZE)
    assert np.abs(a - b).mean() > 0.05


@pytest.mark.parametrize("size,max_side,expected", [((768, 576), 384, (384, 288)), ((200, 600), 768, (200, 600)),
                                                    ((40, 200), 768, (40, 200)), ((1600, 900), 800, (800, 450))])
def test_output_keeps_size_and_aspect_ratio(styler, scream, dog, size, max_side, expected):
    assert styler.stylise(dog.resize(size), scream, max_side=max_side).size == expected


def test_strength_zero_stays_closer_to_the_photo(styler, scream, dog):
    photo = np.asarray(dog.resize((384, 288)), np.float32)
    err = {s: np.abs(np.asarray(styler.stylise(dog, scream, s, 384), np.float32) - photo).mean() for s in (0.0, 1.0)}
    assert err[0.0] < err[1.0]
    with pytest.raises(ValueError):
        styler.stylise(dog, scream, strength=-0.1)
