"""Extract monophonic melodies from the music21 corpus into a small encoded file.

`python -m models.music.build_corpus [--workers 2] [--limit N]`
Sources: Essen folk songs, O'Neill's 1850, Ryan's Mammoth Collection, Aird's Airs, misc folk,
the Nottingham dataset (all ABC) and Bach chorale sopranos (MusicXML). All public domain.
Output: artifacts/corpus.npz (class ids per 16th step, concatenated, with offsets, bar lengths and
source ids). Transposition augmentation is applied when training (`corpus.py`), after the
train/validation split, so no transposed copy of a validation melody is ever trained on.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import time
import warnings
from pathlib import Path

import numpy as np

from models.music.encoding import STEPS_PER_QUARTER, fit_range, notes_to_classes

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CORPUS_FILE = ARTIFACTS / "corpus.npz"
SOURCES = ("essenFolksong", "oneills1850", "ryansMammoth", "airdsAirs", "miscFolk",
           "nottingham-dataset", "bach")
MIN_STEPS = 32


def corpus_paths(limit: int | None = None) -> list[tuple[str, Path]]:
    from music21 import corpus

    out = []
    for path in corpus.getPaths():
        source = str(path).split("/corpus/")[1].split("/")[0]
        if source in SOURCES and path.suffix in (".abc", ".mxl", ".xml"):
            out.append((source, path))
    out.sort(key=lambda x: str(x[1]))
    return out[:limit] if limit else out


def _melody_from_score(score) -> tuple[np.ndarray, int] | None:
    """Top part -> (class ids, steps per bar), or None when it is not usable."""
    from music21 import meter

    part = score.parts[0] if score.parts else score
    measures = part.getElementsByClass("Measure")
    pickup = float(measures[0].paddingLeft) if measures else 0.0
    sigs = part.recurse().getElementsByClass(meter.TimeSignature)
    bar_quarters = float(sigs[0].barDuration.quarterLength) if sigs else 4.0
    notes = []
    for n in part.stripTies().flatten().notes:
        if n.duration.quarterLength <= 0:
            continue  # grace notes
        pitch = max(p.midi for p in n.pitches)
        start = round((float(n.offset) + pickup) * STEPS_PER_QUARTER)
        end = round((float(n.offset) + pickup + float(n.duration.quarterLength)) * STEPS_PER_QUARTER)
        notes.append((pitch, start, max(end, start + 1)))
    if len(notes) < 8:
        return None
    octave = fit_range([p for p, _, _ in notes])
    if octave is None:
        return None
    notes = [(p + octave, s, e) for p, s, e in notes]
    classes = notes_to_classes(notes, max(e for _, _, e in notes) + 1)
    steps_per_bar = round(bar_quarters * STEPS_PER_QUARTER)
    if len(classes) < MIN_STEPS or steps_per_bar <= 0:
        return None
    return classes, steps_per_bar


def extract_file(item: tuple[str, Path]) -> tuple[str, list[tuple[np.ndarray, int]]]:
    """One corpus file (an ABC file may hold hundreds of tunes) -> its melodies."""
    from music21 import converter, stream

    source, path = item
    warnings.filterwarnings("ignore")
    try:
        parsed = converter.parse(path)
    except Exception:  # noqa: BLE001 - a few corpus files do not parse; skip them
        return source, []
    scores = list(parsed.scores) if isinstance(parsed, stream.Opus) else [parsed]
    out = []
    for score in scores:
        try:
            melody = _melody_from_score(score)
        except Exception:  # noqa: BLE001 - odd tunes (no notes, broken meters) are skipped
            melody = None
        if melody is not None:
            out.append(melody)
    return source, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--limit", type=int, default=None, help="only the first N corpus files")
    ap.add_argument("--out", type=Path, default=CORPUS_FILE)
    args = ap.parse_args()
    items = sorted(corpus_paths(args.limit), key=lambda it: -it[1].stat().st_size)  # big files first
    t0 = time.time()
    melodies = []
    with mp.Pool(args.workers) as pool:
        for i, (source, found) in enumerate(pool.imap_unordered(extract_file, items, chunksize=1)):
            for classes, spb in found:
                melodies.append((source, classes, spb))
            if i % 50 == 0:
                print(f"{i}/{len(items)} files, {len(melodies)} melodies, {time.time() - t0:.0f} s", flush=True)
    melodies.sort(key=lambda m: (m[0], m[1].tobytes()))  # deterministic order whatever the pool did
    source_names = sorted({m[0] for m in melodies})
    lengths = np.array([len(m[1]) for m in melodies], dtype=np.int64)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out,
        classes=np.concatenate([m[1] for m in melodies]).astype(np.uint8),
        offsets=np.concatenate([[0], np.cumsum(lengths)]),
        steps_per_bar=np.array([m[2] for m in melodies], dtype=np.int16),
        source=np.array([source_names.index(m[0]) for m in melodies], dtype=np.int8),
        source_names=np.array(source_names),
    )
    print(f"{len(melodies)} melodies, {lengths.sum()} steps, {time.time() - t0:.0f} s -> {args.out}")


if __name__ == "__main__":
    main()
