"""One-click example images, all shipped by packages (nothing is committed or downloaded).

- scikit-image `data` (CC0 / public domain): cat (chelsea), coffee, astronaut, rocket.
- Debian `darknet` data folder: dog, person, eagle, giraffe, horses, kite, The Scream.
"""
from __future__ import annotations

import importlib.util
import io
from dataclasses import dataclass
from pathlib import Path

DARKNET_DATA = Path("/usr/share/darknet/data")
SKIMAGE_NAMES = ("chelsea", "coffee", "astronaut", "rocket")
DARKNET_NAMES = ("dog", "person", "eagle", "giraffe", "horses", "kite", "scream")


@dataclass(frozen=True)
class Example:
    key: str  # stable id, also the translation key `common.example.<key>`
    source: str  # "skimage" | "darknet"

    def available(self) -> bool:
        if self.source == "darknet":
            return (DARKNET_DATA / f"{self.key}.jpg").is_file()
        return importlib.util.find_spec("skimage") is not None

    def jpeg_bytes(self) -> bytes:
        """The example as JPEG bytes, so it goes through exactly the same path as an upload."""
        if self.source == "darknet":
            return (DARKNET_DATA / f"{self.key}.jpg").read_bytes()
        import skimage.data
        from PIL import Image

        arr = getattr(skimage.data, self.key)()
        buf = io.BytesIO()
        Image.fromarray(arr).convert("RGB").save(buf, "JPEG", quality=92)
        return buf.getvalue()


EXAMPLES = {
    **{k: Example(k, "skimage") for k in SKIMAGE_NAMES},
    **{k: Example(k, "darknet") for k in DARKNET_NAMES},
}


def get_example(key: str) -> Example:
    return EXAMPLES[key]


def available(keys: list[str] | tuple[str, ...] | None = None) -> list[Example]:
    keys = keys or list(EXAMPLES)
    return [EXAMPLES[k] for k in keys if k in EXAMPLES and EXAMPLES[k].available()]
