"""Music studio rules and jobs, kept out of the page script.

* `MelodyChoice`: one entry of Interpolate's A/B lists (an uploaded file, a result, a tune, or a
  fresh VAE melody), typed instead of "upload:name" strings.
* `metrics()`: the clean test-set figures, read from artifacts/evaluation.json (no model loaded).
* `read_upload`: an uploaded MIDI file parsed once per session, not on every rerun.
* `missing_input`: what a tool still needs before it can run.
* The tools as scheduler jobs (`*_job`): each makes its songs and then everything a result shows
  (OGG, numbers, piano roll) in the worker thread, so a rerun of the page only draws.
  Nothing here calls `st.*`; labels arrive already translated. The MIDI file is written and the
  WAV rendered only when a student downloads them, through the scheduler (`downloads`).
"""
from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Literal

import numpy as np

from models.music import drums
from models.music.audio import encode, preview, render
from models.music.encoding import STEPS_PER_BAR
from models.music.evaluate import EVALUATION
from models.music.midi_io import MidiError, midi_bytes
from models.music.pianoroll import LABELS, piano_roll_figure
from models.music.primers import TUNES, primer_classes
from models.music.song import Song
from models.music.theory import KEY_NAMES, estimate_key, in_key_share, notes_per_bar
from ui.jobs import load_once
from ui.scheduler import on_download

MAX_RESULTS = 12
INSTRUMENTS = (0, 4, 11, 19, 24, 40, 56, 65, 71, 73, 80, 107)
KEEP_PARSED = 8  # parsed uploads a session keeps, so a rerun never parses the same file again

Kind = Literal["upload", "result", "tune", "vae"]
Roll = tuple[str, dict]  # (language, translated piano-roll labels) the figure is first drawn in


@dataclass(frozen=True)
class MelodyChoice:
    """An Interpolate source: an uploaded file (value = its name), a result (value = its id),
    a built-in tune (value = its name) or a new 2-bar melody sampled from the VAE (no value)."""

    kind: Kind
    value: str | int = ""

    def label(self, results: list[dict], t: Callable[[str], str]) -> str:
        if self.kind == "upload":
            return f"📄 {self.value}"
        if self.kind == "result":
            return next((title(r, t) for r in results if r["id"] == self.value), f"#{self.value}")
        if self.kind == "tune":
            return t(f"music.continue.tunes.{self.value}")
        return t("music.interpolate.random")

    def melody(self, uploads: dict[str, np.ndarray], results: list[dict]) -> np.ndarray | None:
        """The melody, or None for the VAE (sampled inside the job, where the model is)."""
        if self.kind == "upload":
            return uploads[self.value]
        if self.kind == "result":
            return next(r["song"].melody for r in results if r["id"] == self.value)
        if self.kind == "tune":
            return primer_classes(self.value)
        return None


def melody_choices(uploads: dict[str, np.ndarray], results: list[dict]) -> list[MelodyChoice]:
    """Uploads first, then results that have melody notes, the tunes, and the VAE last."""
    return ([MelodyChoice("upload", name) for name in uploads]
            + [MelodyChoice("result", r["id"]) for r in results if has_melody(r["song"])]
            + [MelodyChoice("tune", name) for name in TUNES] + [MelodyChoice("vae")])


def init_session(state) -> None:
    """The page's session keys: results (newest first), their id counter, parsed uploads."""
    state.setdefault("music_results", [])
    state.setdefault("music_counter", itertools.count(1))
    state.setdefault("music_parsed", {})


def roll_labels(t: Callable[[str], str]) -> dict[str, str]:
    return {k: t(f"music.roll.{k}") for k in LABELS}


def has_melody(song: Song | None) -> bool:
    return song is not None and bool((np.asarray(song.melody) >= 2).any())


def missing_input(tool: str, source) -> str | None:
    """The message key when `tool` has nothing to work on yet (a primer / a song), else None."""
    if tool == "continue" and source is None:
        return "music.continue.need_file"
    if tool == "drumify" and not has_melody(source):
        return "music.drums.need_melody"
    if tool == "groove" and (source is None or not source.drums):
        return "music.drums.need_drums"
    return None


def title(result: dict, t: Callable[..., str] | None = None) -> str:
    """"#3 · 만들기 · 온도 1 · 시드 42": the result's name in the reader's language (its `label` if it has none)."""
    if t is None:
        from ui.i18n import t
    if "name" not in result:
        return f"#{result['id']} · {result['label']}"
    kind, params = result["name"]
    if "pattern" in params:
        params = {**params, "pattern": pattern_words(params["pattern"], params["source"], t)}
    return f"#{result['id']} · {t(f'music.name.{kind}', **params)}"


def pattern_words(name: str, source: str, t: Callable[..., str]) -> str:
    """A drum pattern's name: our own patterns translated, the Hydrogen ones quoted as they are."""
    if source == "own":
        return t(f"music.patterns.{name}")
    return t("music.patterns.hydrogen", name=name)


def key_words(stats: dict, lang: str) -> str:
    """The key the estimator found: "C장조", "A단조" in Korean, "C major" in English."""
    if "tonic" not in stats:
        return stats["found_key"]
    name = KEY_NAMES[stats["tonic"]]
    if lang == "ko":
        return f"{name}{'장조' if stats['mode'] == 'major' else '단조'}"
    return f"{name} {stats['mode']}"


def length_words(n_steps: int, t: Callable[..., str]) -> str:
    """A result's length: whole bars, and any 16th-note steps beyond them ("8마디와 16분음표 1칸")."""
    bars, steps = divmod(int(n_steps), STEPS_PER_BAR)
    if steps:
        return t("music.length.bars_steps", n=bars, steps=steps)
    return t("music.length.bars", n=bars)


@lru_cache(maxsize=1)
def metrics() -> dict[str, float]:
    """The numbers the page quotes: clean test-set figures `python -m models.music.evaluate --write`
    recomputed from the committed weights (read from its JSON: the models stay unloaded)."""
    test = json.loads(EVALUATION.read_text())
    return {"ppl": test["melody_test_perplexity"], "bigram": test["melody_bigram_test_perplexity"],
            "acc": test["vae_test_step_accuracy"]}


def read_upload(cache: dict, file, reader: Callable[[bytes], Song]) -> Song | MidiError:
    """The file's Song, or the MidiError explaining it; parsed once per uploaded file and reader."""
    key = (file.file_id, file.name, reader.__name__)
    if key not in cache:
        try:
            cache[key] = reader(file.getvalue())
        except MidiError as exc:
            cache[key] = exc
        while len(cache) > KEEP_PARSED:
            cache.pop(next(iter(cache)))
    return cache[key]


# ---- jobs: run in a scheduler worker (no st.* calls) ----

@load_once
def studio():
    from models.music.studio import load_studio

    return load_studio()


def finish(song: Song, label: str, roll: Roll, name: tuple[str, dict] | None = None, **extra) -> dict:
    """Everything a result shows, made once: the player's FLAC clip, its numbers and its piano roll (the
    MIDI, OGG and WAV files only when downloaded: writing a MIDI file held the lock 6 ms a song). `name` is
    (kind, fields) for `title`, which says it in the reader's language; `label` is the English one."""
    lang, labels = roll
    tonic, mode = estimate_key(song.melody)
    stats = {"bars": round(song.bars, 2), "tempo": song.tempo, "found_key": f"{KEY_NAMES[tonic]} {mode}",
             "tonic": int(tonic), "mode": mode,
             "notes": int((song.melody >= 2).sum()), "per_bar": notes_per_bar(song.melody),
             "in_key": in_key_share(song.melody)}
    return {"label": label, "song": song, "midi": on_download(midi_bytes, song, kind="music"),
            "flac": preview(song, "flac"),
            "stats": stats, "figs": {lang: piano_roll_figure(song, labels)}, **({"name": name} if name else {}),
            **extra}


def generate_job(bars: int, temperature: float, variations: int, seed: int, tonic: int, tempo: float,
                 program: int, roll: Roll) -> list[dict]:
    from models.music.studio import generate

    songs = generate(studio(), bars, temperature, variations, seed, tonic, tempo, program)
    return [finish(s, f"Generate · T={temperature:g} · seed {seed}", roll,
                   ("generate", {"temperature": temperature, "seed": seed})) for s in songs]


def continue_job(primer: np.ndarray, bars: int, temperature: float, variations: int, seed: int, tempo: float,
                 program: int, roll: Roll) -> list[dict]:
    from models.music.studio import continue_melody

    songs = continue_melody(studio(), primer, bars, temperature, variations, seed, tempo, program)
    return [finish(s, f"Continue · T={temperature:g} · seed {seed}", roll,
                   ("continue", {"temperature": temperature, "seed": seed})) for s in songs]


def interpolate_job(a: np.ndarray | None, b: np.ndarray | None, steps: int, seed: int, tempo: float, program: int,
                    label: str, name: tuple[str, dict] | None, roll: Roll) -> list[dict]:
    """A → B; a None end is a new 2-bar melody from the VAE (seed for A, seed + 1 for B)."""
    from models.music.studio import interpolate, sample_two_bars

    a, b = (m if m is not None else sample_two_bars(studio(), 1, 0.5, s)[0] for m, s in ((a, seed), (b, seed + 1)))
    return [finish(interpolate(studio(), a, b, steps, tempo, program), label, roll, name)]


def drumify_job(base: Song, rank: int, amount: float, swing: float, seed: int, roll: Roll) -> list[dict]:
    song, choice = drums.drumify(base, rank)
    song = drums.groove(song, amount, swing, seed) if amount or swing else song
    return [finish(song, f"Drumify · {choice.name}", roll,
                   ("drumify", {"pattern": choice.name, "source": choice.source}),
                   pattern=choice.name, source=choice.source)]


def groove_job(base: Song, amount: float, swing: float, seed: int, roll: Roll) -> list[dict]:
    return [finish(drums.groove(base, amount, swing, seed), f"Groove · {amount:g} / swing {swing:g}", roll,
                   ("groove", {"amount": amount, "swing": swing}))]


def ogg_bytes(song: Song) -> bytes:
    return preview(song, "ogg")


def wav_bytes(song: Song) -> bytes:
    return encode(render(song), "wav")


def downloads(result: dict) -> list[tuple[str, str, bytes | Callable[[], bytes], str]]:
    """(label key, extension, data, mime) per download. The OGG and WAV files are rendered only when
    clicked (`on_download`), like the MIDI file: Vorbis took 38 ms a clip, WAV is ten times the OGG."""
    ogg, wav = (on_download(make, result["song"], kind="music") for make in (ogg_bytes, wav_bytes))
    return [("midi", "mid", result["midi"], "audio/midi"), ("ogg", "ogg", ogg, "audio/ogg"),
            ("wav", "wav", wav, "audio/wav")]
