"""The notes' convolution and pooling examples, computed by hand, and the filter CLI."""
import json
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from models.cnn.filters import (KERNELS, NOTES_EDGE, NOTES_EDGE_MIRRORED, NOTES_POOL, KernelError, convolve,
                                filter_photo, kernel, patch_sum, pool, relu, signed, to_picture)
from ui.registry import ROOT


def test_vertical_edge_gives_3_on_black_to_white_and_minus_3_the_other_way():
    k = kernel("vertical_edge")
    assert k.tolist() == [[-1, 0, 1]] * 3
    assert convolve(NOTES_EDGE, k)[0].tolist() == [0, 3, 3, 0]
    assert convolve(NOTES_EDGE_MIRRORED, k)[0].tolist() == [0, -3, -3, 0]
    assert np.abs(convolve(np.full((5, 5), 0.7), k)).max() < 1e-6


def test_one_output_pixel_worked_out_like_the_notes():
    worked = patch_sum(NOTES_EDGE, kernel("vertical_edge"), 0, 1)
    assert worked.patch.tolist() == [[0, 0, 1]] * 3
    assert worked.total == 3
    assert worked.formula() == "(-1)×0 + 0×0 + 1×1 + (-1)×0 + 0×0 + 1×1 + (-1)×0 + 0×0 + 1×1 = 3"
    assert patch_sum(NOTES_EDGE_MIRRORED, kernel("vertical_edge"), 0, 1).formula().endswith("= -3")


def test_horizontal_edge_blur_and_sharpen_by_hand():
    x = np.array([[0, 0, 0], [0, 0, 0], [1, 1, 1]], np.float32)
    assert convolve(x, kernel("horizontal_edge"))[0, 0] == 3
    assert convolve(np.arange(9, dtype=np.float32).reshape(3, 3), kernel("blur"))[0, 0] == pytest.approx(4)
    spot = np.zeros((3, 3), np.float32)
    spot[1, 1] = 1
    assert convolve(spot, kernel("sharpen"))[0, 0] == 5
    assert convolve(spot, kernel("identity"), padding="same").tolist() == spot.tolist()


def test_relu_and_pooling_on_the_notes_4x4():
    assert relu(np.array([-3, 0, 3])).tolist() == [0, 0, 3]
    assert pool(NOTES_POOL, "max").tolist() == [[6, 4], [7, 8]]
    assert pool(NOTES_POOL, "mean").tolist() == [[3.75, 2.25], [2.5, 3.75]]
    assert pool(np.ones((5, 7)), "max").shape == (2, 3)  # a ragged edge is dropped
    assert pool(np.ones((4, 4, 3)), "mean").shape == (2, 2, 3)
    with pytest.raises(ValueError):
        pool(NOTES_POOL, "median")


def test_custom_kernels_and_bad_ones():
    assert kernel("1 0 -1; 2 0 -2; 1 0 -1").tolist() == [[1, 0, -1], [2, 0, -2], [1, 0, -1]]
    assert kernel([[0, 1, 0]] * 3).shape == (3, 3)
    for bad in ("wobble", "1 2 3", "1 2 3 4 5 6 7 8 x", [1, 2], [float("nan")] * 9):
        with pytest.raises(KernelError):
            kernel(bad)


def test_photo_filter_keeps_size_and_maps_zero_to_mid_grey():
    img = Image.fromarray(np.tile(np.r_[np.zeros(20), np.full(20, 255)].astype(np.uint8), (30, 1)))
    grey, response = filter_photo(img, KERNELS["vertical_edge"])
    assert response.shape == grey.shape == (30, 40)
    assert response[:, 19:21].min() == pytest.approx(3) and response[:, :15].max() == 0
    picture = to_picture(response, signed(KERNELS["vertical_edge"]))
    assert picture[0, 0] == 128 and picture[0, 19] == 255
    assert not signed(KERNELS["blur"]) and signed(KERNELS["horizontal_edge"])


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "models.cnn", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_cli_filters_a_photo_and_explains_bad_input(tmp_path):
    photo = tmp_path / "photo.png"
    Image.fromarray((np.random.default_rng(0).random((40, 50, 3)) * 255).astype(np.uint8)).save(photo)
    out = tmp_path / "edges.png"
    done = _cli("filter", str(photo), "--kernel", "vertical_edge", "--out", str(out), "--json")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["output_size"] == [50, 40] and record["notes_example"].endswith("= 3")
    assert Image.open(out).size == (50, 40)
    for args in (("filter", str(photo), "--kernel", "wobble"), ("filter", str(tmp_path / "none.jpg")),
                 ("filter", str(photo), "--kernel", "1 2 3")):
        bad = _cli(*args)
        assert bad.returncode != 0
        assert bad.stderr.strip().startswith("error:") and len(bad.stderr.strip().splitlines()) == 1
