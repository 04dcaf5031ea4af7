"""The teachable page's backbone, jobs and kept state (plain Python: no Streamlit here).

- The frozen EfficientNet-Lite0 loads once per process (`load_once`), inside the jobs.
- Training is two jobs: a short one reads every photo through the backbone once (the features stay in
  the session's `Classes.cache`, so changing epochs or learning rate reads nothing again), then a long
  one trains the head and reports every epoch with the curves so far as its preview.
- A trained result keeps its validation photos' thumbnails (bytes encoded once, when the photo was
  added), its `.keras` export (built once, by a job) and its figures (built once per language).
- A try-it answer is computed once per model and photo, an imported file read once per file.
Session state is passed in as a mapping.
"""
from __future__ import annotations

import functools
import hashlib
from typing import Any, Callable, MutableMapping

from models.teachable.classes import Classes, embed_for_training, live_curves
from models.teachable.figures import CURVE_WORDS, confusion_figure, curves_figure
from ui.i18n import t
from ui.media import shown
from ui.scheduler import load_once

PHOTO_EXAMPLES = ("chelsea", "coffee", "astronaut", "rocket", "dog", "person", "eagle", "giraffe", "horses", "kite",
                  "scream")  # offered in the class cards
# The try-it panel: first a sneaker, a sandal and an ankle boot from Fashion-MNIST's TEST file, never in the
# ready-made example's training photos (and not offered in the class cards, so one click can't add them).
EXAMPLES = ("fashion_sneaker", "fashion_sandal", "fashion_boot", *PHOTO_EXAMPLES)
THUMB_SIDE = 160  # class cards and misclassified photos
THUMBS_SHOWN = 12  # per class card, and misclassified photos under the results
TRY_SIDE = 480  # the try-it photo as drawn
SAMPLE = ("sneaker", "sandal", "boot")  # the ready-made example: distinct Fashion-MNIST training photos
SAMPLE_PHOTOS = 30  # per class; 6 of them are held out for validation


@load_once
def embedder():
    """The frozen backbone, shared by every visitor and every job — the same copy the .keras import
    rebuilds its model on (`export.shared_embedder`), so the process holds one."""
    from models.teachable.export import shared_embedder

    return shared_embedder()


def features_job(cache, images, targets, settings, progress) -> int:
    return embed_for_training(cache, embedder(), images, targets, settings, progress)


def teach_job(cache, images, targets, labels, settings, progress):
    from models.teachable.pipeline import teach

    return teach(embedder(), cache, images, targets, labels, settings, live_curves(progress))


def predict_job(model, image, imported: bool):
    """Softmax probabilities for one photo: an imported file is a whole network taking 224×224 pixels."""
    if imported:
        from models.backbones.efficientnet_lite import center_crop

        return model.probabilities(center_crop(image)[None])[0]
    return model.probabilities(embedder(), [image])[0]


def export_job(taught) -> bytes:
    from models.teachable.export import full_model, to_bytes

    return to_bytes(full_model(embedder().extractor, taught.head, taught.labels))


def classes(ss: MutableMapping, lang: str) -> Classes:
    """The session's classes; a new visitor starts with two empty ones."""
    if "teach_classes" not in ss:
        ss["teach_classes"] = Classes(functools.partial(shown, side=THUMB_SIDE))
        for _ in range(2):
            add_class(ss["teach_classes"], lang)
    return ss["teach_classes"]


def add_class(kept: Classes, lang: str) -> None:
    kept.add_class(t("teach.classes.default_name", lang=lang, n=kept.next_id))


def load_sample(kept: Classes, lang: str) -> None:
    from models.teachable.samples import sample_classes

    photos = sample_classes(SAMPLE, SAMPLE_PHOTOS)
    kept.replace({t(f"teach.classes.sample_{name}", lang=lang): images for name, images in photos.items()})


def is_sample(kept: Classes, lang: str) -> bool:
    """Whether the classes are (still named as) the ready-made example's."""
    return kept.labels == [t(f"teach.classes.sample_{name}", lang=lang) for name in SAMPLE]


def keep_trained(ss: MutableMapping, taught, photos: list, kept: Classes, epochs: int) -> None:
    """The result the page shows until the next training; the trained model becomes the one in use."""
    ss["teach_result"] = {"taught": taught, "val_thumbs": [photos[i].thumb for i in taught.val_idx],
                          "signature": kept.signature(), "epochs": epochs, "figs": {}}
    ss["teach_active"] = "trained"
    ss.pop("teach_try", None)  # the last answer belonged to the previous model


def active_model(ss: MutableMapping) -> tuple[Any, bool] | None:
    """(model in use, imported?) or None; both kinds have `.labels`."""
    if ss.get("teach_active") == "imported" and ss.get("teach_imported") is not None:
        return ss["teach_imported"], True
    result = ss.get("teach_result")
    return (result["taught"], False) if result else None


def prediction(ss: MutableMapping, model, photo, predict: Callable[[], Any]) -> dict | None:
    """The try-it answer for this model and photo: `predict()` (a job; None when it failed) the first
    time, then kept with the photo drawn at TRY_SIDE, so a rerun computes and encodes nothing."""
    memo = ss.get("teach_try")
    if not (memo and memo["model"] is model and memo["photo"] == photo.digest):
        if (probs := predict()) is None:
            return None
        memo = ss["teach_try"] = {"model": model, "photo": photo.digest, "probs": probs,
                                  "shown": shown(photo.image, TRY_SIDE), "figs": {}}
    return memo


def import_once(ss: MutableMapping, data: bytes, read: Callable[[bytes], Any]) -> bool:
    """`read(data)` once per file; True when it gave a model (now the one in use). The outcome is kept
    as (digest, exception or None) in `ss["teach_import_tried"]`, so the page keeps saying why a file
    failed for as long as it stays; a read interrupted by a rerun is tried again."""
    digest = hashlib.sha1(data).hexdigest()
    if ss.get("teach_import_tried", (None,))[0] == digest:
        return False
    try:
        model = read(data)
    except Exception as exc:  # noqa: BLE001 - kept for the page to report in the visitor's language
        exc.__traceback__ = exc.__cause__ = exc.__context__ = None  # their frames would keep `data` alive
        ss["teach_import_tried"] = (digest, exc)
        return False
    ss["teach_imported"], ss["teach_active"], ss["teach_import_tried"] = model, "imported", (digest, None)
    return True


def figure(store: dict, name: str, lang: str, build: Callable[[], Any]):
    """A figure kept with its result, built once per language: a rerun only redraws it."""
    if (name, lang) not in store["figs"]:
        store["figs"][name, lang] = build()
    return store["figs"][name, lang]


def curves(history, epochs: int, lang: str):
    return curves_figure(history, epochs, {k: t(f"teach.curves.{k}", lang=lang) for k in CURVE_WORDS})


def confusion(result: dict, lang: str):
    taught = result["taught"]
    return confusion_figure(taught.labels, taught.evaluation.confusion, t("teach.results.true", lang=lang),
                            t("teach.results.predicted", lang=lang))
