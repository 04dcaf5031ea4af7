"""`python -m models.digits predict DIGIT.png [...] [--photo] [--json]` and `python -m models.digits evaluate [--json]`.

predict: each picture goes through the MNIST-style preprocessing and both networks (the notes'
784-200-10 MLP and the small CNN); with --json one JSON line per file:
{"file", "mlp": {"digit", "top", "sure", "probabilities"}, "cnn": {...}, "verdict", "inverted", "image_28x28"}.
evaluate: recomputes MNIST-test and non-MNIST (UCI) accuracy from the committed weights.
"""
from __future__ import annotations

import argparse

from models.common.cli import UserError, print_json, read_image, run_cli


def predict(args) -> int:
    from models.digits.predict import load_models, read
    from models.digits.preprocess import EmptyDrawing, to_mnist

    digits = []  # every file read and preprocessed before the networks load
    for path in args.files:
        try:
            digits.append(to_mnist(read_image(path), photo=args.photo, scale_stroke=not args.no_stroke_scaling))
        except EmptyDrawing as exc:
            raise UserError(f"'{path}': {exc}") from None
    models = load_models()
    for path, pre in zip(args.files, digits):
        reading = read(models, pre)
        if args.json:
            print_json({"file": path} | reading.as_dict())
        else:
            answers = ", ".join(f"{name.upper()} {a.digit} ({a.top:.0%}{'' if a.sure else ', not sure'})"
                                for name, a in (("mlp", reading.mlp), ("cnn", reading.cnn)))
            print(f"{path}: {answers} — {reading.verdict}")
    return 0


def evaluate(args) -> int:
    from models.digits.evaluate import report

    result = report()
    summary = {split: {"n": r["n"], "mlp_accuracy": r["mlp"]["accuracy"], "cnn_accuracy": r["cnn"]["accuracy"]}
               for split, r in result.items()}
    if args.json:
        print_json(summary)
    else:
        for split, r in summary.items():
            print(f"{split} (n = {r['n']}): MLP {r['mlp_accuracy']:.2%}, CNN {r['cnn_accuracy']:.2%}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m models.digits", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("predict", help="read digits from pictures (--json: one line per file)")
    p.add_argument("files", nargs="+", metavar="PICTURE")
    p.add_argument("--photo", action="store_true", help="a photo of a digit on paper (removes uneven paper)")
    p.add_argument("--no-stroke-scaling", action="store_true", help="keep the drawn stroke width")
    p.add_argument("--json", action="store_true", help="one JSON object per file and line")
    p.set_defaults(run=predict)
    e = commands.add_parser("evaluate", help="test accuracy from the committed weights (--json)")
    e.add_argument("--json", action="store_true", help="one JSON object")
    e.set_defaults(run=evaluate)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    run_cli(main)
