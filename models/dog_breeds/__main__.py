"""`python -m models.dog_breeds PHOTO [PHOTO...] [--json] [--engine E]`: breeds for each photo.

With --json: one JSON object per photo and line:
{"file", "is_dog", "p_dog", "breeds": [{"en", "ko", "p"} ×5], "imagenet_top": [{"en", "p"} ×5],
 "specialist": [{"en", "ko", "p"} ×3]}
"""
from __future__ import annotations

import argparse

from models.common.cli import print_json, read_image, run_cli
from models.common.onnx_runtime import ENGINES
from models.dog_breeds.pipeline import PhotoResult, analyse, load_models


def _breeds(scores) -> list[dict]:
    return [{"en": s.breed.en, "ko": s.breed.ko, "p": round(s.p, 4)} for s in scores]


def record(file: str, result: PhotoResult) -> dict:
    g = result.generalist
    return {
        "file": file,
        "is_dog": g.is_dog,
        "p_dog": round(g.p_dog, 4),
        "breeds": _breeds(g.breeds),
        "imagenet_top": [{"en": c.name, "p": round(c.p, 4)} for c in g.imagenet_top],
        "specialist": _breeds(result.specialist),
    }


def _line(rec: dict) -> str:
    if not rec["is_dog"]:
        top = rec["imagenet_top"][0]
        return f"{rec['file']}: no dog (P(dog) {rec['p_dog']:.1%}); looks like {top['en']} ({top['p']:.0%})"
    top = rec["breeds"][0]
    spec = rec["specialist"][0]
    return (f"{rec['file']}: {top['en']} / {top['ko']} {top['p']:.0%} (P(dog) {rec['p_dog']:.0%}); "
            f"specialist: {spec['en']} {spec['p']:.0%}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m models.dog_breeds", description=__doc__.splitlines()[0])
    parser.add_argument("photos", nargs="+", metavar="PHOTO")
    parser.add_argument("--json", action="store_true", help="one JSON object per photo")
    parser.add_argument("--engine", choices=ENGINES, default="tensorflow",
                        help="where the networks run (default tensorflow: for a few photos, exporting the "
                             "onnxruntime graphs takes longer than it saves)")
    args = parser.parse_args(argv)
    images = [read_image(path) for path in args.photos]  # check every file before loading any model
    results = analyse(load_models(args.engine), images)
    for path, result in zip(args.photos, results):
        rec = record(path, result)
        print_json(rec) if args.json else print(_line(rec))
    return 0


if __name__ == "__main__":
    run_cli(main)
