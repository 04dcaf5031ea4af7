"""`python -m models.dream PHOTO --out OUT.png [--backbone vgg16|mobilenet] [--steps N] [--octaves K]
[--layers PRESET] [--max-size PX]`: dream on a photo, keep its aspect ratio, print one JSON line."""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from models.common.cli import UserError, print_json, read_image, run_cli
from models.dream.algorithm import HARD_MAX_SIZE, DreamSettings, build_dreamer
from models.dream.backbones import BACKBONES


def parse_args(argv):
    preset_help = "; ".join(f"{key}: {', '.join(b.presets)}" for key, b in BACKBONES.items())
    ap = argparse.ArgumentParser(prog="python -m models.dream", description=__doc__)
    ap.add_argument("photo")
    ap.add_argument("--out", required=True, help="output PNG path")
    ap.add_argument("--backbone", choices=list(BACKBONES), default="mobilenet")
    ap.add_argument("--layers", metavar="PRESET", default=None,
                    help=f"layer preset, default the backbone's first ({preset_help})")
    ap.add_argument("--steps", type=int, default=10, help="steps per octave")
    ap.add_argument("--octaves", type=int, default=3)
    ap.add_argument("--octave-scale", type=float, default=1.4)
    ap.add_argument("--strength", type=float, default=1.0)
    ap.add_argument("--max-size", type=int, default=512, help=f"longest side in px (capped at {HARD_MAX_SIZE})")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true", help="accepted for symmetry; output is always one JSON line")
    return ap.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    out = Path(args.out)
    if out.suffix.lower() != ".png":
        raise UserError("--out must end in .png")
    if not out.parent.is_dir():
        raise UserError(f"output folder does not exist: {out.parent}")
    photo = read_image(args.photo)
    try:
        settings = DreamSettings(args.backbone, args.layers, args.steps, args.octaves, args.octave_scale,
                                 args.strength, args.max_size, args.seed).validated()
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    t0 = time.perf_counter()
    dreamer = build_dreamer(settings.backbone, settings.preset)
    load_s = time.perf_counter() - t0
    result = dreamer.dream(photo, settings)
    result.image.save(out)
    print_json({
        "out": str(out), "backbone": settings.backbone, "preset": settings.preset,
        "input_size": list(photo.size), "output_size": list(result.image.size),
        "octave_sizes": [list(s) for s in result.octave_sizes], "steps_per_octave": settings.steps,
        "load_s": round(load_s, 3), "dream_s": round(result.seconds, 3),
        "octave_s": [round(s, 3) for s in result.seconds_per_octave],
        "activation_first_last": [[round(o[0], 4), round(o[-1], 4)] for o in result.losses],
    })
    return 0


if __name__ == "__main__":
    run_cli(main)
