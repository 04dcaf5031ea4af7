"""Pose: BlazePose landmark time for one photo, and whether the nose, shoulders and hips land on the
hand-marked points of the package example photos (vs a baseline that puts every point at the box centre)."""
from __future__ import annotations

import io
import json
import statistics
import time
from pathlib import Path

import numpy as np

MARKS = Path(__file__).resolve().parent.parent / "models" / "pose" / "marked_points.json"


def _photo(key: str, source: str) -> np.ndarray:
    from PIL import Image

    from models.common.examples import Example

    return np.asarray(Image.open(io.BytesIO(Example(key, source).jpeg_bytes())).convert("RGB"))


def marked_errors(model) -> tuple[list[float], list[float]]:
    """Errors as a fraction of the person's height: BlazePose's points and the box-centre baseline."""
    from models.pose.blazepose import NAMES

    marks = json.loads(MARKS.read_text())
    ours, base = [], []
    for key, entry in marks["photos"].items():
        pose = model(_photo(key, entry["source"]))
        x0, y0, x1, y1 = pose.box
        centre = np.array([(x0 + x1) / 2, (y0 + y1) / 2])
        for name, xy in entry["points"].items():
            ours.append(float(np.linalg.norm(pose.xy[NAMES.index(name)] - xy)) / entry["height"])
            base.append(float(np.linalg.norm(centre - xy)) / entry["height"])
    return ours, base


def run() -> list[dict]:
    from models.pose.blazepose import load

    model = load()
    photo = _photo("person", "darknet")
    model(photo)
    times, cpu = [], []
    for _ in range(20):
        t, c = time.perf_counter(), time.process_time()
        model(photo)
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    tolerance = json.loads(MARKS.read_text())["tolerance"]
    ours, base = marked_errors(model)
    hits = sum(e <= tolerance for e in ours)
    return [
        {"name": "landmarks of one photo (detector + 33-point model, 640×424)", "value": statistics.median(times),
         "unit": "ms", "goal": 80.0, "better": "lower", "baseline": None, "note": f"median of 20, TFLite XNNPACK, 2 threads; CPU time {statistics.median(cpu):.0f} ms "
         "(wall time grows when other work shares the 2 cores)"},
        {"name": "nose/shoulders/hips on the hand-marked points (astronaut, person)", "value": 100 * hits / len(ours),
         "unit": "%", "goal": 100.0, "better": "higher",
         "baseline": f"box centre {100 * sum(e <= tolerance for e in base) / len(base):.0f} %",
         "note": f"{len(ours)} points; within {tolerance:.0%} of the person's height; worst {max(ours):.1%}"},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
