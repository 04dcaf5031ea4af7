"""The conditional GANs from the committed weights: shapes, determinism per seed, label conditioning, CLI."""
import json
import subprocess
import sys

import numpy as np
import pytest

from models.gan.generate import BadRequest, grid, interpolate, load_studio, quiz, sample, slerp
from ui.registry import ROOT


@pytest.fixture(scope="module")
def digits():
    return load_studio("digits")


def test_samples_are_28x28_uint8_and_repeat_per_seed(digits):
    a = sample(digits, 7, n=6, seed=3)
    assert a.shape == (6, 28, 28) and a.dtype == np.uint8
    assert np.array_equal(a, sample(digits, 7, n=6, seed=3))
    assert np.array_equal(a[:2], sample(digits, 7, n=2, seed=3))  # sample i of 6 is sample i of 2
    assert not np.array_equal(a, sample(digits, 7, n=6, seed=4))


def test_the_label_decides_the_digit(digits):
    from models.gan.evaluate import feature_model

    read = feature_model("digits")
    for label in (0, 3, 7):
        _, probs = read(sample(digits, label, n=24, seed=11))
        assert (probs.argmax(1) == label).mean() >= 0.7


def test_interpolation_starts_and_ends_at_the_two_samples(digits):
    walk = interpolate(digits, 3, 8, seed_a=1, seed_b=2, steps=5)
    assert walk.shape == (5, 28, 28)
    assert np.array_equal(walk[0], sample(digits, 3, n=1, seed=1)[0])
    assert np.array_equal(walk[-1], sample(digits, 8, n=1, seed=2)[0])
    z = slerp(np.ones(4), -np.ones(4) + 0.1, np.array([0.0, 1.0]))
    assert np.allclose(z[0], 1) and np.allclose(z[1], -np.ones(4) + 0.1)


def test_bad_requests_say_what_is_allowed(digits):
    with pytest.raises(BadRequest, match="label"):
        sample(digits, 10)
    with pytest.raises(BadRequest, match="n must"):
        sample(digits, 1, n=0)
    with pytest.raises(BadRequest, match="steps"):
        interpolate(digits, 1, 2, steps=1)


def test_grid_and_quiz(digits):
    assert grid(np.zeros((16, 28, 28), np.uint8)).size == (4 * 30 - 2, 4 * 30 - 2)
    real = np.zeros((20, 28, 28), np.uint8)
    items = quiz(digits, real, np.arange(20) % 10, n=8, seed=5)
    assert len(items) == 8 and 0 < sum(i.real for i in items) < 8
    assert all(0.0 <= i.critic_real <= 1.0 for i in items)
    assert len({i.cut for i in items}) == 1 and all(i.critic_says_real == (i.critic_real >= i.cut) for i in items)


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "models.gan", *args], cwd=ROOT, capture_output=True, text=True, timeout=180)


def test_cli_sample_writes_grid_and_each_sample(tmp_path):
    done = run_cli("sample", "--dataset", "fashion", "--label", "boot", "--n", "4", "--seed", "1", "--out", str(tmp_path), "--json")
    assert done.returncode == 0, done.stderr[-400:]
    out = json.loads(done.stdout)
    assert out["label"] == 9 and len(out["samples"]) == 4
    assert (tmp_path / "grid.png").is_file() and (tmp_path / "sample_03.png").is_file()


@pytest.mark.parametrize("args", [("sample", "--label", "11", "--out", "x"), ("sample", "--label", "3", "--n", "999", "--out", "x"),
                                  ("toy", "--shape", "spiral")])
def test_cli_bad_input_is_one_error_line(args):
    done = run_cli(*args)
    assert done.returncode != 0
    assert done.stderr.strip().startswith("error:") and len(done.stderr.strip().splitlines()) == 1
