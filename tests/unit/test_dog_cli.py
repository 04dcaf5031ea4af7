"""`python -m models.dog_breeds PHOTO... --json`: one JSON object per photo; bad files exit non-zero."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
DOG = "/usr/share/darknet/data/dog.jpg"
EAGLE = "/usr/share/darknet/data/eagle.jpg"


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "models.dog_breeds", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_json_per_photo():
    out = _cli(DOG, EAGLE, "--json")
    assert out.returncode == 0, out.stderr
    dog, eagle = (json.loads(line) for line in out.stdout.splitlines())
    assert dog["file"] == DOG and dog["is_dog"] and 0.5 < dog["p_dog"] <= 1
    assert len(dog["breeds"]) == 5 and set(dog["breeds"][0]) == {"en", "ko", "p"}
    assert len(dog["imagenet_top"]) == 5 and len(dog["specialist"]) == 3
    assert not eagle["is_dog"] and eagle["imagenet_top"][0]["en"] in {"kite", "bald eagle"}


def test_bad_file_gives_one_line_and_nonzero_exit(tmp_path):
    bad = tmp_path / "notes.jpg"
    bad.write_text("not a photo")
    out = _cli(str(bad), "--json")
    assert out.returncode != 0 and out.stdout == ""
    assert out.stderr.strip().count("\n") == 0 and "notes.jpg" in out.stderr and "Traceback" not in out.stderr
