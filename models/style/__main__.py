"""`python -m models.style PHOTO --out OUT.png (--preset 0..25 | --style-image IMG) [--strength 0..1]
[--method fast|gatys] [--steps N] [--max-size PX] [--mix-with J --mix R]`

fast + --preset: the 26-style Keras network; fast + --style-image: Magenta's arbitrary model
(onnxruntime); gatys + --style-image: VGG16 optimisation. Keeps the aspect ratio and prints one JSON
line with timings. Bad input: one `error:` line and a non-zero exit.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from models.common.cli import UserError, print_json, read_image, run_cli
from models.style.gatys import MAX_SIDE as GATYS_MAX_SIDE
from models.style.multistyle import NUM_STYLES

DEFAULT_MAX_SIDE = {"fast": 512, "arbitrary": 768, "gatys": 256}
LIMIT_MAX_SIDE = {"fast": 2048, "arbitrary": 2048, "gatys": GATYS_MAX_SIDE}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m models.style", description=__doc__.split("\n\n")[1])
    p.add_argument("photo", help="content photo (JPEG, PNG, WebP, BMP, GIF)")
    p.add_argument("--out", required=True, help="output PNG path")
    style = p.add_mutually_exclusive_group(required=True)
    style.add_argument("--preset", type=int, help="built-in style 0..25")
    style.add_argument("--style-image", help="any painting to copy the style from")
    p.add_argument("--method", choices=("fast", "gatys"), default="fast")
    p.add_argument("--strength", type=float, default=1.0, help="0 = photo, 1 = full style (default 1)")
    p.add_argument("--mix-with", type=int, help="second built-in style to mix with --preset")
    p.add_argument("--mix", type=float, default=0.5, help="share of --mix-with, 0..1 (default 0.5)")
    p.add_argument("--steps", type=int, default=100, help="Gatys optimisation steps (default 100)")
    p.add_argument("--max-size", type=int, help="longer side of the result in px (default 512 fast, "
                   "768 with --style-image, 256 gatys)")
    p.add_argument("--json", action="store_true", help="accepted for symmetry: output is always one JSON line")
    return p


def _check(args) -> str:
    """Validate the options together; return the engine name (fast | arbitrary | gatys)."""
    engine = "gatys" if args.method == "gatys" else "fast" if args.preset is not None else "arbitrary"
    if engine == "gatys" and args.style_image is None:
        raise UserError("--method gatys needs --style-image (it copies the style of a picture)")
    last = NUM_STYLES - 1
    if args.preset is not None and not 0 <= args.preset <= last:
        raise UserError(f"--preset must be 0..{last}, got {args.preset}")
    if args.mix_with is not None and (args.preset is None or not 0 <= args.mix_with <= last):
        raise UserError(f"--mix-with needs --preset and must be 0..{last}")
    if not 0 <= args.strength <= 1 or not 0 <= args.mix <= 1:
        raise UserError("--strength and --mix must be between 0 and 1")
    if not 1 <= args.steps <= 2000:
        raise UserError("--steps must be 1..2000")
    args.max_size = args.max_size or DEFAULT_MAX_SIDE[engine]
    if not 32 <= args.max_size <= LIMIT_MAX_SIDE[engine]:
        raise UserError(f"--max-size must be 32..{LIMIT_MAX_SIDE[engine]} for this method")
    out = Path(args.out)
    if not out.parent.is_dir():
        raise UserError(f"output folder does not exist: {out.parent}")
    return engine


def _stylise(engine: str, args, photo, style_image, timings: dict):
    t0 = time.perf_counter()
    if engine == "fast":
        from models.style.multistyle import load_multistyle, style_weights

        net = load_multistyle()
        timings["load_s"] = time.perf_counter() - t0
        weights = style_weights(args.preset, args.mix_with, args.mix if args.mix_with is not None else 0.0)
        net.stylise(photo, weights, args.max_size)  # first call traces the graph; time the second
        t1 = time.perf_counter()
        result = net.stylise(photo, weights, args.max_size, args.strength)
    elif engine == "arbitrary":
        from models.style.arbitrary import load_arbitrary

        styler = load_arbitrary()
        timings["load_s"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        result = styler.stylise(photo, style_image, args.strength, args.max_size)
    else:
        from models.style.gatys import GatysJob, load_gatys
        from models.style.imaging import blend

        job = GatysJob(load_gatys(), photo, style_image, max_side=args.max_size)
        timings["load_s"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        for _ in range(args.steps):
            last = job.step()
        timings["per_step_s"] = (time.perf_counter() - t1) / args.steps
        timings["final_loss"] = last["loss"]
        result = blend(job.content, job.image(), args.strength)
    timings["stylise_s"] = time.perf_counter() - t1
    return result


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    engine = _check(args)
    photo = read_image(args.photo)
    style_image = read_image(args.style_image) if args.style_image else None
    timings: dict[str, float] = {}
    result = _stylise(engine, args, photo, style_image, timings)
    result.save(args.out, format="PNG")
    print_json({
        "input": args.photo, "out": args.out, "method": engine,
        "style": args.preset if args.preset is not None else args.style_image,
        "mix_with": args.mix_with, "strength": args.strength,
        "input_size": list(photo.size), "size": list(result.size),
        "timings": {k: round(v, 4) for k, v in timings.items()},
    })
    return 0


if __name__ == "__main__":
    run_cli(main)
