"""One-click example images, all shipped by packages (nothing is committed or downloaded).

- scikit-image `data` (CC0 / public domain): cat (chelsea), coffee, astronaut, rocket.
- Debian `darknet` data folder: dog, person, eagle, giraffe, horses, kite, The Scream.
- Debian `dataset-fashion-mnist` (Fashion-MNIST, Zalando Research, MIT licence): one sneaker, sandal and
  ankle boot from the TEST file (`models.teachable.samples.held_out`), so the teachable page can try its
  ready-made example on photos it never trained on.
"""
from __future__ import annotations

import importlib.util
import io
from dataclasses import dataclass
from pathlib import Path

DARKNET_DATA = Path("/usr/share/darknet/data")
SKIMAGE_NAMES = ("chelsea", "coffee", "astronaut", "rocket")
DARKNET_NAMES = ("dog", "person", "eagle", "giraffe", "horses", "kite", "scream")
FASHION_NAMES = ("fashion_sneaker", "fashion_sandal", "fashion_boot")  # "fashion_<Fashion-MNIST class>"
FASHION_FILES = ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",  # the test file is checked
                 "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")  # against training, so both


@dataclass(frozen=True)
class Example:
    key: str  # stable id, also the translation key `common.example.<key>`
    source: str  # "skimage" | "darknet" | "fashion"

    def available(self) -> bool:
        if self.source == "darknet":
            return (DARKNET_DATA / f"{self.key}.jpg").is_file()
        if self.source == "fashion":
            from models.gan.data import FASHION_DIR

            return all((FASHION_DIR / name).is_file() for name in FASHION_FILES)
        return importlib.util.find_spec("skimage") is not None

    def jpeg_bytes(self) -> bytes:
        """The example as JPEG bytes, so it goes through exactly the same path as an upload."""
        if self.source == "darknet":
            return (DARKNET_DATA / f"{self.key}.jpg").read_bytes()
        if self.source == "fashion":
            from models.teachable.samples import held_out

            image = held_out(self.key.removeprefix("fashion_"))
        else:
            import skimage.data
            from PIL import Image

            image = Image.fromarray(getattr(skimage.data, self.key)()).convert("RGB")
        buf = io.BytesIO()
        image.save(buf, "JPEG", quality=92)
        return buf.getvalue()


EXAMPLES = {
    **{k: Example(k, "skimage") for k in SKIMAGE_NAMES},
    **{k: Example(k, "darknet") for k in DARKNET_NAMES},
    **{k: Example(k, "fashion") for k in FASHION_NAMES},
}


def get_example(key: str) -> Example:
    return EXAMPLES[key]


def available(keys: list[str] | tuple[str, ...] | None = None) -> list[Example]:
    keys = keys or list(EXAMPLES)
    return [EXAMPLES[k] for k in keys if k in EXAMPLES and EXAMPLES[k].available()]
