"""CLI. `python -m models.pose PHOTO [--json]`: the 33 BlazePose landmarks of the most prominent person
(name, x and y in pixels of the photo as given, visibility), or `error: no person found`."""
from __future__ import annotations

import argparse

import numpy as np

from models.common.cli import UserError, print_json, read_image, run_cli


def landmarks_of(path) -> dict:
    from models.pose.blazepose import NoPerson, load

    img = read_image(path)
    try:
        pose = load()(np.asarray(img))
    except NoPerson:
        raise UserError(f"no person found in '{path}'") from None
    return {"photo": str(path), "width": img.width, "height": img.height, "people": pose.people,
            "score": round(pose.score, 3), "landmarks": pose.as_json()}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m models.pose", description=__doc__.split("\n")[0])
    p.add_argument("photo")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    result = landmarks_of(args.photo)
    if args.json:
        print_json(result)
        return 0
    if result["people"] > 1:
        print(f"{result['people']} people found; showing the most prominent one")
    for lm in result["landmarks"]:
        print(f"{lm['name']:>18}  x {lm['x']:7.1f}  y {lm['y']:7.1f}  visibility {lm['visibility']:.2f}")
    return 0


if __name__ == "__main__":
    run_cli(main)
