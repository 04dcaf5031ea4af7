"""CLI. `python -m models.sound info CLIP.wav --json` (duration, loudness, log-mel shape: what the network
sees) and `python -m models.sound make-example` (rebuild the ready-made example with espeak-ng and sox).
Teaching and predicting: `python -m models.teachable train DATA_DIR --kind sound` / `predict`."""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from models.common.cli import UserError, print_json, run_cli


def read_audio_file(path) -> "np.ndarray":
    """Mono 16 kHz samples of an audio file given on the command line, or a UserError that says why not."""
    from models.sound.audio import AudioError, read_clip

    path = Path(path)
    if not path.is_file():
        raise UserError(f"audio file '{path}' does not exist")
    try:
        return read_clip(path.read_bytes()).wave
    except AudioError as exc:
        raise UserError(f"cannot use '{path}': {exc}") from None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m models.sound", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    info = sub.add_parser("info", help="duration, peak and log-mel shape of one clip")
    info.add_argument("clip")
    info.add_argument("--json", action="store_true")
    ex = sub.add_parser("make-example", help="write the ready-made example clips (needs espeak-ng and sox)")
    ex.add_argument("--json", action="store_true")
    return p


def main(argv: list[str] | None = None) -> int:
    from models.sound.audio import SAMPLE_RATE, features

    args = _parser().parse_args(argv)
    if args.command == "make-example":
        from models.sound.example import EXAMPLE_DIR, make
        result = {"dir": str(EXAMPLE_DIR), "clips": make()}
    else:
        wave = read_audio_file(args.clip)
        mel = features(wave)
        result = {"clip": args.clip, "seconds": round(len(wave) / SAMPLE_RATE, 3),
                  "peak": round(float(np.abs(wave).max()), 4), "log_mel_shape": list(mel.shape)}
    if args.json:
        print_json(result)
    else:
        print(result)
    return 0


if __name__ == "__main__":
    run_cli(main)
