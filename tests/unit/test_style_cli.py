"""`python -m models.style`: one JSON line with timings; bad input → one error line, non-zero exit."""
import json
import subprocess
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).parents[2]
DOG = "/usr/share/darknet/data/dog.jpg"


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "models.style", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_preset_mix_writes_png_and_json(tmp_path):
    out = tmp_path / "out.png"
    res = _cli(DOG, "--out", str(out), "--preset", "4", "--mix-with", "20", "--mix", "0.3", "--max-size", "256")
    assert res.returncode == 0, res.stderr
    line = json.loads(res.stdout.strip().splitlines()[-1])
    assert line["method"] == "fast" and line["size"] == [256, 192] and line["input_size"] == [768, 576]
    assert line["timings"]["stylise_s"] > 0
    assert Image.open(out).size == (256, 192)


def test_bad_inputs_give_one_line(tmp_path):
    bad = tmp_path / "notes.jpg"
    bad.write_text("not a photo")
    for args in ([str(bad), "--out", str(tmp_path / "o.png"), "--preset", "1"],
                 [DOG, "--out", str(tmp_path / "o.png"), "--preset", "1", "--method", "gatys"],
                 [DOG, "--out", str(tmp_path / "no" / "o.png"), "--preset", "1"]):
        res = _cli(*args)
        assert res.returncode != 0 and res.stdout == ""
        assert res.stderr.strip().startswith("error:") and "\n" not in res.stderr.strip()
