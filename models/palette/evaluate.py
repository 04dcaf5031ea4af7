"""Quality figures on held-out palettes: fill-one error vs anchors, a real-vs-generated critic,
and chroma / diversity of generated palettes compared with real ones (no collapse to greys)."""
from __future__ import annotations

import numpy as np

from models.palette import baselines, data
from models.palette.colorspace import chroma, hue_degrees, pairwise, rgb_to_ucs, to_ucs
from models.palette.model import N_SLOTS, decode, encode, load


def model_fill(known: np.ndarray, slot: int) -> np.ndarray:
    """The network's point guess for `slot`, averaged with its guess on the mirrored palette."""
    completer = load()
    mask = np.ones((len(known), N_SLOTS), np.float32)
    mask[:, slot] = 0
    z = encode(known) * mask[..., None]
    fwd = completer.forward(z, mask)[:, slot, :3]
    bwd = completer.forward(z[:, ::-1].copy(), mask[:, ::-1].copy())[:, N_SLOTS - 1 - slot, :3]
    return decode((fwd + bwd) / 2)


def fill_one_error(points: np.ndarray, fill) -> float:
    """Mean CAM02-UCS distance between the hidden colour and `fill(points, slot)`, over all 5 slots."""
    return float(np.mean([np.linalg.norm(fill(points, s) - points[:, s], axis=-1).mean()
                          for s in range(N_SLOTS)]))


def features(points: np.ndarray) -> np.ndarray:
    """Nine palette descriptors the critic sees: lightness, chroma, hue spread and spacing."""
    c = chroma(points)
    h = np.radians(hue_degrees(points))
    w = c / np.maximum(c.sum(1, keepdims=True), 1e-6)
    hue_spread = 1 - np.hypot((w * np.cos(h)).sum(1), (w * np.sin(h)).sum(1))
    dist = np.stack([pairwise(p) for p in points])
    adjacent = np.linalg.norm(np.diff(points, axis=1), axis=-1).mean(1)
    return np.column_stack([points[..., 0].mean(1), points[..., 0].std(1), c.mean(1), c.std(1), c.max(1),
                            hue_spread, dist.mean(1), dist.min(1), adjacent])


def critic_auc(real: np.ndarray, fake: np.ndarray, seed: int = 0) -> float:
    """Cross-validated ROC AUC of a logistic critic telling real from generated (0.5 = can't tell)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    x = np.concatenate([features(real), features(fake)])
    y = np.r_[np.ones(len(real)), np.zeros(len(fake))]
    critic = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    folds = StratifiedKFold(5, shuffle=True, random_state=seed)
    return float(cross_val_score(critic, x, y, cv=folds, scoring="roc_auc").mean())


def palette_stats(points: np.ndarray) -> dict:
    """Mean chroma and mean within-palette distance (diversity)."""
    return {"chroma": float(chroma(points).mean()),
            "diversity": float(np.mean([pairwise(p).mean() for p in points]))}


def generated(count: int, seed: int = 0) -> np.ndarray:
    """Unconditioned model palettes, as the user sees them (hex, gamut-mapped) back in CAM02-UCS."""
    from models.palette.suggest import _to_hexes, sample_points

    locks = [None] * N_SLOTS
    hexes = _to_hexes(sample_points(locks, count, np.random.default_rng(seed)), locks)
    return np.stack([to_ucs(h) for h in hexes])


def random_palettes(count: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rgb_to_ucs(rng.integers(0, 256, (count * N_SLOTS, 3)).astype(float)).reshape(count, N_SLOTS, 3)


def evaluate(seed: int = 0) -> dict:
    """All quality figures on the test split (and the held-out thi.ng themes for the critic)."""
    test, train = data.nice_points("test"), data.nice_points("train")
    rng = np.random.default_rng(seed)
    fill = {
        "random colour": fill_one_error(test, lambda p, s: baselines.random_colour(p, s, rng)),
        "mean of the other four": fill_one_error(test, baselines.mean_of_others),
        "nearest-10 training palettes": fill_one_error(test, lambda p, s: baselines.nearest_palettes(p, s, train)),
        "completion network": fill_one_error(test, model_fill),
    }
    real = np.concatenate([test, data.nice_points("val")])
    fake = generated(len(real), seed)
    rand = random_palettes(len(real), seed)
    real_stats, fake_stats = palette_stats(real), palette_stats(fake)
    thing = data.thing_points()[:, :N_SLOTS]
    return {
        "fill_one": fill,
        "critic_auc": {"generated": critic_auc(real, fake, seed), "random": critic_auc(real, rand, seed)},
        "critic_auc_thing": {"generated": critic_auc(thing, generated(len(thing), seed + 1), seed)},
        "stats": {"real": real_stats, "generated": fake_stats,
                  "ratio": {k: fake_stats[k] / real_stats[k] for k in real_stats}},
    }
