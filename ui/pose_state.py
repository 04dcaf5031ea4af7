"""Jobs of the pose page (kept out of the page so it stays short).

Session keys: `pose_classes` {name: [features, …]} (66 normalised landmark numbers per photo),
`pose_result` (the last trained head with its figures), `pose_model` (trained or imported)."""
from __future__ import annotations


import numpy as np

from ui.i18n import t
from ui.jobs import load_once

MAX_PHOTOS_PER_CLASS = 40


@load_once
def blazepose():
    from models.pose.blazepose import load

    return load()


def landmarks_job(image):
    """The Pose of the most prominent person, or None when there is nobody."""
    from models.pose.blazepose import NoPerson

    try:
        return blazepose()(np.asarray(image.convert("RGB")))
    except NoPerson:
        return None


def features_job(images) -> list:
    """Normalised features per photo (None where no person was found)."""
    from models.pose.features import normalise

    out = []
    for img in images:
        pose = landmarks_job(img)
        out.append(None if pose is None else normalise(pose.xy))
    return out


def joint_names(lang: str) -> list[str]:
    from models.pose.blazepose import NAMES

    return [t(f"pose.joints.{n}", lang=lang) for n in NAMES]


def teach_job(classes: dict, epochs: int, progress):
    from models.pose.features import Settings, teach
    from models.teachable.classes import live_curves

    labels = [n for n in classes if classes[n]]
    x = np.stack([f for n in labels for f in classes[n]])
    targets = [i for i, n in enumerate(labels) for _ in classes[n]]
    progress(0, epochs)
    return teach(x, targets, labels, Settings(epochs=epochs), live_curves(progress))


def predict_job(model, image):
    """(probabilities, pose) for one photo; (None, None) when nobody is in it."""
    from models.pose.features import normalise

    pose = landmarks_job(image)
    if pose is None:
        return None, None
    return np.asarray(model(normalise(pose.xy)[None], training=False))[0], pose


def export_job(model) -> bytes:
    from models.pose.features import to_bytes

    return to_bytes(model)


def import_job(data: bytes):
    from models.pose.features import from_bytes

    return from_bytes(data)
