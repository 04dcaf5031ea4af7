"""Train the melody LSTM: `python -m models.music.train_melody [--epochs 20] [--seed 0]`.

Next-step prediction on 8-bar windows (129 steps: 128 inputs, 128 targets) of the music21 corpus,
each training window plus 3 random transpositions. Validation melodies are never transposed or
trained on, and validation windows that appear in training (in any key) are dropped; they drive early
stopping. Test melodies are not touched here (`models.music.evaluate` scores them). Reports validation
perplexity next to an add-k bigram baseline on the same split.
Runs on any Keras backend (KERAS_BACKEND=jax on a GPU machine takes ~3 min; TF on 2 CPU cores
takes ~1 h for the same epochs).
"""
from __future__ import annotations

import json
import time

import numpy as np

from models.music.corpus import augment, bar_windows, drop_seen, load_corpus, pad_with_mask, transposition_key
from models.music.train_common import compile_next_class, fit_callbacks, save_trained, training_args
from models.music.encoding import NUM_CLASSES
from models.music.melody_model import CONFIG, DEFAULT_CONFIG, WEIGHTS, build_melody_model

WINDOW = 129


def windows_for(corpus, indices, hop_bars, copies, rng):
    windows = []
    for i in indices:
        windows += bar_windows(corpus.melodies[i], int(corpus.steps_per_bar[i]), WINDOW, hop_bars)
    return augment(windows, copies, rng) if copies else windows


def bigram_perplexity(train_x, train_m, val_x, val_m, k: float = 0.1) -> float:
    """Add-k smoothed P(next class | class) from the training windows, scored on validation."""
    counts = np.full((NUM_CLASSES, NUM_CLASSES), k)
    valid = train_m[:, 1:] > 0
    np.add.at(counts, (train_x[:, :-1][valid], train_x[:, 1:][valid]), 1.0)
    logp = np.log(counts / counts.sum(axis=1, keepdims=True))
    vvalid = val_m[:, 1:] > 0
    return float(np.exp(-logp[val_x[:, :-1][vvalid], val_x[:, 1:][vvalid]].mean()))


def model_perplexity(model, x, mask) -> float:
    """exp(mean cross-entropy) over every real validation step (no padding, no batch weighting)."""
    logits = model.predict(x[:, :-1], batch_size=256, verbose=0).astype(np.float64)
    logits -= logits.max(axis=-1, keepdims=True)
    logp = logits - np.log(np.exp(logits).sum(axis=-1, keepdims=True))
    target_logp = np.take_along_axis(logp, x[:, 1:, None], axis=-1)[..., 0]
    valid = mask[:, 1:] > 0
    return float(np.exp(-target_logp[valid].mean()))


def main() -> None:
    ap = training_args(__doc__, epochs=20, batch=128, lr=2e-3, copies=3)
    ap.add_argument("--limit", type=int, default=None, help="use only N melodies (quick checks)")
    args = ap.parse_args()

    import keras

    keras.utils.set_random_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    corpus = load_corpus(args.corpus)
    train_idx, val_idx, _test = corpus.split(args.seed)
    if args.limit:
        train_idx, val_idx = train_idx[:args.limit], val_idx[:max(1, args.limit // 9)]
    plain = windows_for(corpus, train_idx, 4, 0, rng)
    train_x, train_m = pad_with_mask(augment(plain, args.copies, rng), WINDOW)
    val, dropped = drop_seen(windows_for(corpus, val_idx, 8, 0, rng), {transposition_key(w) for w in plain})
    val_x, val_m = pad_with_mask(val, WINDOW)
    print(f"{len(train_x)} training windows, {len(val_x)} validation windows "
          f"({dropped} seen in training dropped)", flush=True)

    model = build_melody_model(**DEFAULT_CONFIG)
    compile_next_class(model, args.lr, weighted_metrics=[])
    t0 = time.time()
    model.fit(train_x[:, :-1], train_x[:, 1:], sample_weight=train_m[:, 1:], batch_size=args.batch,
              epochs=args.epochs, shuffle=True, verbose=2,
              validation_data=(val_x[:, :-1], val_x[:, 1:], val_m[:, 1:]),
              callbacks=fit_callbacks(args.time_budget, lr_patience=1, stop_patience=3))
    seconds = time.time() - t0
    metrics = {
        "val_perplexity": model_perplexity(model, val_x, val_m),
        "bigram_val_perplexity": bigram_perplexity(train_x, train_m, val_x, val_m),
        "train_windows": int(len(train_x)), "val_windows": int(len(val_x)), "val_windows_dropped_as_seen": dropped,
        "train_melodies": len(train_idx), "val_melodies": len(val_idx),
        "epochs_run": len(model.history.epoch) if model.history else args.epochs,
        "train_seconds": round(seconds), "backend": keras.backend.backend(),
    }
    print(json.dumps(metrics, indent=1))
    save_trained(model, build_melody_model(**DEFAULT_CONFIG), WEIGHTS, CONFIG, DEFAULT_CONFIG, metrics,
                 f"python -m models.music.train_melody --epochs {args.epochs} --seed {args.seed}")


if __name__ == "__main__":
    main()
