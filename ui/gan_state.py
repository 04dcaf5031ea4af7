"""The GAN page's jobs and remembered results: models load once per process, pictures encode once per result.

Every function named `*_job` runs in a scheduler worker (no `st.*` there); the page calls them through
`ui.jobs.run_job`. What a student made (samples, a walk, a quiz round, a toy run) is kept in
`st.session_state` under `gan_*` keys so sliders and guesses never call a model again.
"""
from __future__ import annotations

from functools import lru_cache

from models.gan.figures import enlarge
from ui.jobs import load_once
from ui.media import shown

QUIZ_SIZE = 8


@load_once
def studio(dataset: str):
    from models.gan.generate import load_studio

    return load_studio(dataset)


@load_once
def test_images(dataset: str):
    from models.gan.data import load

    test = load(dataset)[1]
    return test.x, test.y


@lru_cache(maxsize=2)
def history(dataset: str):
    from models.gan.train import read_history

    return read_history(dataset)


def samples_job(dataset: str, label: int, n: int, seed: int) -> bytes:
    from models.gan.generate import sample

    return shown(enlarge(sample(studio(dataset), label, n, seed), cols=min(n, 8)), 640)


def walk_job(dataset: str, a: int, b: int, seed_a: int, seed_b: int, steps: int) -> list[bytes]:
    from models.gan.generate import interpolate

    return [shown(enlarge(img[None], scale=8), 224) for img in interpolate(studio(dataset), a, b, seed_a, seed_b, steps)]


def quiz_job(dataset: str, seed: int) -> list[dict]:
    from models.gan.generate import quiz

    x, y = test_images(dataset)
    return [{"shown": shown(enlarge(item.image[None], scale=6), 168), "real": item.real, "label": item.label,
             "critic_real": item.critic_real, "cut": item.cut,
             "critic_says_real": item.critic_says_real} for item in quiz(studio(dataset), x, y, QUIZ_SIZE, seed)]


def toy_job(shape: str, steps: int, seed: int, progress):
    from models.gan.toy import train_toy

    return train_toy(shape, steps, seed, progress=progress)


@lru_cache(maxsize=256)
def snapshot_picture(dataset: str, index: int) -> bytes:
    """The fixed-noise samples at one snapshot (the same for every student): a column per class."""
    snaps, _ = history(dataset)
    images = snaps["images"][index]  # class-major: 10 classes × PER_CLASS
    per_class = len(images) // 10
    by_row = images.reshape(10, per_class, 28, 28).transpose(1, 0, 2, 3).reshape(-1, 28, 28)
    return shown(enlarge(by_row, cols=10), 640)


def quiz_score(round_: dict) -> tuple[int, int, int]:
    """(student right, critic right, total) for a revealed round."""
    items, guesses = round_["items"], round_["guesses"]
    student = sum(guesses.get(i) == ("real" if it["real"] else "fake") for i, it in enumerate(items))
    critic = sum(it["critic_says_real"] == it["real"] for it in items)
    return student, critic, len(items)


@lru_cache(maxsize=1)
def report() -> dict:
    """The committed evaluation (`python -m models.gan evaluate`, written to artifacts/report.json)."""
    import json

    from models.gan.train import ARTIFACTS

    return json.loads((ARTIFACTS / "report.json").read_text())


def card_numbers(dataset: str) -> dict:
    r = report()[dataset]
    return {"fd": r["gan"]["frechet"], "fd_noise": r["noise"]["frechet"], "fd_mean": r["class_mean"]["frechet"],
            "asked": r["gan"]["reads_as_asked"], "below": r["memorisation"]["samples_below_test_p1"],
            "checked": r["memorisation"]["checked"], "test": r["test_images"]}
