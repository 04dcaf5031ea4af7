"""Train both digit networks on MNIST with augmentation, and write the committed artifacts.

    python -m models.digits.train                 # both networks (≈ 10 min on 2 CPU cores)
    python -m models.digits.train --only mlp --epochs 40

Training uses the 50,000 training digits, augmented every epoch (`networks.augmenter`); the 10,000
validation digits choose when to stop (early stopping, best epoch kept); the test set is not read
here at all. Afterwards `evaluate.write_report` measures test and non-MNIST accuracy once, for the
model card. Seeded (Keras and the augmenter); results vary slightly across machines.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ARTIFACTS = Path(__file__).parent / "artifacts"
BATCH = 256
EPOCHS = {"mlp": 20, "cnn": 14}
LEARNING_RATE = {"mlp": 2e-3, "cnn": 2e-3}
PATIENCE = 4
SEED = 0


def weights_file(name: str) -> Path:
    return ARTIFACTS / f"{name}.weights.h5"


def datasets(data, augment, batch: int = BATCH):
    """(augmented, shuffled training batches; plain validation batches)."""
    import tensorflow as tf

    from models.digits.networks import as_float

    train = (tf.data.Dataset.from_tensor_slices((as_float(data.train.x), data.train.y))
             .shuffle(len(data.train), seed=SEED, reshuffle_each_iteration=True).batch(batch)
             .map(lambda x, y: (augment(x), y), num_parallel_calls=tf.data.AUTOTUNE).prefetch(2))
    val = tf.data.Dataset.from_tensor_slices((as_float(data.val.x), data.val.y)).batch(1024)
    return train, val


def train(name: str, data, epochs: int, time_budget_s: float | None = None):
    """Fit one network (Adam, cosine-decayed learning rate, early stopping on validation loss)."""
    import keras

    from models.digits.networks import augmenter, build

    keras.utils.set_random_seed(SEED)
    model = build(name)
    train_ds, val_ds = datasets(data, augmenter(SEED))
    steps = epochs * int(train_ds.cardinality())
    schedule = keras.optimizers.schedules.CosineDecay(LEARNING_RATE[name], steps, alpha=0.02)
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy", metrics=["accuracy"])
    callbacks = [keras.callbacks.EarlyStopping("val_loss", patience=PATIENCE, restore_best_weights=True)]
    if time_budget_s:
        start = time.perf_counter()
        callbacks.append(keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: setattr(
            model, "stop_training", time.perf_counter() - start > time_budget_s)))
    history = model.fit(train_ds, validation_data=val_ds, epochs=epochs, callbacks=callbacks, verbose=2)
    return model, history.history


def main(argv=None) -> None:
    from models.digits.data import load_mnist

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=sorted(EPOCHS), help="train one network (default: both)")
    parser.add_argument("--epochs", type=int, help="override the epoch count")
    parser.add_argument("--time-budget", type=float, help="stop after the epoch that passes this many seconds")
    args = parser.parse_args(argv)
    ARTIFACTS.mkdir(exist_ok=True)
    data = load_mnist()
    log_path = ARTIFACTS / "training_log.json"
    log = json.loads(log_path.read_text()) if log_path.exists() else {}
    for name in [args.only] if args.only else sorted(EPOCHS):
        start = time.perf_counter()
        model, history = train(name, data, args.epochs or EPOCHS[name], args.time_budget)
        model.save_weights(weights_file(name))
        log[name] = {"seconds": round(time.perf_counter() - start, 1), "epochs_run": len(history["loss"]),
                     "best_val_accuracy": round(max(history["val_accuracy"]), 4),
                     "history": {k: [round(float(v), 4) for v in vals] for k, vals in history.items()}}
        print(f"{name}: {log[name]['epochs_run']} epochs, {log[name]['seconds']} s, "
              f"best validation accuracy {log[name]['best_val_accuracy']:.4f}", flush=True)
    log_path.write_text(json.dumps(log, indent=1))
    from models.digits.evaluate import write_report

    write_report()


if __name__ == "__main__":
    main()
