"""Music studio rules and jobs, kept out of the page script.

* `MelodyChoice`: one entry of Interpolate's A/B lists (an uploaded file, a result, a tune, or a
  fresh VAE melody), typed instead of "upload:name" strings.
* `metrics()`: the model card numbers, read from the committed metadata JSON (no model loaded).
* `read_upload`: an uploaded MIDI file parsed once per session, not on every rerun.
* `missing_input`: what a tool still needs before it can run.
* The tools as scheduler jobs (`*_job`): each makes its songs and then everything a result shows
  (MIDI, OGG, numbers, piano roll) in the worker thread, so a rerun of the page only draws.
  Nothing here calls `st.*`; labels arrive already translated. The WAV download is rendered on
  its click, also through the scheduler (`downloads`).
"""
from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Literal

import numpy as np

from models.music import drums
from models.music.audio import encode, render
from models.music.melody_model import CONFIG as MELODY_META
from models.music.midi_io import MidiError, midi_bytes
from models.music.pianoroll import LABELS, piano_roll_figure
from models.music.primers import TUNES, primer_classes
from models.music.song import Song
from models.music.theory import KEY_NAMES, estimate_key, in_key_share, notes_per_bar
from models.music.vae_model import CONFIG as VAE_META
from ui.jobs import load_once
from ui.scheduler import scheduler

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
            return next((title(r) for r in results if r["id"] == self.value), f"#{self.value}")
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


def title(result: dict) -> str:
    return f"#{result['id']} · {result['label']}"


@lru_cache(maxsize=1)
def metrics() -> dict[str, float]:
    """The numbers the page quotes, from the models' metadata files: the models stay unloaded."""
    melody = json.loads(MELODY_META.read_text())["metrics"]
    vae = json.loads(VAE_META.read_text())["metrics"]
    return {"ppl": melody["val_perplexity"], "bigram": melody["bigram_val_perplexity"], "acc": vae["step_accuracy"]}


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


def finish(song: Song, label: str, roll: Roll, **extra) -> dict:
    """Everything a result shows, made once: MIDI, OGG, its numbers and its piano roll."""
    lang, labels = roll
    tonic, mode = estimate_key(song.melody)
    stats = {"bars": round(song.bars, 2), "tempo": song.tempo, "found_key": f"{KEY_NAMES[tonic]} {mode}",
             "notes": int((song.melody >= 2).sum()), "per_bar": notes_per_bar(song.melody),
             "in_key": in_key_share(song.melody)}
    return {"label": label, "song": song, "midi": midi_bytes(song), "ogg": encode(render(song), "ogg"),
            "stats": stats, "figs": {lang: piano_roll_figure(song, labels)}, **extra}


def generate_job(bars: int, temperature: float, variations: int, seed: int, tonic: int, tempo: float,
                 program: int, roll: Roll) -> list[dict]:
    from models.music.studio import generate

    songs = generate(studio(), bars, temperature, variations, seed, tonic, tempo, program)
    return [finish(s, f"Generate · T={temperature:g} · seed {seed}", roll) for s in songs]


def continue_job(primer: np.ndarray, bars: int, temperature: float, variations: int, seed: int, tempo: float,
                 program: int, roll: Roll) -> list[dict]:
    from models.music.studio import continue_melody

    songs = continue_melody(studio(), primer, bars, temperature, variations, seed, tempo, program)
    return [finish(s, f"Continue · T={temperature:g} · seed {seed}", roll) for s in songs]


def interpolate_job(a: np.ndarray | None, b: np.ndarray | None, steps: int, seed: int, tempo: float, program: int,
                    label: str, roll: Roll) -> list[dict]:
    """A → B; a None end is a new 2-bar melody from the VAE (seed for A, seed + 1 for B)."""
    from models.music.studio import interpolate, sample_two_bars

    a, b = (m if m is not None else sample_two_bars(studio(), 1, 0.5, s)[0] for m, s in ((a, seed), (b, seed + 1)))
    return [finish(interpolate(studio(), a, b, steps, tempo, program), label, roll)]


def drumify_job(base: Song, rank: int, amount: float, swing: float, seed: int, roll: Roll) -> list[dict]:
    song, choice = drums.drumify(base, rank)
    song = drums.groove(song, amount, swing, seed) if amount or swing else song
    return [finish(song, f"Drumify · {choice.name}", roll, pattern=choice.name, source=choice.source)]


def groove_job(base: Song, amount: float, swing: float, seed: int, roll: Roll) -> list[dict]:
    return [finish(drums.groove(base, amount, swing, seed), f"Groove · {amount:g} / swing {swing:g}", roll)]


def wav_bytes(song: Song) -> bytes:
    return encode(render(song), "wav")


def downloads(result: dict) -> list[tuple[str, str, bytes | Callable[[], bytes], str]]:
    """(label key, extension, data, mime) per download. WAV is ten times the OGG, so it is rendered
    only when clicked: Streamlit calls that deferred data in its own thread, and the render waits in
    the scheduler queue like every other render."""
    song = result["song"]
    wav = lambda: scheduler().submit(wav_bytes, song, size="short", kind="music").result()  # noqa: E731
    return [("midi", "mid", result["midi"], "audio/midi"), ("ogg", "ogg", result["ogg"], "audio/ogg"),
            ("wav", "wav", wav, "audio/wav")]
