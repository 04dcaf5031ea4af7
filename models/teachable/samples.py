"""Ready-made example classes from package-shipped photos (scikit-image, CC0 / public domain).

Each class is one photo seen through random crops, zooms and mirror flips — enough for a
one-click classroom demo, the tests and the benchmark. Validation photos are other crops of the
same photo, so accuracy on these sets is an easy upper bound, not a claim about new photos.
"""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageOps

SOURCES = {"cat": "chelsea", "coffee": "coffee", "rocket": "rocket", "astronaut": "astronaut"}


def random_crops(img: Image.Image, n: int, seed: int = 0, size: int = 256) -> list[Image.Image]:
    """`n` crops covering 50–90 % of each side, randomly mirrored, resized to `size` wide."""
    rng = np.random.default_rng(seed)
    w, h = img.size
    out = []
    for _ in range(n):
        s = rng.uniform(0.5, 0.9)
        cw, ch = int(w * s), int(h * s)
        x, y = int(rng.integers(0, w - cw + 1)), int(rng.integers(0, h - ch + 1))
        crop = img.crop((x, y, x + cw, y + ch)).resize((size, round(size * ch / cw)), Image.BICUBIC)
        out.append(ImageOps.mirror(crop) if rng.random() < 0.5 else crop)
    return out


def sample_classes(names=("cat", "coffee"), per_class: int = 12, seed: int = 0) -> dict[str, list[Image.Image]]:
    """{class name: photos} for the given keys of SOURCES."""
    import skimage.data

    return {name: random_crops(Image.fromarray(getattr(skimage.data, SOURCES[name])()), per_class, seed + i)
            for i, name in enumerate(names)}
