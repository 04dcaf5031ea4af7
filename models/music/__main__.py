"""`python -m models.music generate|continue|interpolate|drumify ... --out DIR --json [--audio]`.

Examples:
  python -m models.music generate --bars 8 --temperature 1.0 --variations 2 --seed 1 --out out --json
  python -m models.music continue primer.mid --bars 8 --out out --json --audio
  python -m models.music interpolate a.mid b.mid --steps 5 --out out --json
  python -m models.music drumify melody.mid --groove 0.5 --swing 0.2 --out out --json
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from models.common.cli import UserError, print_json, run_cli
from models.music.theory import KEY_NAMES


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--out", type=Path, required=True, help="folder for .mid (and audio) files")
    common.add_argument("--json", action="store_true", help="print a JSON summary")
    common.add_argument("--audio", choices=["wav", "flac", "ogg"], nargs="?", const="wav", default=None)
    common.add_argument("--seed", type=int, default=0)
    common.add_argument("--tempo", type=float, default=None, help="BPM (default: file's or 120)")
    common.add_argument("--program", type=int, default=None, help="General MIDI program 0-127")
    sampling = argparse.ArgumentParser(add_help=False)
    sampling.add_argument("--bars", type=int, default=8)
    sampling.add_argument("--temperature", type=float, default=1.0)
    sampling.add_argument("--variations", type=int, default=1)

    ap = argparse.ArgumentParser(prog="python -m models.music", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", parents=[common, sampling])
    gen.add_argument("--key", choices=KEY_NAMES, default="C")
    cont = sub.add_parser("continue", parents=[common, sampling])
    cont.add_argument("primer", help="MIDI file, or builtin:twinkle|ode_to_joy|frere_jacques")
    interp = sub.add_parser("interpolate", parents=[common])
    interp.add_argument("a")
    interp.add_argument("b")
    interp.add_argument("--steps", type=int, default=5)
    drum = sub.add_parser("drumify", parents=[common])
    drum.add_argument("melody")
    drum.add_argument("--variation", type=int, default=0, help="0 = best-fitting pattern, 1.. = next ones")
    drum.add_argument("--groove", type=float, default=0.5, help="humanise amount 0-1")
    drum.add_argument("--swing", type=float, default=0.0, help="0-0.5")
    return ap


def _read(path_or_builtin: str):
    from models.music.midi_io import MidiError, read_melody
    from models.music.primers import TUNES, primer_classes
    from models.music.song import Song

    if path_or_builtin.startswith("builtin:"):
        name = path_or_builtin.split(":", 1)[1]
        if name not in TUNES:
            raise UserError(f"unknown built-in primer {name!r} (choose from {', '.join(TUNES)})")
        return Song(primer_classes(name))
    path = Path(path_or_builtin)
    if not path.is_file():
        raise UserError(f"no such file: {path}")
    try:
        return read_melody(path.read_bytes())
    except MidiError as exc:
        raise UserError(f"{path.name}: not a usable MIDI file ({exc})") from exc


def _write(songs, args, stem: str) -> list[dict]:
    from models.music.audio import encode, render
    from models.music.midi_io import midi_bytes
    from models.music.theory import KEY_NAMES as names, estimate_key, in_key_share, notes_per_bar

    args.out.mkdir(parents=True, exist_ok=True)
    summary = []
    for i, song in enumerate(songs):
        name = f"{stem}_{i + 1}" if len(songs) > 1 else stem
        mid = args.out / f"{name}.mid"
        mid.write_bytes(midi_bytes(song))
        tonic, mode = estimate_key(song.melody)
        entry = {"midi": str(mid), "bars": round(song.bars, 2), "tempo": song.tempo, "program": song.program,
                 "notes": int((song.melody >= 2).sum()), "drum_hits": len(song.drums),
                 "key": f"{names[tonic]} {mode}", "in_key_share": round(in_key_share(song.melody), 3),
                 "notes_per_bar": round(notes_per_bar(song.melody), 2), "primer_steps": song.primer_steps}
        if args.audio:
            audio = args.out / f"{name}.{args.audio}"
            audio.write_bytes(encode(render(song), args.audio))
            entry["audio"] = str(audio)
        summary.append(entry)
    return summary


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    from models.music import drums, studio as st

    if args.program is not None and not 0 <= args.program <= 127:
        raise UserError("--program must be 0..127")
    extra: dict = {}
    try:
        if args.command == "drumify":
            song = _read(args.melody)
            song.tempo = args.tempo or song.tempo
            song, choice = drums.drumify(song, args.variation)
            if args.groove or args.swing:
                song = drums.groove(song, args.groove, args.swing, args.seed)
            songs, extra = [song], {"pattern": choice.name, "pattern_source": choice.source, "rule_based": True}
        else:
            studio = st.load_studio()
            tempo, program = args.tempo or 120.0, args.program or 0
            if args.command == "generate":
                songs = st.generate(studio, args.bars, args.temperature, args.variations, args.seed,
                                    KEY_NAMES.index(args.key), tempo, program)
            elif args.command == "continue":
                primer = _read(args.primer)
                songs = st.continue_melody(studio, primer.melody, args.bars, args.temperature, args.variations,
                                           args.seed, args.tempo or primer.tempo, args.program or primer.program)
            else:
                a, b = _read(args.a), _read(args.b)
                songs = [st.interpolate(studio, a.melody, b.melody, args.steps, tempo, program, seed=args.seed)]
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    if args.program is not None:
        for song in songs:
            song.program = args.program
    summary = _write(songs, args, args.command)
    if args.json:
        print_json({"command": args.command, "seed": args.seed, "outputs": summary, **extra})
    else:
        for entry in summary:
            print(entry["midi"])
    return 0


if __name__ == "__main__":
    run_cli(main)
