"""Shared test set-up: repo root on sys.path, quiet TensorFlow, an output folder for artefacts."""
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "test-output"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(ROOT))
OUTPUT.mkdir(exist_ok=True)
os.environ.setdefault("SHOWCASE_RAISE", "1")  # AppTests see a page's real exception, not the student message
