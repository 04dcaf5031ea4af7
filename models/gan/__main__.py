"""`python -m models.gan sample|interpolate|evaluate|toy [...] [--json]`: the GAN studio from the shell.

sample:      --dataset digits|fashion --label 7 --n 16 --seed 1 --out DIR  → DIR/grid.png, DIR/sample_00.png …
interpolate: --dataset digits --label 3 --to-label 8 --seed 1 --to-seed 2 --steps 9 --out DIR → DIR/strip.png, DIR/step_00.png …
evaluate:    Fréchet distance, conditioning and memorisation vs baselines from the committed weights.
toy:         --shape ring|moons|gaussians --steps 2000 --seed 0 → final critic accuracy, modes covered.
A label is a class number (0–9) or, for fashion, a name (tshirt, trouser, …, boot).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from models.common.cli import UserError, print_json, run_cli


def label_number(dataset: str, label: str) -> int:
    from models.gan.data import CLASSES, DATASETS

    if dataset not in DATASETS:
        raise UserError(f"unknown dataset {dataset!r}: choose from {', '.join(DATASETS)}")
    names = CLASSES[dataset]
    if label in names:
        return names.index(label)
    if label.lstrip("-").isdigit() and 0 <= int(label) < len(names):
        return int(label)
    raise UserError(f"bad label {label!r} for {dataset}: use 0–{len(names) - 1} or one of {', '.join(names)}")


def studio_for(dataset: str):
    from models.gan.generate import BadRequest, load_studio

    try:
        return load_studio(dataset)
    except (BadRequest, FileNotFoundError) as exc:
        raise UserError(str(exc)) from None


def save_all(images, out: Path, stem: str) -> list[str]:
    from PIL import Image

    out.mkdir(parents=True, exist_ok=True)
    names = []
    for i, img in enumerate(images):
        path = out / f"{stem}_{i:02d}.png"
        Image.fromarray(img, "L").save(path)
        names.append(str(path))
    return names


def sample(args) -> int:
    from models.gan.generate import BadRequest, check, grid, sample as draw

    label = label_number(args.dataset, args.label)
    try:
        check(args.dataset, label, args.n)
    except BadRequest as exc:
        raise UserError(str(exc)) from None
    images = draw(studio_for(args.dataset), label, args.n, args.seed)
    out = Path(args.out)
    files = save_all(images, out, "sample")
    grid(images).save(out / "grid.png")
    result = {"dataset": args.dataset, "label": label, "n": args.n, "seed": args.seed, "grid": str(out / "grid.png"),
              "samples": files}
    print_json(result) if args.json else print(f"{args.n} samples of class {label} in {out}/ (grid.png)")
    return 0


def interpolate(args) -> int:
    from models.gan.generate import BadRequest, check, grid, interpolate as walk

    a, b = label_number(args.dataset, args.label), label_number(args.dataset, args.to_label or args.label)
    try:
        check(args.dataset, a, steps=args.steps)
    except BadRequest as exc:
        raise UserError(str(exc)) from None
    images = walk(studio_for(args.dataset), a, b, args.seed, args.to_seed, args.steps)
    out = Path(args.out)
    files = save_all(images, out, "step")
    grid(images, cols=len(images)).save(out / "strip.png")
    result = {"dataset": args.dataset, "from": {"label": a, "seed": args.seed}, "to": {"label": b, "seed": args.to_seed},
              "steps": args.steps, "strip": str(out / "strip.png"), "images": files}
    print_json(result) if args.json else print(f"{args.steps} steps from {a} to {b} in {out}/ (strip.png)")
    return 0


def evaluate(args) -> int:
    from models.gan.evaluate import evaluate_all

    report = evaluate_all((args.dataset,) if args.dataset else ("digits", "fashion"))
    if args.json:
        print_json(report)
    else:
        for name, r in report.items():
            print(f"{name}: Fréchet GAN {r['gan']['frechet']} vs noise {r['noise']['frechet']}, class mean "
                  f"{r['class_mean']['frechet']}; reads as asked {r['gan']['reads_as_asked']:.1%}; "
                  f"samples below test 1st percentile: {r['memorisation']['samples_below_test_p1']}/{r['memorisation']['checked']}")
    return 0


def toy(args) -> int:
    from models.gan.generate import BadRequest
    from models.gan.toy import check, train_toy

    try:
        check(args.shape, args.steps)
    except BadRequest as exc:
        raise UserError(str(exc)) from None
    result = train_toy(args.shape, args.steps, args.seed).as_dict()
    if args.json:
        print_json(result)
    else:
        print(f"{args.shape}: {result['modes_covered']}/{result['modes']} modes covered, critic accuracy "
              f"{result['critic_accuracy']:.1%}{' (mode collapse)' if result['mode_collapse'] else ''}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m models.gan", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    s = commands.add_parser("sample", help="n samples of one class → DIR/grid.png + DIR/sample_NN.png")
    s.add_argument("--dataset", default="digits")
    s.add_argument("--label", required=True)
    s.add_argument("--n", type=int, default=16)
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--out", required=True, metavar="DIR")
    s.set_defaults(run=sample)
    i = commands.add_parser("interpolate", help="walk the noise (and class) between two samples → DIR/strip.png")
    i.add_argument("--dataset", default="digits")
    i.add_argument("--label", required=True)
    i.add_argument("--to-label")
    i.add_argument("--seed", type=int, default=1)
    i.add_argument("--to-seed", type=int, default=2)
    i.add_argument("--steps", type=int, default=9)
    i.add_argument("--out", required=True, metavar="DIR")
    i.set_defaults(run=interpolate)
    e = commands.add_parser("evaluate", help="Fréchet distance, conditioning, memorisation vs baselines")
    e.add_argument("--dataset", choices=("digits", "fashion"))
    e.set_defaults(run=evaluate)
    t = commands.add_parser("toy", help="train the 2-D toy GAN and report mode coverage")
    t.add_argument("--shape", default="ring")
    t.add_argument("--steps", type=int, default=2000)
    t.add_argument("--seed", type=int, default=0)
    t.set_defaults(run=toy)
    for p in (s, i, e, t):
        p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    run_cli(main)
