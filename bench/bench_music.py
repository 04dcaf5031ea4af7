"""Music studio: sampling speed (compiled stateful loops), render speed, model quality vs baselines.

Quality is recomputed here from the committed weights on the clean test set
(`models.music.evaluate`: test melodies used for no decision, windows seen in training dropped).
"""
from __future__ import annotations

import numpy as np

from bench.timing import median_warm


def _sampling_loops(studio, repeats: int = 20) -> dict[str, tuple[float, float]]:
    """{variant: (median wall ms, mean CPU ms)} of the sampling loop for Generate's default (two variations
    of 8 bars): the app's (onnxruntime, weights as constants of the loop body) and the two before it
    (onnxruntime stepping the Keras layers; a tf.function stepping them)."""
    import time

    from models.music.sampler import MelodySampler

    primer = np.full((2, 1), 14, np.int32)
    variants = {"app": studio.melody, "onnxruntime, layers": MelodySampler(studio.melody.model, step="layers"),
                "tensorflow, layers": MelodySampler(studio.melody.model, "tensorflow", step="layers")}
    out = {}
    for name, sampler in variants.items():
        for seed in range(3):
            sampler.sample(primer, 127, 1.0, seed)
        walls, cpu = [], time.process_time()
        for seed in range(repeats):
            start = time.perf_counter()
            sampler.sample(primer, 127, 1.0, seed)
            walls.append(time.perf_counter() - start)
        out[name] = (1000 * float(np.median(walls)), 1000 * (time.process_time() - cpu) / repeats)
    return out


def run() -> list[dict]:
    from models.music.audio import encode, forget_note_clips, preview, render
    from models.music.corpus import load_corpus
    from models.music.evaluate import evaluate
    from models.music.drums import drumify
    from models.music.studio import generate, interpolate, load_studio
    from models.music.theory import in_key_share, notes_per_bar

    studio = load_studio()
    song = generate(studio, bars=8, seed=0)[0]
    a, b = generate(studio, bars=8, variations=2, seed=1)
    drummed, _ = drumify(song)
    t32 = median_warm(lambda: generate(studio, bars=32, seed=2))
    loops = _sampling_loops(studio)
    t4x8 = median_warm(lambda: generate(studio, bars=8, variations=4, seed=3))
    t_audio = median_warm(lambda: preview(drummed, "flac"))  # what the page makes for its player
    t_cold = median_warm(lambda: (forget_note_clips(), preview(drummed, "flac")))  # no note clip kept yet
    t_vorbis = median_warm(lambda: preview(drummed, "ogg"))  # the player's clip before: mono Vorbis (the OGG download)
    t_stereo = median_warm(lambda: encode(render(drummed), "ogg"))  # and before that: stereo Vorbis at 32 kHz
    sizes = {fmt: len(preview(drummed, fmt)) / 1024 for fmt in ("flac", "ogg")}
    t_interp = median_warm(lambda: interpolate(studio, a.melody, b.melody, steps=5))
    ev = evaluate()

    samples = generate(studio, bars=16, variations=8, seed=7)
    corpus = load_corpus()
    _, val_idx, _ = corpus.split(0)
    val = [corpus.melodies[i] for i in val_idx if corpus.steps_per_bar[i] == 16][:300]
    clean = (f"recomputed from the committed weights; {{}} test windows, {{}} seen in training dropped, "
             f"overlap with training {ev['overlap_with_training']}")
    return [
        {"name": "32 bars, one melody", "value": t32.median, "unit": "s", "goal": 1.0, "better": "lower",
         "note": f"stateful LSTM step loop, exported to onnxruntime; {t32.note()}"},
        {"name": "2 variations x 8 bars: the sampling loop (what Generate runs by default)", "value": loops["app"][0],
         "unit": "ms", "better": "lower",
         "baseline": ("what ran before, same run: onnxruntime stepping the Keras layers "
                      f"{loops['onnxruntime, layers'][0]:.1f} ms, {loops['onnxruntime, layers'][1]:.1f} ms of CPU; "
                      f"a tf.function stepping them {loops['tensorflow, layers'][0]:.1f} ms, "
                      f"{loops['tensorflow, layers'][1]:.1f} ms of CPU"),
         "note": (f"{loops['app'][1]:.1f} ms of CPU (all threads of the process); weights as constants of the "
                  "loop body, packed once by onnxruntime; median of 20 after 3 warm-ups")},
        {"name": "4 variations x 8 bars", "value": t4x8.median, "unit": "s", "goal": 1.0, "better": "lower",
         "note": f"one batch; {t4x8.note()}"},
        {"name": "audio render + FLAC for the page's player, 8 bars with drums", "value": t_audio.median, "unit": "s",
         "goal": 0.3, "better": "lower",
         "baseline": (f"the player's clip before, mono Vorbis (now the OGG download) {t_vorbis.median:.3f} s; "
                      f"stereo Vorbis at 32 kHz before that {t_stereo.median:.3f} s"),
         "note": (f"tinysoundfont + TimGM6mb.sf2, mono 22.05 kHz, melody from kept note clips (none kept: "
                  f"{t_cold.median:.3f} s); FLAC {sizes['flac']:.0f} KB, Vorbis {sizes['ogg']:.0f} KB; "
                  f"{t_audio.note()}")},
        {"name": "interpolation, 5 steps x 8 bars", "value": t_interp.median, "unit": "s", "goal": 0.5,
         "better": "lower", "note": t_interp.note()},
        {"name": "melody LSTM test perplexity", "value": ev["melody_test_perplexity"], "unit": "", "goal": 2.2,
         "better": "lower", "baseline": f"add-0.1 bigram {ev['melody_bigram_test_perplexity']:.2f} on the same windows",
         "note": clean.format(ev["melody_test_windows"], ev["melody_test_windows_dropped_as_seen"])},
        {"name": "MusicVAE test step accuracy (greedy)", "value": ev["vae_test_step_accuracy"], "unit": "",
         "goal": 0.85, "better": "higher",
         "note": clean.format(ev["vae_test_windows"], ev["vae_test_windows_dropped_as_seen"])},
        {"name": "MusicVAE test note-onset accuracy", "value": ev["vae_test_note_onset_accuracy"], "unit": "",
         "goal": 0.85, "better": "higher", "note": "stricter: every onset's pitch and position exact"},
        {"name": "notes in key, samples T=1", "value": float(np.mean([in_key_share(s.melody) for s in samples])),
         "unit": "", "goal": None, "better": "higher",
         "baseline": f"corpus {np.mean([in_key_share(m) for m in val]):.3f}"},
        {"name": "notes per bar, samples T=1", "value": float(np.mean([notes_per_bar(s.melody) for s in samples])),
         "unit": "", "goal": None, "better": "higher",
         "baseline": f"corpus (4/4) {np.mean([notes_per_bar(m) for m in val]):.2f}"},
    ]
