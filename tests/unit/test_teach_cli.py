"""CLI: train on a folder of real photos with the real backbone, predict, and fail cleanly."""
import json
import subprocess
import sys

import numpy as np
import pytest
import skimage.data
from PIL import Image

from models.teachable.__main__ import main
from tests.conftest import ROOT


def _crops(arr, n, seed):
    rng = np.random.default_rng(seed)
    img = Image.fromarray(arr)
    w, h = img.size
    for _ in range(n):
        s = rng.uniform(0.5, 0.9)
        cw, ch = int(w * s), int(h * s)
        x, y = rng.integers(0, w - cw), rng.integers(0, h - ch)
        yield img.crop((x, y, x + cw, y + ch))


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("classes")
    for name, arr in (("고양이", skimage.data.chelsea()), ("coffee", skimage.data.coffee())):
        (root / name).mkdir()
        for i, crop in enumerate(_crops(arr, 4, len(name))):
            crop.save(root / name / f"{i}.jpg")
    return root


def test_train_then_predict(data_dir, tmp_path, capsys):
    out = tmp_path / "model.keras"
    main(["train", str(data_dir), "--out", str(out), "--epochs", "3", "--no-augment", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert report["labels"] == ["coffee", "고양이"]
    assert (report["train_images"], report["val_images"]) == (6, 2)
    assert set(report["per_class"]) == {"coffee", "고양이"}
    assert report["val_accuracy"] == 1.0
    assert out.stat().st_size > 1_000_000  # the backbone travels with the head

    main(["predict", str(out), str(data_dir / "coffee" / "0.jpg"), "--json"])
    pred = json.loads(capsys.readouterr().out)
    assert pred["prediction"] == "coffee"
    assert sum(pred["probabilities"].values()) == pytest.approx(1, abs=1e-4)


@pytest.mark.parametrize("args, words", [
    (["train", "/no/such/dir", "--out", "m.keras"], "is not a folder"),
    (["predict", "/no/such/model.keras", "x.jpg"], "does not exist"),
])
def test_bad_input_is_one_line_and_nonzero(args, words):
    proc = subprocess.run([sys.executable, "-m", "models.teachable", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1].startswith("error:")
    assert words in proc.stderr
    assert "Traceback" not in proc.stderr
