"""Teaching sounds: a tiny training run on two synthetic classes, export → import into the known
architecture, and the teachable CLI with --kind sound (train, predict, bad clip)."""
import json
import subprocess
import sys

import numpy as np
import pytest
import soundfile as sf

from models.sound.model import Settings, from_bytes, predict, teach, to_bytes
from models.teachable.small_export import ImportError_

RATE = 16000


def _clip(hz, seed):
    rng = np.random.default_rng(seed)
    t = np.arange(RATE) / RATE
    return (0.3 * np.sin(2 * np.pi * hz * t) + rng.normal(0, 0.01, RATE)).astype(np.float32)


@pytest.fixture(scope="module")
def taught():
    waves = [_clip(400, i) for i in range(4)] + [_clip(3000, 10 + i) for i in range(4)]
    return teach(waves, [0] * 4 + [1] * 4, ["low", "high"], Settings(epochs=8, augment=False))


def test_training_gives_curves_and_confusion(taught):
    assert len(taught.history.loss) == 8 and taught.evaluation.confusion.sum() == len(taught.val_idx)


def test_export_import_round_trip(taught):
    model, labels = from_bytes(to_bytes(taught.model))
    assert labels == ["low", "high"]
    clips = [_clip(400, 99), _clip(3000, 98)]
    np.testing.assert_allclose(predict(model, clips), predict(taught.model, clips), atol=1e-5)


def test_foreign_file_is_refused():
    with pytest.raises(ImportError_):
        from_bytes(b"PK not a keras file")


def test_cli_train_and_predict(tmp_path):
    for name, hz in (("low", 400), ("high", 3000)):
        (tmp_path / "data" / name).mkdir(parents=True)
        for i in range(3):
            sf.write(tmp_path / "data" / name / f"{i}.wav", _clip(hz, i), RATE)
    model = tmp_path / "m.keras"
    run = lambda *a: subprocess.run([sys.executable, "-m", "models.teachable", *a], capture_output=True, text=True)  # noqa: E731
    proc = run("train", str(tmp_path / "data"), "--kind", "sound", "--out", str(model), "--epochs", "3", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["labels"] == ["high", "low"]
    proc = run("predict", str(model), str(tmp_path / "data" / "low" / "0.wav"), "--kind", "sound", "--json")
    assert proc.returncode == 0 and set(json.loads(proc.stdout)["probabilities"]) == {"high", "low"}
    (tmp_path / "silent.wav").write_bytes(b"")
    sf.write(tmp_path / "silent.wav", np.zeros(RATE, np.float32), RATE)
    proc = run("predict", str(model), str(tmp_path / "silent.wav"), "--kind", "sound", "--json")
    assert proc.returncode == 2 and proc.stderr.strip().splitlines()[-1].startswith("error:")
    assert "silent" in proc.stderr
