"""CLI. `python -m models.teachable train DATA_DIR --out MODEL.keras [--kind image|pose|sound] [--epochs N] --json`
(DATA_DIR holds one sub-folder of photos — or, for --kind sound, of WAV/OGG/MP3/FLAC clips — per class) and
`python -m models.teachable predict MODEL.keras PHOTO_OR_CLIP [--kind image|pose|sound] --json`."""
from __future__ import annotations

import argparse
from pathlib import Path

from models.common.cli import UserError, print_json, read_image, run_cli
from models.teachable.dataset import TeachError


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m models.teachable", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    tr = sub.add_parser("train", help="teach a classifier from DATA_DIR/<class>/*.jpg")
    tr.add_argument("data_dir")
    tr.add_argument("--kind", choices=("image", "pose", "sound"), default="image")
    tr.add_argument("--out", required=True, help="where to write the .keras file")
    tr.add_argument("--epochs", type=int, default=None, help="default: 20 (image), 30 (pose), 20 (sound)")
    tr.add_argument("--lr", type=float, default=1e-3, help="Adam learning rate")
    tr.add_argument("--batch-size", type=int, default=16)
    tr.add_argument("--no-augment", action="store_true", help="skip flip/crop/brightness copies")
    tr.add_argument("--seed", type=int, default=0)
    tr.add_argument("--json", action="store_true")
    pr = sub.add_parser("predict", help="class probabilities of one photo")
    pr.add_argument("model")
    pr.add_argument("photo", help="a photo (image, pose) or an audio clip (sound)")
    pr.add_argument("--kind", choices=("image", "pose", "sound"), default="image")
    pr.add_argument("--json", action="store_true")
    return p


def train(args) -> dict:
    from models.teachable.dataset import scan_folder
    from models.teachable.export import full_model, to_bytes
    from models.teachable.features import FeatureCache, load_embedder
    from models.teachable.pipeline import teach
    from models.teachable.training import Settings

    if (args.epochs is not None and args.epochs < 1) or args.batch_size < 1 or args.lr <= 0:
        raise UserError("--epochs, --batch-size and --lr must be positive")
    if not args.out.endswith(".keras"):
        raise UserError("--out must end with .keras")
    if args.kind != "image":
        from models.teachable.kinds import train as train_kind
        return train_kind(args.kind, args.data_dir, args.out, args.epochs, args.seed, not args.no_augment)
    args.epochs = args.epochs or 20
    data = scan_folder(args.data_dir)
    images = [read_image(p) for p in data.paths]
    settings = Settings(epochs=args.epochs, learning_rate=args.lr, batch_size=args.batch_size,
                        augment=not args.no_augment, seed=args.seed)
    embedder = load_embedder()
    result = teach(embedder, FeatureCache(), images, data.targets, data.labels, settings)
    Path(args.out).write_bytes(to_bytes(full_model(embedder.extractor, result.head, result.labels)))
    ev = result.evaluation
    return {
        "model": args.out,
        "labels": result.labels,
        "train_images": len(result.train_idx),
        "val_images": len(result.val_idx),
        "val_accuracy": ev.accuracy,
        "per_class": {name: {"val_accuracy": acc, "val_images": int(ev.confusion[i].sum())}
                      for i, (name, acc) in enumerate(zip(result.labels, ev.per_class_accuracy))},
        "confusion": ev.confusion.tolist(),
        "final_epoch": {k: getattr(result.history, k)[-1] for k in ("loss", "accuracy", "val_loss", "val_accuracy")},
        "overfitting": result.overfitting,
        "seconds": result.seconds,
    }


def predict(args) -> dict:
    from models.backbones.efficientnet_lite import center_crop
    from models.teachable.export import from_bytes

    if args.kind != "image":
        from models.teachable.kinds import predict as predict_kind
        return predict_kind(args.kind, args.model, args.photo)
    path = Path(args.model)
    if not path.is_file():
        raise UserError(f"model file '{path}' does not exist")
    img = read_image(args.photo)
    clf = from_bytes(path.read_bytes())
    probs = clf.probabilities(center_crop(img)[None])[0]
    ranked = sorted(zip(clf.labels, probs.tolist()), key=lambda kv: -kv[1])
    return {"photo": args.photo, "prediction": ranked[0][0], "probabilities": dict(ranked)}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        result = train(args) if args.command == "train" else predict(args)
    except TeachError as exc:
        raise UserError(str(exc)) from exc
    if args.json:
        print_json(result)
    elif args.command == "train":
        n = result.get("val_images", result.get("val_examples"))
        print(f"validation accuracy {result['val_accuracy']:.1%} on {n} held-out examples; saved {result['model']}")
        for name, m in result["per_class"].items():
            print(f"  {name}: {m['val_accuracy']:.0%} of {m.get('val_images', m.get('val_examples'))}")
    else:
        for name, p in result["probabilities"].items():
            print(f"{p:7.1%}  {name}")
    return 0


if __name__ == "__main__":
    run_cli(main)
