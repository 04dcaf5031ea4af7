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


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _no_shared_results_between_tests():
    """Identical jobs share results process-wide (ui/scheduler.py, rule 5): a test that patches a model
    must not receive an answer an earlier test computed."""
    yield
    import ui.scheduler

    if ui.scheduler._SCHEDULER is not None:
        ui.scheduler._SCHEDULER.clear_shared()
