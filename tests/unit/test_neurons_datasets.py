"""Playground's data sets, the 80:20 split and the feature maps (models/neurons/datasets.py)."""
import numpy as np
import pytest

from models.neurons import datasets as D


@pytest.mark.parametrize("name", D.DATASETS)
@pytest.mark.parametrize("noise", [0.0, 0.25, 0.5])
def test_shapes_labels_and_range(name, noise):
    x, y = D.make_points(name, noise, n=300, seed=1)
    assert x.shape == (300, 2) and y.shape == (300,)
    assert set(np.unique(y)) == {0, 1}
    assert np.abs(x).max() <= D.EXTENT
    if name in ("gauss", "spiral") or (name == "circle" and noise == 0):
        assert y.sum() == 150  # half of the points in each class


def test_clean_labels_follow_the_rule():
    x, y = D.make_points("circle", 0.0, n=400)
    assert np.array_equal(y == 1, np.hypot(x[:, 0], x[:, 1]) < 2.5)
    x, y = D.make_points("xor", 0.0, n=400)
    assert np.array_equal(y == 1, x[:, 0] * x[:, 1] >= 0)
    assert np.abs(x).min() >= 0.3  # kept away from the axes
    x, y = D.make_points("gauss", 0.0, n=400)
    assert x[y == 1].mean(axis=0) == pytest.approx([2, 2], abs=0.3)
    assert x[y == 0].mean(axis=0) == pytest.approx([-2, -2], abs=0.3)


def test_noise_flips_some_circle_labels():
    x, y = D.make_points("circle", 0.5, n=500)
    wrong = np.mean((y == 1) != (np.hypot(x[:, 0], x[:, 1]) < 2.5))
    assert 0.02 < wrong < 0.5


def test_same_seed_same_points_other_seed_other_points():
    a, b, c = D.make_points("spiral", 0.2, seed=3), D.make_points("spiral", 0.2, seed=3), D.make_points("spiral", 0.2, seed=4)
    assert np.array_equal(a[0], b[0]) and not np.array_equal(a[0], c[0])


def test_split_is_eighty_twenty_and_disjoint():
    x, y = D.make_points("circle", 0.1)
    s = D.split(x, y)
    assert len(s.x_train) == 400 and len(s.x_test) == 100
    train = {tuple(p) for p in s.x_train}
    assert not train & {tuple(p) for p in s.x_test}
    assert len(train | {tuple(p) for p in s.x_test}) == 500
    small = D.make_split("gauss", 0.5, train_ratio=0.1)
    assert len(small.x_train) == 50 and len(small.x_test) == 450


def test_feature_map():
    x = np.array([[1.0, 2.0], [-3.0, 0.5]])
    f = D.feature_map(x, D.FEATURES)
    assert f.shape == (2, 7) and f.dtype == np.float32
    assert np.allclose(f[0], [1, 2, 1, 4, 2, np.sin(1), np.sin(2)])
    assert np.allclose(D.feature_map(x, ("x1x2", "x1")), [[2, 1], [-1.5, -3]])
    for bad in ((), ("x3",)):
        with pytest.raises(ValueError):
            D.feature_map(x, bad)


def test_bad_arguments():
    with pytest.raises(ValueError):
        D.make_points("moons")
    with pytest.raises(ValueError):
        D.make_points("circle", noise=0.9)
    with pytest.raises(ValueError):
        D.split(np.zeros((10, 2)), np.zeros(10), train_ratio=1.0)


def test_grid_covers_the_square_row_by_row():
    axis, points = D.grid(5)
    assert points.shape == (25, 2) and axis[0] == -D.EXTENT and axis[-1] == D.EXTENT
    assert np.array_equal(points[:5, 1], np.full(5, -D.EXTENT))  # first row: bottom edge
