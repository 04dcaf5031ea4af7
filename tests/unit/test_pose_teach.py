"""Teaching poses: a tiny head on landmark features, export → import into the known architecture, and
the teachable CLI with --kind pose (photos → landmarks → features → head; a photo without a person)."""
import json
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image, ImageOps

from models.pose.features import DIM, Settings, from_bytes, teach, to_bytes


def test_teach_and_round_trip():
    rng = np.random.default_rng(0)
    centres = rng.normal(0, 1, (3, DIM))
    x = np.concatenate([c + rng.normal(0, 0.05, (5, DIM)) for c in centres]).astype(np.float32)
    taught = teach(x, [0] * 5 + [1] * 5 + [2] * 5, ["a", "b", "c"], Settings(epochs=5))
    assert len(taught.history.loss) == 5 and taught.evaluation.confusion.shape == (3, 3)
    model, labels = from_bytes(to_bytes(taught.model))
    assert labels == ["a", "b", "c"]
    np.testing.assert_allclose(np.asarray(model(x[:2])), np.asarray(taught.model(x[:2])), atol=1e-5)


def test_cli_kind_pose(tmp_path):
    person = Image.open("/usr/share/darknet/data/person.jpg").convert("RGB")
    for name, transform in (("straight", lambda im, i: im.resize((640 - 40 * i, 424 - 26 * i))),
                            ("mirrored", lambda im, i: ImageOps.mirror(im).resize((640 - 40 * i, 424 - 26 * i)))):
        (tmp_path / "d" / name).mkdir(parents=True)
        for i in range(3):
            transform(person, i).save(tmp_path / "d" / name / f"{i}.jpg")
    run = lambda *a: subprocess.run([sys.executable, "-m", "models.teachable", *a], capture_output=True, text=True)  # noqa: E731
    out = tmp_path / "p.keras"
    proc = run("train", str(tmp_path / "d"), "--kind", "pose", "--out", str(out), "--epochs", "3", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["labels"] == ["mirrored", "straight"]
    proc = run("predict", str(out), "/usr/share/darknet/data/eagle.jpg", "--kind", "pose", "--json")
    assert proc.returncode == 2 and "no person" in proc.stderr.strip().splitlines()[-1]
