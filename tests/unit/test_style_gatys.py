"""Gatys optimisation on the VGG16 features: losses fall step by step, sizes are kept."""
import numpy as np
import pytest
from PIL import Image

from models.style.gatys import GatysJob, gram, load_gatys
from tests.unit.style_fixtures import example_image


@pytest.fixture(scope="module")
def model():
    return load_gatys()


def test_gram_is_channel_correlation():
    f = np.arange(24, dtype=np.float32).reshape(1, 2, 4, 3)
    flat = f.reshape(-1, 3)
    assert np.allclose(gram(f).numpy(), flat.T @ flat / 8)


def test_steps_lower_the_loss_and_keep_the_aspect_ratio(model):
    photo, scream = example_image("dog"), example_image("scream")
    job = GatysJob(model, photo, scream, max_side=96)
    first = job.step()
    for _ in range(5):
        last = job.step()
    assert job.steps_done == 6 and len(job.history) == 6
    assert last["style"] < first["style"] and last["loss"] < first["loss"]
    assert job.image().size == (96, 72)  # 768×576 photo, longer side 96


def test_size_is_capped(model):
    img = Image.new("RGB", (64, 64))
    with pytest.raises(ValueError):
        GatysJob(model, img, img, max_side=1024)
