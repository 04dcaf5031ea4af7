"""CLI: `python -m models.palette suggest|from-image|check ... --json`.

  suggest [--lock "#hex,_,#hex"] [--n 5] [--count K] [--cvd-safe] [--seed S] [--severity 1.0]
  from-image IMG [--from-photo 3] [--n 5] [--count K] [--cvd-safe] [--seed S]
  check "#hex,#hex,..." [--severity 1.0]

Every palette in the JSON carries `colors`, `min_delta` (ΔE CAM02-UCS per vision type),
`contrast` (best WCAG text/background pair) and `cvd_safe`.
"""
from __future__ import annotations

import argparse

from models.common.cli import UserError, print_json, read_image, run_cli

LOCK_MESSAGES = {
    "bad_hex": "not a colour: {!r} (use #rrggbb or #rgb)",
    "too_many": "{} locked colours do not fit in the palette (see --n)",
    "bad_n": "--n must be between 3 and 8, got {}",
}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m models.palette", description="Daltonism palette recommender")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("suggest", help="complete / generate palettes")
    s.add_argument("--lock", default="", help='locked colours by slot, e.g. "#1b3a4b,_,#f2c14e"')
    s.add_argument("--n", type=int, default=5)
    s.add_argument("--count", type=int, default=1)
    s.add_argument("--cvd-safe", action="store_true", help="only palettes safe for colour-blind viewers")
    s.add_argument("--seed", type=int, default=None)
    s.add_argument("--severity", type=float, default=1.0)
    s.add_argument("--json", action="store_true")
    im = sub.add_parser("from-image", help="palette from a photo's dominant colours + the model")
    im.add_argument("image")
    im.add_argument("--from-photo", type=int, default=3, help="how many slots come from the photo")
    im.add_argument("--n", type=int, default=5)
    im.add_argument("--count", type=int, default=1)
    im.add_argument("--cvd-safe", action="store_true")
    im.add_argument("--seed", type=int, default=None)
    im.add_argument("--json", action="store_true")
    c = sub.add_parser("check", help="colour-blind and contrast check of a palette")
    c.add_argument("colors", help='"#hex,#hex,..."')
    c.add_argument("--severity", type=float, default=1.0)
    c.add_argument("--json", action="store_true")
    return p


def _check_common(args) -> None:
    if getattr(args, "count", 1) < 1 or getattr(args, "count", 1) > 50:
        raise UserError("--count must be between 1 and 50")
    if not 0.0 <= getattr(args, "severity", 1.0) <= 1.0:
        raise UserError("--severity must be between 0 and 1")


def _locks(text: str, n: int):
    from models.palette.suggest import LockError, parse_locks

    try:
        return parse_locks(text, n)
    except LockError as exc:
        code, value = exc.args
        raise UserError(LOCK_MESSAGES[code].format(value)) from None


def _print(result, as_json: bool) -> None:
    if as_json:
        print_json(result)
        return
    for p in result if isinstance(result, list) else [result]:
        print(" ".join(p["colors"]), "| min ΔE", p["min_delta"], "| contrast", p["contrast"]["ratio"],
              "| cvd-safe" if p["cvd_safe"] else "")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _check_common(args)
    if args.command == "check":
        from models.palette import cvd
        from models.palette.harmony import classify

        from models.palette.colorspace import BadColor, parse_hex_list

        try:
            colors = parse_hex_list(args.colors)
        except BadColor as exc:
            raise UserError(LOCK_MESSAGES["bad_hex"].format(exc.args[0])) from None
        if not 2 <= len(colors) <= 12:
            raise UserError("give 2 to 12 colours, e.g. \"#1b3a4b,#f2c14e\"")
        report = cvd.check(colors, args.severity)
        report["harmony"] = classify(colors).name
        _print(report, args.json)
        return 0
    if args.command == "suggest":
        from models.palette.suggest import suggest

        palettes = suggest(_locks(args.lock, args.n), args.count, args.cvd_safe, args.seed, args.severity)
    else:
        from models.palette.image_palette import from_image

        if not 3 <= args.n <= 8:
            raise UserError(LOCK_MESSAGES["bad_n"].format(args.n))
        img = read_image(args.image)
        palettes = from_image(img, args.n, args.from_photo, args.count, args.seed, args.cvd_safe)
    if args.cvd_safe and len(palettes) < args.count:
        raise UserError(f"found {len(palettes)} of {args.count} colour-blind-safe palettes for these locks; "
                        "unlock a colour or lower --count")
    _print(palettes, args.json)
    return 0


if __name__ == "__main__":
    run_cli(main)
