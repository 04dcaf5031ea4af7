"""`python -m models.dream`: one JSON line, aspect ratio kept; bad input → one line, non-zero exit."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
from PIL import Image

from models.dream.__main__ import main

ROOT = Path(__file__).resolve().parents[2]


def test_cli_writes_png_and_prints_timings(tmp_path, capsys):
    photo = tmp_path / "wide.jpg"
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (90, 200, 3), dtype=np.uint8)).save(photo)
    out = tmp_path / "dream.png"
    assert main([str(photo), "--out", str(out), "--steps", "2", "--octaves", "2", "--max-size", "120"]) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert Image.open(out).size == (120, 54) == tuple(report["output_size"])
    assert report["backbone"] == "mobilenet" and report["dream_s"] > 0 and report["load_s"] > 0


def test_cli_bad_input_is_one_clear_line(tmp_path):
    bad = tmp_path / "notes.jpg"
    bad.write_text("not an image")
    for args in ([str(bad), "--out", str(tmp_path / "o.png")],
                 [str(tmp_path / "missing.png"), "--out", str(tmp_path / "o.png")]):
        proc = subprocess.run([sys.executable, "-m", "models.dream", *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2
        assert proc.stderr.strip().startswith("error: cannot read image") and "Traceback" not in proc.stderr
