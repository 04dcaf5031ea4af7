"""CLI for the neuron lab. Every command prints one JSON object with --json.

  python -m models.neurons perceptron --gate and|or|nand|xor [--seed S] [--lr 0.1] [--epochs 50] --json
  python -m models.neurons xor-mlp [--seed S] --json
  python -m models.neurons playground [--preset NAME] [--dataset spiral] [--features x1,x2] [--layers 8,8,8]
      [--activation tanh] [--epochs 300] [--seed 0] ... --json
  python -m models.neurons sequence [--seed S] [--epochs 60] --json
"""
from __future__ import annotations

import argparse
import time
from dataclasses import fields, replace

from models.common.cli import UserError, print_json, run_cli


def _names(text: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in text.split(",") if x.strip())


def _layers(text: str) -> tuple[int, ...]:
    if text.strip().lower() in ("", "none", "0"):
        return ()
    try:
        return tuple(int(x) for x in _names(text))
    except ValueError:
        raise argparse.ArgumentTypeError("layers must be neuron counts like 8,8,8 (or 'none')") from None


class _Parser(argparse.ArgumentParser):
    """Bad arguments end in one `error:` line (run_cli), not argparse's usage block."""

    def error(self, message: str):
        raise UserError(f"{self.prog.removeprefix('python -m models.neurons').strip() or 'usage'}: {message}")


def _parser() -> argparse.ArgumentParser:
    from models.neurons import datasets, perceptron, playground

    parser = _Parser(prog="python -m models.neurons", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("perceptron", help="Rosenblatt's learning rule on a logic gate")
    p.add_argument("--gate", required=True, choices=perceptron.GATES)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--lr", type=float, default=perceptron.LEARNING_RATE)
    p.add_argument("--epochs", type=int, default=perceptron.MAX_EPOCHS)
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    x = sub.add_parser("xor-mlp", help="the 2-2-1 Keras network on XOR")
    x.add_argument("--seed", type=int, default=0)
    x.add_argument("--json", action="store_true", help="print the result as one JSON object")
    g = sub.add_parser("playground", help="train a playground network; train and test accuracy and loss")
    g.add_argument("--preset", choices=list(playground.PRESETS), default="playground")
    g.add_argument("--dataset", choices=datasets.DATASETS)
    g.add_argument("--noise", type=float, help="0–0.5")
    g.add_argument("--ratio", type=float, dest="train_ratio", help="share of points used for training (0.8)")
    g.add_argument("--features", type=_names, help=f"comma list of {','.join(datasets.FEATURES)}")
    g.add_argument("--layers", type=_layers, help="neurons per hidden layer, e.g. 8,8,8 ('none': no hidden layer)")
    g.add_argument("--activation", choices=playground.ACTIVATIONS)
    g.add_argument("--optimizer", choices=playground.OPTIMIZERS)
    g.add_argument("--lr", type=float, dest="learning_rate")
    g.add_argument("--regularization", choices=playground.REGULARIZERS)
    g.add_argument("--reg-rate", type=float, dest="reg_rate")
    g.add_argument("--batch", type=int, dest="batch_size")
    g.add_argument("--epochs", type=int, default=300)
    g.add_argument("--seed", type=int)
    g.add_argument("--code", action="store_true", help="also print the Keras code of the model")
    g.add_argument("--json", action="store_true", help="print the result as one JSON object")
    s = sub.add_parser("sequence", help="Dense vs LSTM on 1, 2, 3, 4, 3, 2, 1, 2, …")
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--epochs", type=int, default=60)
    s.add_argument("--json", action="store_true", help="print the result as one JSON object")
    return parser


def _perceptron(args) -> dict:
    from models.neurons import perceptron

    if not 1 <= args.epochs <= 10_000 or not 0 < args.lr <= 10:
        raise UserError("epochs must lie between 1 and 10000 and lr in (0, 10]")
    return perceptron.learn(args.gate, args.seed, args.lr, args.epochs).summary()


def _xor(args) -> dict:
    from models.neurons import xor_net

    start = time.perf_counter()
    return {**xor_net.train(args.seed).summary(), "seconds": round(time.perf_counter() - start, 2)}


def _playground(args) -> dict:
    from models.neurons import playground

    if not 1 <= args.epochs <= playground.MAX_EPOCHS:
        raise UserError(f"epochs must lie between 1 and {playground.MAX_EPOCHS}")
    given = {f.name: getattr(args, f.name) for f in fields(playground.Settings)
             if getattr(args, f.name, None) is not None}
    try:
        settings = replace(playground.PRESETS[args.preset], **given)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    start = time.perf_counter()
    trainer = playground.train_until(settings, args.epochs)
    out = playground.summary(trainer, time.perf_counter() - start)
    if args.code:
        out["keras_code"] = playground.keras_code(settings, args.epochs)
    return out


def _sequence(args) -> dict:
    from models.neurons import sequence

    if not 5 <= args.epochs <= 1000:
        raise UserError("epochs must lie between 5 and 1000")
    result = sequence.train(args.seed, args.epochs)
    return {"sequence": list(sequence.PERIOD), "window": sequence.WINDOW, **result.summary()}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out = {"perceptron": _perceptron, "xor-mlp": _xor, "playground": _playground, "sequence": _sequence}[args.command](args)
    if args.json:
        print_json(out)
    else:
        for key, value in out.items():
            print(f"{key}: {value}" if key != "keras_code" else value)
    return 0


if __name__ == "__main__":
    run_cli(main)
