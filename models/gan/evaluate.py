"""How good are the GANs? Measured on test images that trained nothing, next to two baselines.

For each data set, `PER_CLASS` samples of every class are generated (seeded) and compared with:
- **noise**: images of uniform random pixels (the worst possible "generator");
- **class mean**: for each asked class, the average training image of that class (a blurry ghost
  that is always the right class and never varies).

Measures, all in the feature space of a classifier (the digits CNN for digits, the same architecture
trained on Fashion-MNIST for clothes; its 128-unit dense layer):
- Fréchet distance (Heusel et al. 2017, "FID" with this small network instead of Inception) between
  the features of generated images and of the real test images: |μ₁−μ₂|² + Tr(Σ₁+Σ₂−2(Σ₁Σ₂)^½);
- conditioning: the share of samples the classifier reads as the class that was asked for;
- memorisation: each of `MEMO_N` samples' distance (pixels in 0–1, Euclidean) to its nearest training
  image, against the same distance for `MEMO_N` test images; a GAN that copies its data would have
  samples closer than almost every test image (the 1st percentile is the line).
"""
from __future__ import annotations

import json
from functools import lru_cache

import numpy as np

from models.gan.data import DATASETS, load
from models.gan.generate import load_studio, noise, one_hot

PER_CLASS = 300
MEMO_N = 1000
SEED = 7


@lru_cache(maxsize=2)
def feature_model(dataset: str):
    """(features (N, 128), probabilities (N, 10)) of uint8 images, as one traced function."""
    import keras
    import tensorflow as tf

    from models.gan.networks import build_classifier
    from models.gan.train import files

    if dataset == "digits":
        from models.digits.train import weights_file

        path = weights_file("cnn")
    else:
        path = files("fashion")["classifier"]
    model = build_classifier()
    model.load_weights(path)
    both = keras.Model(model.input, [model.get_layer("dense").output, model.output])
    run = tf.function(lambda x: both(x, training=False), reduce_retracing=True)

    def features(images: np.ndarray, batch: int = 2000) -> tuple[np.ndarray, np.ndarray]:
        outs = [run(images[i:i + batch].astype(np.float32) / 255.0) for i in range(0, len(images), batch)]
        return np.concatenate([o[0].numpy() for o in outs]), np.concatenate([o[1].numpy() for o in outs])

    return features


def frechet(a: np.ndarray, b: np.ndarray) -> float:
    from scipy import linalg

    mu1, mu2 = a.mean(0), b.mean(0)
    s1, s2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    root, _ = linalg.sqrtm(s1 @ s2, disp=False)
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(s1 + s2 - 2 * np.real(root)))


def nearest_distance(images: np.ndarray, train: np.ndarray, batch: int = 250) -> np.ndarray:
    """Each image's Euclidean distance (pixels in 0–1) to its nearest training image."""
    t = train.reshape(len(train), -1).astype(np.float32) / 255.0
    t_sq = (t ** 2).sum(1)
    out = []
    for i in range(0, len(images), batch):
        x = images[i:i + batch].reshape(-1, t.shape[1]).astype(np.float32) / 255.0
        d2 = (x ** 2).sum(1)[:, None] + t_sq[None, :] - 2 * x @ t.T
        out.append(np.sqrt(np.maximum(d2.min(1), 0.0)))
    return np.concatenate(out)


def evaluate(dataset: str) -> dict:
    train, test = load(dataset)
    studio = load_studio(dataset)
    features = feature_model(dataset)
    labels = np.repeat(np.arange(10), PER_CLASS)
    fakes = np.concatenate([studio.images(noise(SEED + c, PER_CLASS), one_hot([c] * PER_CLASS)) for c in range(10)])
    rng = np.random.default_rng(SEED)
    candidates = {
        "gan": fakes,
        "noise": rng.integers(0, 256, fakes.shape).astype(np.uint8),
        "class_mean": np.stack([train.x[train.y == c].mean(0) for c in range(10)]).round().astype(np.uint8)[labels],
    }
    real_feats, real_probs = features(test.x)
    out = {"dataset": dataset, "test_images": len(test), "samples": len(labels),
           "feature_net_test_accuracy": round(float((real_probs.argmax(1) == test.y).mean()), 4)}
    for name, images in candidates.items():
        f, p = features(images)
        out[name] = {"frechet": round(frechet(f, real_feats), 3),
                     "reads_as_asked": round(float((p.argmax(1) == labels).mean()), 4)}
    out["frechet_ratio_vs_best_baseline"] = round(
        out["gan"]["frechet"] / min(out["noise"]["frechet"], out["class_mean"]["frechet"]), 4)
    memo = fakes[rng.choice(len(fakes), MEMO_N, replace=False)]
    gen_d = nearest_distance(memo, train.x)
    test_d = nearest_distance(test.x[rng.choice(len(test), MEMO_N, replace=False)], train.x)
    line = float(np.percentile(test_d, 1))
    out["memorisation"] = {"sample_nearest_min": round(float(gen_d.min()), 3),
                           "sample_nearest_median": round(float(np.median(gen_d)), 3),
                           "test_nearest_p1": round(line, 3), "test_nearest_median": round(float(np.median(test_d)), 3),
                           "samples_below_test_p1": int((gen_d < line).sum()), "checked": MEMO_N}
    return out


def evaluate_all(datasets=DATASETS) -> dict:
    return {d: evaluate(d) for d in datasets}


def write_report(report: dict) -> None:
    from models.gan.train import ARTIFACTS

    (ARTIFACTS / "report.json").write_text(json.dumps(report, indent=1))
