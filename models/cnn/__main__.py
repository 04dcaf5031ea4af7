"""`python -m models.cnn filter PHOTO --kernel vertical_edge [--out edges.png] [--relu] [--pool max|mean] [--json]`.

Applies a 3×3 kernel (a name: vertical_edge, horizontal_edge, blur, sharpen, identity; or nine numbers
like "1 0 -1; 2 0 -2; 1 0 -1") to the photo in grey, optionally ReLU and 2×2 pooling, and writes the
response as a PNG (edge responses: mid-grey = 0). With --json one JSON object: file, kernel, input and
output size, min / max / mean of the response, the output path, and the notes' worked example.
"""
from __future__ import annotations

import argparse

from models.common.cli import UserError, print_json, read_image, run_cli


def filter_command(args) -> int:
    from PIL import Image

    from models.cnn.filters import (NOTES_EDGE, KernelError, filter_photo, kernel, patch_sum, pool, relu, signed,
                                    to_picture)

    try:
        k = kernel(args.kernel)
    except KernelError as exc:
        raise UserError(str(exc)) from None
    photo = read_image(args.photo)
    grey, response = filter_photo(photo, k, args.max_side)
    if args.relu:
        response = relu(response)
    if args.pool:
        response = pool(response, args.pool)
    if args.out:
        try:
            Image.fromarray(to_picture(response, signed(k) and not args.relu)).save(args.out)
        except (OSError, ValueError) as exc:
            raise UserError(f"cannot write '{args.out}': {exc}") from None
    record = {"file": args.photo, "kernel": k.tolist(), "input_size": [grey.shape[1], grey.shape[0]],
              "output_size": [response.shape[1], response.shape[0]], "min": round(float(response.min()), 4),
              "max": round(float(response.max()), 4), "mean": round(float(response.mean()), 4), "out": args.out,
              "notes_example": patch_sum(NOTES_EDGE, k, 0, 1).formula()}
    if args.json:
        print_json(record)
    else:
        print(f"{args.photo}: {record['input_size'][0]}×{record['input_size'][1]} → "
              f"{record['output_size'][0]}×{record['output_size'][1]}, response {record['min']} to {record['max']}"
              + (f", written to {args.out}" if args.out else ""))
    return 0


def main(argv: list[str] | None = None) -> int:
    from models.cnn.filters import KERNELS, MAX_SIDE

    parser = argparse.ArgumentParser(prog="python -m models.cnn", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    f = commands.add_parser("filter", help="apply a 3×3 kernel to a photo (--json)")
    f.add_argument("photo", metavar="PHOTO")
    f.add_argument("--kernel", default="vertical_edge", help=f"{', '.join(KERNELS)}, or nine numbers")
    f.add_argument("--relu", action="store_true", help="keep max(0, x)")
    f.add_argument("--pool", choices=("max", "mean"), help="2×2 pooling after the filter")
    f.add_argument("--out", help="write the response as a PNG")
    f.add_argument("--max-side", type=int, default=MAX_SIDE, help="shrink the photo to at most this many px")
    f.add_argument("--json", action="store_true", help="one JSON object")
    f.set_defaults(run=filter_command)
    args = parser.parse_args(argv)
    if args.max_side < 8:
        raise UserError("--max-side must be at least 8")
    return args.run(args)


if __name__ == "__main__":
    run_cli(main)
