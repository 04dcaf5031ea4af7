"""Music studio: sampling speed (compiled stateful loops), render speed, model quality vs baselines."""
from __future__ import annotations

import time

import numpy as np


def _best_of(fn, repeats: int = 5) -> float:
    fn()  # trace / warm up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def run() -> list[dict]:
    from models.music.audio import encode, render
    from models.music.corpus import load_corpus
    from models.music.drums import drumify
    from models.music.studio import generate, interpolate, load_studio
    from models.music.theory import in_key_share, notes_per_bar

    studio = load_studio()
    mm, vm = studio.melody_meta["metrics"], studio.vae_meta["metrics"]
    song = generate(studio, bars=8, seed=0)[0]
    a, b = generate(studio, bars=8, variations=2, seed=1)
    drummed, _ = drumify(song)
    t32 = _best_of(lambda: generate(studio, bars=32, seed=2))
    t4x8 = _best_of(lambda: generate(studio, bars=8, variations=4, seed=3))
    t_audio = _best_of(lambda: encode(render(drummed), "ogg"))
    t_interp = _best_of(lambda: interpolate(studio, a.melody, b.melody, steps=5))

    samples = generate(studio, bars=16, variations=8, seed=7)
    corpus = load_corpus()
    _, val_idx = corpus.split(0)
    val = [corpus.melodies[i] for i in val_idx if corpus.steps_per_bar[i] == 16][:300]
    return [
        {"name": "32 bars, one melody", "value": t32, "unit": "s", "goal": 1.0, "better": "lower",
         "note": "stateful LSTM step loop in one tf.function"},
        {"name": "4 variations x 8 bars", "value": t4x8, "unit": "s", "goal": 1.0, "better": "lower",
         "note": "one batch"},
        {"name": "audio render + OGG, 8 bars with drums", "value": t_audio, "unit": "s", "goal": 0.3,
         "better": "lower", "note": "tinysoundfont + TimGM6mb.sf2"},
        {"name": "interpolation, 5 steps x 8 bars", "value": t_interp, "unit": "s", "goal": 0.5, "better": "lower"},
        {"name": "melody LSTM validation perplexity", "value": mm["val_perplexity"], "unit": "", "goal": 2.2,
         "better": "lower", "baseline": f"bigram {mm['bigram_val_perplexity']:.2f} on the same split "
                                       "(guide's bigram 4.23 on its split)"},
        {"name": "MusicVAE held-out step accuracy (greedy)", "value": vm["step_accuracy"], "unit": "",
         "goal": 0.85, "better": "higher", "note": f"{vm['eval_windows']} unseen 2-bar windows"},
        {"name": "MusicVAE held-out note-onset accuracy", "value": vm["note_accuracy"], "unit": "",
         "goal": 0.85, "better": "higher", "note": "stricter: every onset's pitch and position exact"},
        {"name": "notes in key, samples T=1", "value": float(np.mean([in_key_share(s.melody) for s in samples])),
         "unit": "", "goal": None, "better": "higher",
         "baseline": f"corpus {np.mean([in_key_share(m) for m in val]):.3f}"},
        {"name": "notes per bar, samples T=1", "value": float(np.mean([notes_per_bar(s.melody) for s in samples])),
         "unit": "", "goal": None, "better": "higher",
         "baseline": f"corpus (4/4) {np.mean([notes_per_bar(m) for m in val]):.2f}"},
    ]
