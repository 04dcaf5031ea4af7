"""Playground: feature engineering, the spiral preset, overfitting, Dense vs LSTM memory, redraw speed."""
from __future__ import annotations

import os
import statistics
import time
from dataclasses import replace

SPIRAL_BUDGET_S = 30.0


def _first_reach(settings, target: float, budget_s: float) -> tuple[float | None, float, int]:
    """Seconds until test accuracy first reaches `target` (None if never), final test accuracy, epochs."""
    from models.neurons.playground import Trainer

    trainer = Trainer(settings)
    trainer.train(1)  # trace
    start, reached = time.perf_counter(), None
    while time.perf_counter() - start < budget_s and not trainer.done:
        trainer.train(5)
        if reached is None and trainer.history[-1]["test_acc"] >= target:
            reached = time.perf_counter() - start
            break
    return reached, trainer.history[-1]["test_acc"], trainer.epoch


def _redraw_ms(repeats: int = 30) -> tuple[float, float]:
    """Median ms of one live redraw: ~60 ms of training + read-out + both figures + the network PNG."""
    from models.neurons import figures
    from models.neurons.datasets import FEATURE_LABELS
    from models.neurons.playground import PRESETS, LiveRun, overfitting

    settings = replace(PRESETS["playground"], layers=(8, 8, 8, 8, 8, 8), features=("x1", "x2", "x1^2", "x2^2"))
    live = LiveRun()
    live.step(settings)
    live.step(settings, seconds=0.06)  # trace
    words = {k: k for k in ("surface", "train", "test", "loss", "epoch", "best")}
    times, train_times = [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        trainer, snap = live.step(settings, seconds=0.06)
        train_times.append((time.perf_counter() - t0) * 1000)
        figures.surface_figure(snap.surface, trainer.data, words).to_json()
        figures.loss_figure(trainer.history, words, overfitting(trainer.history)).to_json()
        figures.data_uri(figures.network_picture(snap.neurons, snap.weights,
                                                 [FEATURE_LABELS[f] for f in settings.features]))
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), statistics.median(train_times)


def _fit_epoch_ms() -> float:
    """For comparison: one `model.fit` call of one epoch on the same data (what a naive redraw would do)."""
    from models.neurons.datasets import feature_map
    from models.neurons.playground import PRESETS, build_model, data_for

    s = PRESETS["playground"]
    model, data = build_model(s), data_for(s)
    x = feature_map(data.x_train, s.features)
    model.fit(x, data.y_train, batch_size=s.batch_size, epochs=1, verbose=0)
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        model.fit(x, data.y_train, batch_size=s.batch_size, epochs=1, verbose=0)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def run() -> list[dict]:
    from models.neurons import sequence
    from models.neurons.playground import PRESETS, overfitting, train_until

    circle = train_until(PRESETS["circle_features"], 200).history[-1]["test_acc"]
    circle_raw = train_until(replace(PRESETS["circle_features"], features=("x1", "x2")), 200).history[-1]["test_acc"]
    spiral = [_first_reach(replace(PRESETS["spiral"], seed=seed), 0.95, SPIRAL_BUDGET_S) for seed in range(3)]
    spiral_linear = train_until(replace(PRESETS["spiral"], layers=()), 300).history[-1]["test_acc"]
    spiral_reached = [r[0] for r in spiral]
    over = train_until(PRESETS["overfit"], 300, chunk=5)
    found = overfitting(over.history)
    seq = sequence.train(seed=0)
    redraw, train_part = _redraw_ms()
    fit_ms = _fit_epoch_ms()
    return [
        {"name": "circle, features x1² + x2², no hidden layer: test accuracy", "value": circle, "unit": "",
         "goal": 0.98, "better": "higher", "baseline": f"same net on x1, x2: {circle_raw:.2f}"},
        {"name": "spiral preset (x1, x2; 6×8 ReLU; Adam 0.003): worst seconds to test accuracy ≥ 0.95, 3 seeds",
         "value": max(s if s is not None else float("inf") for s in spiral_reached), "unit": "s",
         "goal": SPIRAL_BUDGET_S, "better": "lower", "baseline": f"no hidden layer: test accuracy {spiral_linear:.2f}",
         "note": "per seed " + ", ".join("never" if s is None else f"{s:.1f} s" for s in spiral_reached)},
        {"name": "overfit preset: test loss now / its minimum (train loss falling)",
         "value": (found["test_loss"] / found["best_test_loss"]) if found else 1.0, "unit": "×", "goal": 1.1,
         "better": "higher", "note": (f"detected: test loss lowest at epoch {found['best_epoch']}, "
                                      f"train loss {found['train_loss']:.3f} at epoch {over.epoch}") if found
         else "not detected"},
        {"name": "sequence: Dense (last number) accuracy after a 2 or a 3", "value":
         seq.accuracy("dense", True), "unit": "", "goal": 0.75, "better": "lower",
         "baseline": "guessing one of two successors: 0.5"},
        {"name": "sequence: LSTM (window of 3) accuracy after a 2 or a 3", "value":
         seq.accuracy("lstm", True), "unit": "", "goal": 0.98, "better": "higher",
         "baseline": f"Dense {seq.accuracy('dense', True):.2f}"},
        {"name": "one live redraw: ~60 ms training + read-out + 2 figures + network PNG (6×8 net)",
         "value": redraw, "unit": "ms", "goal": 200, "better": "lower",
         "note": f"training part {train_part:.0f} ms; ≈ {1000 / max(redraw, 1):.1f} redraws/s of compute; "
                 f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores during the run"},
        {"name": "for comparison: one model.fit call of one epoch", "value": fit_ms, "unit": "ms",
         "note": "why the page runs fit's loop compiled, several epochs per call"},
    ]
