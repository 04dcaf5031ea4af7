"""`python -m models.palette.train`: train the completion network, evaluate it, write weights + card.

Training data: the COLOURlovers train split and its mirror images, each shown many times with
1–5 random slots hidden (a fresh draw every epoch). About 2 CPU-minutes.
"""
from __future__ import annotations

import argparse
import json
import os
import time

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

ARCHITECTURE = {"hidden": 256, "depth": 3, "dropout": 0.1}
TRAINING = {"epochs": 30, "copies_per_epoch": 20, "batch_size": 256, "learning_rate": 1e-3,
            "weight_decay": 1e-4, "nll_weight": 0.2, "seed": 0}


def train(epochs: int, architecture: dict = ARCHITECTURE, training: dict = TRAINING, verbose: int = 1):
    import keras

    from models.palette import data, model

    keras.utils.set_random_seed(training["seed"])
    rng = np.random.default_rng(training["seed"])
    net = model.build(**architecture)
    net.compile(keras.optimizers.AdamW(training["learning_rate"], weight_decay=training["weight_decay"]),
                model.completion_loss(training["nll_weight"]))
    train_pts, val_pts = data.nice_points("train"), data.nice_points("val")
    val_x, val_y = data.masked_examples(val_pts, 4, np.random.default_rng(1))
    history = []
    for epoch in range(epochs):  # new random masks every epoch
        x, y = data.masked_examples(train_pts, training["copies_per_epoch"], rng)
        h = net.fit(list(x), y, batch_size=training["batch_size"], epochs=1, verbose=0,
                    validation_data=(list(val_x), val_y))
        history.append({k: round(float(v[-1]), 4) for k, v in h.history.items()})
        if verbose:
            print(f"epoch {epoch + 1}/{epochs} {history[-1]}", flush=True)
    return net, history


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=TRAINING["epochs"])
    args = parser.parse_args(argv)
    from models.palette import evaluate, model
    from models.palette.model_card import write_card

    t0 = time.time()
    net, history = train(args.epochs)
    seconds = time.time() - t0
    config = {"architecture": ARCHITECTURE, "training": dict(TRAINING, epochs=args.epochs),
              "train_seconds": round(seconds), "final": history[-1]}
    model.save(net, config)
    model.load.cache_clear()
    metrics = evaluate.evaluate()
    config["metrics"] = metrics
    model.CONFIG.write_text(json.dumps(config, indent=2) + "\n")
    write_card(config)
    print(json.dumps(metrics, indent=2))


if __name__ == "__main__":
    main()
