"""Neuron page: the perceptron rule on the four gates over many seeds, and the 2-2-1 Keras net on XOR."""
from __future__ import annotations

import statistics
import time

SEEDS = range(100)


def run() -> list[dict]:
    from models.neurons import perceptron as P
    from models.neurons import xor_net

    xor_best = max(max(P.learn("xor", seed, shuffle=shuffle, max_epochs=200).accuracy)
                   for seed in SEEDS for shuffle in (False, True))
    rows = [{"name": "single perceptron on XOR: best accuracy in any epoch, 100 seeds × 2 orders, 200 epochs",
             "value": xor_best, "unit": "", "goal": 0.75, "better": "lower",
             "baseline": "no line separates XOR: 0.75 is the ceiling of any single neuron"}]
    for gate in ("and", "or", "nand"):
        runs = [P.learn(gate, seed) for seed in SEEDS]
        rows.append({"name": f"perceptron rule on {gate.upper()}: share of 100 seeds converged", "value":
                     sum(r.converged for r in runs) / len(runs), "unit": "", "goal": 1.0, "better": "higher",
                     "note": f"median {statistics.median(r.epochs for r in runs):g} epochs, "
                             f"max {max(r.epochs for r in runs)}"})
    nets, start = [], time.perf_counter()
    for seed in range(10):
        nets.append(xor_net.train(seed))
    seconds = (time.perf_counter() - start) / len(nets)
    rows += [
        {"name": "2-2-1 Keras net on XOR: worst accuracy over 10 seeds", "value": min(n.accuracy for n in nets),
         "unit": "", "goal": 1.0, "better": "higher", "baseline": f"single perceptron {xor_best:g}"},
        {"name": "2-2-1 net: share solved on the first try (no restart)", "value":
         sum(n.tries == 1 for n in nets) / len(nets), "unit": "",
         "note": f"mean tries {statistics.mean(n.tries for n in nets):.1f}, max {max(n.tries for n in nets)} "
                 f"(restart from new weights when stuck at loss ln2/2)"},
        {"name": "2-2-1 net: training time incl. restarts", "value": seconds, "unit": "s",
         "note": "mean over 10 seeds, first includes tracing"},
    ]
    return rows
