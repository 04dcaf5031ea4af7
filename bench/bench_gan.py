"""GAN studio: Fréchet distance vs two baselines, conditioning, memorisation, grid speed, toy-GAN mode coverage.

Everything is measured here from the committed weights, baselines in the same run (`models.gan.evaluate`).
"""
from __future__ import annotations

from bench.timing import median_warm

TOY_SEEDS = 5
TOY_STEPS = 2000


def _median_ms(fn, repeats: int) -> float:
    """The shared timing rule (bench/timing.py): median of warm runs after one warm-up, in ms."""
    return median_warm(fn, repeats).ms


def run() -> list[dict]:
    from models.gan.evaluate import evaluate
    from models.gan.generate import grid, load_studio, sample
    from models.gan.toy import train_toy

    rows = []
    for dataset in ("digits", "fashion"):
        r = evaluate(dataset)
        gan, noise, mean = r["gan"], r["noise"], r["class_mean"]
        rows += [
            {"name": f"{dataset}: Fréchet distance to test images (classifier features)", "value": gan["frechet"],
             "better": "lower", "baseline": f"noise {noise['frechet']:.1f}, class mean {mean['frechet']:.1f}",
             "note": f"ratio to the better baseline {r['frechet_ratio_vs_best_baseline']:.3f}; {r['samples']} samples vs {r['test_images']} test images"},
            {"name": f"{dataset}: Fréchet ratio GAN / better baseline", "value": r["frechet_ratio_vs_best_baseline"],
             "goal": 0.5, "better": "lower"},
            {"name": f"{dataset}: samples read as the class asked for", "value": 100 * gan["reads_as_asked"], "unit": "%",
             "goal": 90 if dataset == "digits" else None, "better": "higher",
             "baseline": f"noise {100 * noise['reads_as_asked']:.1f} %, class mean {100 * mean['reads_as_asked']:.1f} %",
             "note": f"classifier's own test accuracy {100 * r['feature_net_test_accuracy']:.1f} %"},
            {"name": f"{dataset}: samples closer to a training image than the test set's 1st percentile",
             "value": r["memorisation"]["samples_below_test_p1"], "unit": f"of {r['memorisation']['checked']}",
             "goal": 0, "better": "lower",
             "note": (f"nearest-training distance: samples min {r['memorisation']['sample_nearest_min']}, median "
                      f"{r['memorisation']['sample_nearest_median']}; test p1 {r['memorisation']['test_nearest_p1']}, "
                      f"median {r['memorisation']['test_nearest_median']}")},
        ]
    studio = load_studio("digits")
    sample(studio, 7, 16, 1)
    grid_ms = _median_ms(lambda: grid(sample(studio, 7, 16, 1)), 30)
    rows.append({"name": "one 16-image grid (generate + assemble)", "value": grid_ms, "unit": "ms", "goal": 100, "better": "lower"})
    results = [train_toy("ring", TOY_STEPS, seed) for seed in range(TOY_SEEDS)]
    full = sum(r.covered == 8 and r.seconds <= 20 for r in results)
    rows.append({"name": f"toy GAN: seeds covering all 8 ring modes within 20 s ({TOY_STEPS} steps)", "value": full,
                 "unit": f"of {TOY_SEEDS}", "goal": 4, "better": "higher",
                 "note": "modes " + ", ".join(str(r.covered) for r in results) + "; seconds "
                         + ", ".join(f"{r.seconds:.1f}" for r in results)})
    return rows
