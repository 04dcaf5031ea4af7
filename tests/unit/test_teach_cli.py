"""CLI: train on a folder of real photos with the real backbone, predict, and fail cleanly."""
import json
import subprocess
import sys

import pytest

from models.teachable.__main__ import main
from models.teachable.samples import crop_classes
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("classes")
    for name, photos in zip(("고양이", "coffee"), crop_classes(("cat", "coffee"), 4).values()):
        (root / name).mkdir()
        for i, photo in enumerate(photos):
            photo.save(root / name / f"{i}.jpg")
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
