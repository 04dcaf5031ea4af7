"""Teachable: feature extraction + head training time, prediction latency, cat-vs-coffee accuracy."""
from __future__ import annotations

import os
import statistics
import time


def _dataset(names, per_class, seed):
    from models.teachable.samples import sample_classes

    classes = sample_classes(names, per_class, seed)
    images = [img for photos in classes.values() for img in photos]
    targets = [i for i, photos in enumerate(classes.values()) for _ in photos]
    return images, targets, list(classes)


def run() -> list[dict]:
    from models.backbones.efficientnet_lite import center_crop
    from models.teachable.export import from_bytes, full_model, to_bytes
    from models.teachable.features import FeatureCache, load_embedder
    from models.teachable.pipeline import teach
    from models.teachable.training import Settings

    t0 = time.perf_counter()
    embedder = load_embedder()
    embedder.embed_images(_dataset(("cat",), 1, 99)[0])  # trace once, as the app does on first use
    load_s = time.perf_counter() - t0

    images, targets, labels = _dataset(("cat", "coffee", "rocket"), 20, 0)
    settings = Settings(epochs=10, augment=True)
    t0 = time.perf_counter()
    result = teach(embedder, FeatureCache(), images, targets, labels, settings)
    total = time.perf_counter() - t0
    n_embedded = len(images) + 3 * len(result.train_idx)
    cache = FeatureCache()
    teach(embedder, cache, images, targets, labels, settings)
    t0 = time.perf_counter()
    teach(embedder, cache, images, targets, labels, settings)
    retrain = time.perf_counter() - t0

    clf = from_bytes(to_bytes(full_model(embedder.extractor, result.head, labels)))
    probe = images[0]
    clf.probabilities(center_crop(probe)[None])
    times = []
    for img in images[:20]:
        t0 = time.perf_counter()
        clf.probabilities(center_crop(img)[None])
        times.append(time.perf_counter() - t0)
    predict_ms = 1000 * statistics.median(times)
    t0 = time.perf_counter()
    for img in images[:3]:
        clf.model.predict(center_crop(img)[None], verbose=0)
    keras_predict_ms = 1000 * (time.perf_counter() - t0) / 3

    accs = []
    for seed in (0, 1, 2):
        imgs, tgts, labs = _dataset(("cat", "coffee"), 20, 10 + seed)
        accs.append(teach(embedder, FeatureCache(), imgs, tgts, labs, Settings(epochs=10, augment=True, seed=seed))
                    .evaluation.accuracy)

    load = f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores while measuring"
    return [
        {"name": "backbone load + first trace (once per process)", "value": load_s, "unit": "s"},
        {"name": "features + training, 3 classes × 20 photos, 10 epochs, augmentation", "value": total,
         "unit": "s", "goal": 15.0, "better": "lower",
         "baseline": f"without the feature cache each epoch re-runs the backbone: ≈ {10 * result.seconds['features']:.0f} s",
         "note": f"{n_embedded} backbone passes ({result.seconds['features']:.1f} s), head {result.seconds['training']:.1f} s; {load}"},
        {"name": "retrain with cached features (new epochs/lr/batch)", "value": retrain, "unit": "s"},
        {"name": "prediction, exported .keras, one photo (median of 20)", "value": predict_ms, "unit": "ms",
         "goal": 60.0, "better": "lower", "baseline": f"keras model.predict per photo: {keras_predict_ms:.0f} ms",
         "note": f"centre crop + tf.function call of backbone + head; {load}"},
        {"name": "cat vs coffee validation accuracy (worst of 3 seeds)", "value": min(accs), "unit": "",
         "goal": 0.95, "better": "higher", "baseline": "majority class 0.50",
         "note": f"seeds {', '.join(f'{a:.2f}' for a in accs)}; 20 crops of one scikit-image photo per class, "
                 "8 held out — same-photo crops, an easy case"},
        {"name": "3-class validation accuracy (timing set)", "value": result.evaluation.accuracy, "unit": "",
         "baseline": "majority class 0.33"},
    ]
