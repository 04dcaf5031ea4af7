"""Train the 2-bar MusicVAE: `python -m models.music.train_vae [--epochs 40] [--seed 0]`.

2-bar windows (32 sixteenth steps) from the 4/4 and 2/4 melodies of the corpus, split by melody
like the melody model (train / validation / test), training windows deduplicated and transposed;
validation windows that appear in training (in any key) are dropped. Validation drives early stopping
and the learning-rate schedule; the test melodies are not touched here (`models.music.evaluate`
scores them). Reports validation reconstruction accuracy with greedy decoding from the posterior mean.
"""
from __future__ import annotations

import json
import time

import numpy as np

from models.music.corpus import augment, drop_seen, load_corpus, transposition_key
from models.music.train_common import compile_next_class, fit_callbacks, save_trained, training_args
from models.music.encoding import NO_EVENT
from models.music.vae_model import CONFIG, DEFAULT_CONFIG, GO, STEPS, WEIGHTS, build_vae


def two_bar_windows(corpus, indices) -> list[np.ndarray]:
    out = []
    for i in indices:
        spb, melody = int(corpus.steps_per_bar[i]), corpus.melodies[i]
        if spb not in (8, 16):
            continue
        for start in range(0, len(melody) - STEPS + 1, 16):
            w = melody[start:start + STEPS]
            if (w >= 2).sum() >= 4:
                out.append(w)
    return out


def decoder_inputs(x: np.ndarray) -> np.ndarray:
    return np.concatenate([np.full((len(x), 1), GO, dtype=x.dtype), x[:, :-1]], axis=1)


def greedy_reconstruct(encoder, decoder, x: np.ndarray) -> np.ndarray:
    """Encode to mu, then decode step by step feeding back the argmax (backend-neutral; the
    decoder is causal, so a fixed 32-step input keeps one compiled shape)."""
    mu, _ = encoder.predict(x, verbose=0, batch_size=512)
    dec_in = np.full((len(x), STEPS), GO, dtype=np.int32)
    out = np.zeros((len(x), STEPS), dtype=np.int32)
    for t in range(STEPS):
        logits = decoder.predict([mu, dec_in], verbose=0, batch_size=512)
        out[:, t] = logits[:, t].argmax(-1)
        if t + 1 < STEPS:
            dec_in[:, t + 1] = out[:, t]
    return out


def reconstruction_scores(x: np.ndarray, recon: np.ndarray) -> dict:
    """Step accuracy over all steps, and note accuracy: share of the input's note onsets rebuilt exactly."""
    onsets = x >= 2
    return {"step_accuracy": float((recon == x).mean()),
            "note_accuracy": float((recon[onsets] == x[onsets]).mean()),
            "rest_or_hold_accuracy": float((recon[~onsets] == x[~onsets]).mean())}


def main() -> None:
    ap = training_args(__doc__, epochs=40, batch=256, lr=1e-3, copies=2)
    ap.add_argument("--eval-windows", type=int, default=4000)
    ap.add_argument("--resume", action="store_true",
                    help="start from the committed weights (fine-tune a run cut off by --time-budget)")
    ap.add_argument("--patience", type=int, default=5, help="early-stopping patience (epochs)")
    args = ap.parse_args()

    import keras

    keras.utils.set_random_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    corpus = load_corpus(args.corpus)
    train_idx, val_idx, _test = corpus.split(args.seed)
    train = np.unique(np.stack(two_bar_windows(corpus, train_idx)), axis=0)
    train_x = np.stack(augment(list(train), args.copies, rng)).astype(np.int32)
    val, dropped = drop_seen(two_bar_windows(corpus, val_idx), {transposition_key(w) for w in train})
    val_x = np.stack(val).astype(np.int32)
    print(f"{len(train_x)} training windows ({len(train)} distinct), {len(val_x)} validation "
          f"({dropped} seen in training dropped)", flush=True)

    vae, encoder, decoder = build_vae(**DEFAULT_CONFIG)
    if args.resume:
        vae.load_weights(WEIGHTS)
    compile_next_class(vae, args.lr, metrics=["sparse_categorical_accuracy"])
    t0 = time.time()
    vae.fit([train_x, decoder_inputs(train_x)], train_x, batch_size=args.batch, epochs=args.epochs,
            shuffle=True, verbose=2, validation_data=([val_x, decoder_inputs(val_x)], val_x),
            callbacks=fit_callbacks(args.time_budget, lr_patience=2, stop_patience=args.patience))
    seconds = time.time() - t0
    held_out = val_x[rng.permutation(len(val_x))[:args.eval_windows]]  # validation, not test
    scores = reconstruction_scores(held_out, greedy_reconstruct(encoder, decoder, held_out))
    mu, logvar = encoder.predict(held_out, verbose=0, batch_size=512)
    kl = float(np.mean(-0.5 * np.sum(1 + logvar - mu ** 2 - np.exp(logvar), axis=-1)))
    metrics = {**scores, "mean_kl_nats": kl, "train_windows": int(len(train_x)),
               "val_windows": int(len(val_x)), "val_windows_dropped_as_seen": dropped, "eval_windows": int(len(held_out)),
               "epochs_run": len(vae.history.epoch), "train_seconds": round(seconds),
               "backend": keras.backend.backend(), "rest_share": float((held_out == NO_EVENT).mean()),
               "resumed": bool(args.resume)}
    print(json.dumps(metrics, indent=1))
    save_trained(vae, build_vae(**DEFAULT_CONFIG)[0], WEIGHTS, CONFIG, DEFAULT_CONFIG, metrics,
                 f"python -m models.music.train_vae --epochs {args.epochs} --seed {args.seed} --lr {args.lr:g}" +
                 (" --resume" if args.resume else "") + f" --patience {args.patience}")


if __name__ == "__main__":
    main()
