"""The completion network, sampling with locks, CVD-safe mode, photo palettes, evaluation and CLI."""
import json
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from models.palette import cvd, data, evaluate
from models.palette.image_palette import dominant_colours, from_image, photo_slots
from models.palette.suggest import LockError, parse_locks, suggest


def test_dataset_file_has_expected_shape_and_disjoint_splits():
    raw = data.raw()
    assert len(raw["nice"]) > 900 and len(raw["thing"]) == 255
    s = raw["split"]
    assert not (set(s["train"]) & set(s["test"])) and not (set(s["val"]) & set(s["test"]))
    assert "COLOURlovers" in raw["sources"]["nice"]["attribution"]


def test_masked_examples_hide_at_least_one_slot():
    (x, known), y = data.masked_examples(data.nice_points("val")[:10], 3, np.random.default_rng(0))
    assert x.shape == (60, 5, 3) and y.shape == (60, 5, 4)
    assert (y[..., 3].sum(1) >= 1).all()
    assert np.allclose(x[known == 0], 0)


def test_parse_locks():
    assert parse_locks("#abc,_,#112233", 5) == ["#aabbcc", None, "#112233", None, None]
    assert parse_locks("", 4) == [None] * 4
    for text, n, code in [("#zzz", 5, "bad_hex"), ("#000,#111,#222,#333,#444,#555", 5, "too_many"),
                          ("", 12, "bad_n")]:
        with pytest.raises(LockError) as e:
            parse_locks(text, n)
        assert e.value.args[0] == code


@pytest.mark.parametrize("locks", [
    ["#1B3A4B".lower(), None, None, None, None],
    [None, "#f2c14e", None, "#000000", None],
    ["#ff0000", "#00aa00", "#0000ff", "#ffffff", None],
    ["#123456", None, None],
    [None, None, "#abcdef", None, None, None, None, "#fedcba"],
])
def test_locked_colours_come_back_unchanged(locks):
    out = suggest(locks, count=3, seed=1)
    assert len(out) == 3
    for p in out:
        assert len(p["colors"]) == len(locks)
        assert all(c == lock for c, lock in zip(p["colors"], locks) if lock)
        assert p["locked"] == [lock is not None for lock in locks]
        assert set(p["min_delta"]) == set(cvd.VISIONS) and p["contrast"]["ratio"] >= 1


def test_sampling_varies_and_seed_repeats():
    a = suggest([None] * 5, count=4, seed=7)
    b = suggest([None] * 5, count=4, seed=7)
    assert [p["colors"] for p in a] == [p["colors"] for p in b]
    assert len({tuple(p["colors"]) for p in a}) == 4


def test_cvd_safe_palettes_meet_the_threshold():
    out = suggest(["#1b3a4b", None, None, None, None], count=3, cvd_safe=True, seed=3)
    assert out, "expected at least one safe palette for a single dark lock"
    for p in out:
        fresh = cvd.check(p["colors"])
        assert min(fresh["min_delta"].values()) >= cvd.SAFE_DELTA
        assert fresh["contrast"]["ratio"] >= cvd.SAFE_CONTRAST
        assert p["colors"][0] == "#1b3a4b"


def test_cvd_safe_with_an_impossible_lock_returns_nothing_rather_than_unsafe():
    grey = ["#808080", "#828282", None, None, None]  # two locks 1 ΔE apart can never be safe
    assert suggest(grey, count=1, cvd_safe=True, seed=0) == []


def _two_tone(size=(400, 300)):
    arr = np.zeros((size[1], size[0], 3), np.uint8)
    arr[:, : size[0] * 3 // 4] = (200, 30, 30)
    arr[:, size[0] * 3 // 4:] = (20, 60, 200)
    return Image.fromarray(arr)


def test_dominant_colours_find_the_two_regions_with_their_shares():
    top = dominant_colours(_two_tone(), k=2)
    assert [c["share"] for c in top] == pytest.approx([0.75, 0.25], abs=0.02)
    red = np.array(Image.new("RGB", (1, 1), top[0]["hex"]).getpixel((0, 0)))
    assert np.abs(red - (200, 30, 30)).max() < 12


def test_from_image_marks_photo_and_model_slots():
    p = from_image(_two_tone(), n=5, from_photo=2, seed=0)[0]
    assert p["source"] == ["photo", "model", "model", "model", "photo"]
    photo = {c["hex"] for c in p["photo_colours"]}
    assert {p["colors"][0], p["colors"][4]} == photo
    assert photo_slots(5, 3) == [0, 2, 4]


def test_fill_one_beats_nearest_neighbour_on_test_split():
    test, train = data.nice_points("test"), data.nice_points("train")
    from models.palette import baselines

    net = evaluate.fill_one_error(test, evaluate.model_fill)
    nn = evaluate.fill_one_error(test, lambda p, s: baselines.nearest_palettes(p, s, train))
    assert net < nn and net <= 17.0


def test_critic_separates_random_palettes_but_not_identical_sets():
    real = data.nice_points("test")
    assert evaluate.critic_auc(real, evaluate.random_palettes(len(real))) > 0.85
    assert evaluate.critic_auc(real[:100], real[100:200]) < 0.65


def test_tiny_training_run_lowers_the_loss():
    from models.palette.train import ARCHITECTURE, TRAINING, train

    _, history = train(2, dict(ARCHITECTURE, hidden=32, depth=1), dict(TRAINING, copies_per_epoch=2), verbose=0)
    assert history[-1]["loss"] < history[0]["loss"]


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "models.palette", *args], capture_output=True, text=True,
                          timeout=120)


def test_cli_suggest_json_and_errors(tmp_path):
    r = _cli("suggest", "--lock", "#1b3a4b,_,#f2c14e", "--count", "2", "--seed", "1", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert len(out) == 2 and out[0]["colors"][0] == "#1b3a4b" and out[0]["colors"][2] == "#f2c14e"
    assert {"colors", "min_delta", "contrast"} <= set(out[0])
    bad = _cli("suggest", "--lock", "#12zz56", "--json")
    assert bad.returncode == 2 and bad.stderr.startswith("error: not a colour") and "Traceback" not in bad.stderr
    junk = tmp_path / "junk.jpg"
    junk.write_bytes(b"not an image")
    r = _cli("from-image", str(junk), "--json")
    assert r.returncode == 2 and "not_image" in r.stderr and "Traceback" not in r.stderr
    r = _cli("check", "#d62728,#2ca02c", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["min_delta"]["deutan"] < 7
