"""Score the committed music models on the clean test set: `python -m models.music.evaluate [--json] [--write]`.

The test melodies (half of the 10 % held out, `Corpus.split`) are never trained on and drive no
decision: training uses the validation half for early stopping and the learning-rate schedule.
Test windows that appear in the training windows in any key are dropped first, and the overlap of
what is scored is counted again (`overlap_with_training`, 0 when the split is clean).

Recomputes from the committed weights (nothing is copied from training logs):
- melody LSTM: test perplexity, next to an add-0.1 bigram fitted on the same training windows;
- 2-bar MusicVAE: step and note-onset accuracy of greedy reconstruction from the posterior mean.
`--write` stores the figures in artifacts/evaluation.json, which the music page and the bench quote.
About 2 minutes on 2 CPU cores.
"""
from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path

import numpy as np

from models.music.corpus import CORPUS_FILE, augment, drop_seen, load_corpus, pad_with_mask, transposition_key

EVALUATION = Path(__file__).resolve().parent / "artifacts" / "evaluation.json"
GOALS = {"melody_test_perplexity": ("<=", 2.2), "vae_test_note_onset_accuracy": (">=", 0.85)}


def _overlap(windows: list[np.ndarray], seen: set[bytes]) -> int:
    return sum(transposition_key(w) in seen for w in windows)


def melody_scores(corpus, train_idx: list[int], test_idx: list[int], seed: int = 0) -> dict:
    from models.music.melody_model import load_melody_model
    from models.music.train_melody import WINDOW, bigram_perplexity, model_perplexity, windows_for

    rng = np.random.default_rng(seed)
    plain = windows_for(corpus, train_idx, 4, 0, rng)
    seen = {transposition_key(w) for w in plain}
    raw = windows_for(corpus, test_idx, 8, 0, rng)
    test, dropped = drop_seen(raw, seen)
    train_x, train_m = pad_with_mask(augment(plain, 3, rng), WINDOW)
    test_x, test_m = pad_with_mask(test, WINDOW)
    model, _ = load_melody_model()
    return {"melody_test_perplexity": model_perplexity(model, test_x, test_m),
            "melody_bigram_test_perplexity": bigram_perplexity(train_x, train_m, test_x, test_m),
            "melody_test_windows": len(test), "melody_test_windows_dropped_as_seen": dropped,
            "melody_test_windows_before_dedup": len(raw),
            "melody_overlap_with_training": _overlap(test, seen)}


def vae_scores(corpus, train_idx: list[int], test_idx: list[int]) -> dict:
    from models.music.train_vae import greedy_reconstruct, reconstruction_scores, two_bar_windows
    from models.music.vae_model import load_vae

    seen = {transposition_key(w) for w in two_bar_windows(corpus, train_idx)}
    raw = two_bar_windows(corpus, test_idx)
    test, dropped = drop_seen(raw, seen)
    x = np.stack(test).astype(np.int32)
    encoder, decoder, _ = load_vae()
    scores = reconstruction_scores(x, greedy_reconstruct(encoder, decoder, x))
    return {"vae_test_step_accuracy": scores["step_accuracy"],
            "vae_test_note_onset_accuracy": scores["note_accuracy"],
            "vae_test_rest_or_hold_accuracy": scores["rest_or_hold_accuracy"],
            "vae_test_windows": len(test), "vae_test_windows_dropped_as_seen": dropped,
            "vae_test_windows_before_dedup": len(raw),
            "vae_overlap_with_training": _overlap(test, seen)}


def evaluate(corpus_file: Path = CORPUS_FILE, seed: int = 0) -> dict:
    import keras

    corpus = load_corpus(corpus_file)
    train_idx, val_idx, test_idx = corpus.split(seed)
    t0 = time.perf_counter()
    out = {**melody_scores(corpus, train_idx, test_idx, seed), **vae_scores(corpus, train_idx, test_idx)}
    out["overlap_with_training"] = out["melody_overlap_with_training"] + out["vae_overlap_with_training"]
    out["goals"] = {name: {"goal": f"{op} {value}", "met": bool(out[name] <= value if op == "<=" else out[name] >= value)}
                    for name, (op, value) in GOALS.items()}
    out.update({"split": {"train_melodies": len(train_idx), "validation_melodies": len(val_idx),
                          "test_melodies": len(test_idx), "seed": seed},
                "seconds": round(time.perf_counter() - t0, 1), "backend": keras.backend.backend(),
                "measured": date.today().isoformat()})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--write", action="store_true", help=f"also store them in {EVALUATION.name}")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    out = evaluate(seed=args.seed)
    if args.write:
        EVALUATION.write_text(json.dumps(out, indent=1) + "\n")
    if args.json:
        print(json.dumps(out, indent=1))
        return
    for key, value in out.items():
        print(f"{key:42s} {value:.4f}" if isinstance(value, float) else f"{key:42s} {value}")


if __name__ == "__main__":
    main()
