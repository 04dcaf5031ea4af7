"""The 2-D toy GAN: its data sets, the mode-coverage measure, and a short training run."""
import numpy as np
import pytest

from models.gan.generate import BadRequest
from models.gan.toy import MAP_SIDE, SHAPES, coverage, points, train_toy


@pytest.mark.parametrize("shape", list(SHAPES))
def test_data_sets_have_their_modes_and_stay_in_view(shape):
    xy, mode = points(shape, 3000, np.random.default_rng(0))
    assert xy.shape == (3000, 2) and xy.dtype == np.float32
    assert set(mode.tolist()) == set(range(SHAPES[shape]))
    assert np.abs(xy).max() < 3.0
    assert coverage(shape, xy[:1000])[0] == SHAPES[shape]  # real points cover every mode


def test_ring_modes_sit_on_the_circle():
    xy, mode = points("ring", 800, np.random.default_rng(1))
    assert np.allclose(np.linalg.norm(xy, axis=1).mean(), 2.0, atol=0.05)
    assert len(np.unique(mode)) == 8


def test_collapse_onto_one_mode_is_noticed():
    one_mode = np.tile([[2.0, 0.0]], (1000, 1)).astype(np.float32)
    covered, shares = coverage("ring", one_mode)
    assert covered == 1 and shares.max() == 1.0


def test_short_training_reports_frames_and_losses():
    seen = []
    result = train_toy("moons", steps=100, seed=0, frame_every=50, progress=lambda d, t, preview: seen.append(d))
    assert seen == [50, 100] and result.steps == 100
    assert [f.step for f in result.frames] == [0, 50, 100]
    assert result.frames[-1].critic_map.shape == (MAP_SIDE, MAP_SIDE) and result.frames[-1].fake.shape == (1000, 2)
    assert len(result.history) == 2 and 0 <= result.critic_accuracy <= 1
    assert set(result.as_dict()) >= {"modes_covered", "mode_collapse", "critic_accuracy"}


def test_bad_shape_or_steps():
    with pytest.raises(BadRequest):
        points("spiral", 10, np.random.default_rng(0))
    with pytest.raises(BadRequest):
        train_toy("ring", steps=5)
