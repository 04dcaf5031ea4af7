"""Ready-made example classes: real, distinct product photos from Fashion-MNIST.

Source: Fashion-MNIST (Xiao, Rasul & Vollgraf 2017, Zalando Research, MIT licence), read from the Debian
package `dataset-fashion-mnist` through `models.gan.data.load_fashion`. Each image is a different Zalando
catalogue photo, turned by its authors into 28×28 grey with the colours negated; here it is negated
back (dark item on a white background, as in the shop), upscaled (bicubic) to RGB and framed so the
backbone's centre crop keeps the whole item.

- Training photos: `per_class` distinct images per class, drawn (seeded) from the TRAIN file.
- Try-it photos (`held_out`): drawn from the TEST file, which `load_fashion` has already cleared of any
  image that also appears in training; `sample_classes` checks again against the chosen photos.

Why sneaker / sandal / ankle boot (`CLASSES`): three kinds of shoe that share outline and sole, so the
frozen ImageNet features separate them well but not perfectly, and the confusion matrix and the
misclassified photos have something to show (a sneaker called a sandal or a boot). Measured with the
page's default settings (20 epochs, augmentation, split seed 0), 30 photos per class: over training
draws 0–5 the validation accuracy was 100, 89, 94, 94, 89 and 94 % (median 94 %), starting at 78–94 %
after the first epoch. Other triples measured (without augmentation, draw 0, split seeds 0–2):
trouser / bag / sneaker 100 % every time (nothing to learn from), T-shirt / shirt / pullover 67–83 %
(discouraging for a first try). `SEED` = 2 is a typical draw (17 of 18: one sneaker called a sandal),
not the lucky 100 % one.

What the validation accuracy means: the page holds back 20 % of each class (here 6 of 30 photos)
before training; the model never learns from them, so their score estimates how it does on new
photos of the same kind. With only 18 validation photos one mistake moves it by 5–6 points. The
try-it photos come from the separate test file and were never in any class.
"""
from __future__ import annotations

import hashlib

import numpy as np
from PIL import Image, ImageOps

CLASSES = ("sneaker", "sandal", "boot")  # keys of `models.gan.data.CLASSES["fashion"]`
PER_CLASS = 30
SEED = 2  # which training photos are drawn (see above)
SIDE = 224  # the item, upscaled from 28 px (bicubic)
FRAME = 256  # the photo, item centred on white: the backbone's centre crop (224 of 256) keeps all of it


def _label(name: str) -> int:
    from models.gan.data import CLASSES as NAMES

    if name not in NAMES["fashion"]:
        raise ValueError(f"unknown Fashion-MNIST class {name!r}: choose from {', '.join(NAMES['fashion'])}")
    return NAMES["fashion"].index(name)


def to_photo(image: np.ndarray) -> Image.Image:
    """A 28×28 uint8 Fashion-MNIST image (0 = background) → an RGB photo, dark item on white."""
    item = Image.fromarray(255 - np.asarray(image, np.uint8), "L").resize((SIDE, SIDE), Image.BICUBIC)
    pad = (FRAME - SIDE) // 2
    return ImageOps.expand(item, pad, fill=255).convert("RGB")


def _digest(image: np.ndarray) -> str:
    return hashlib.sha1(np.ascontiguousarray(image).tobytes()).hexdigest()


def _distinct(images: np.ndarray, order: np.ndarray, n: int, exclude: set[str] = frozenset()) -> list[int]:
    """The first `n` indices in `order` whose images differ pixel for pixel from each other and `exclude`."""
    seen, picked = set(exclude), []
    for i in order:
        d = _digest(images[i])
        if d not in seen:
            seen.add(d)
            picked.append(int(i))
            if len(picked) == n:
                return picked
    raise ValueError(f"only {len(picked)} distinct images, {n} asked for")


def training_arrays(names=CLASSES, per_class: int = PER_CLASS, seed: int = SEED) -> dict[str, np.ndarray]:
    """{class: (per_class, 28, 28) uint8} distinct images from the TRAIN file, drawn with `seed`."""
    from models.gan.data import load_fashion

    train, _ = load_fashion()
    out = {}
    for i, name in enumerate(names):
        pool = np.flatnonzero(train.y == _label(name))
        order = np.random.default_rng([seed, i]).permutation(pool)
        out[name] = train.x[_distinct(train.x, order, per_class)]
    return out


def held_out_arrays(names=CLASSES, n: int = 1, seed: int = 0) -> dict[str, np.ndarray]:
    """{class: (n, 28, 28) uint8} images from the TEST file (none of them in the training file)."""
    from models.gan.data import load_fashion

    _, test = load_fashion()
    out = {}
    for i, name in enumerate(names):
        pool = np.flatnonzero(test.y == _label(name))
        order = np.random.default_rng([seed, 1000 + i]).permutation(pool)
        out[name] = test.x[_distinct(test.x, order, n)]
    return out


def held_out(name: str, index: int = 0) -> Image.Image:
    """The `index`-th try-it photo of a class (the app's example `fashion_<name>` is index 0)."""
    return to_photo(held_out_arrays((name,), index + 1)[name][index])


def sample_classes(names=CLASSES, per_class: int = PER_CLASS, seed: int = SEED) -> dict[str, list[Image.Image]]:
    """{class name: photos}: `per_class` distinct training photos per class, none pixel-identical to a
    try-it photo (checked here, although the test file is disjoint from training by construction)."""
    arrays = training_arrays(names, per_class, seed)
    trained = {_digest(x) for xs in arrays.values() for x in xs}
    tried = {_digest(x) for xs in held_out_arrays(names).values() for x in xs}
    if trained & tried:
        raise AssertionError("a try-it photo is also a training photo")
    return {name: [to_photo(x) for x in xs] for name, xs in arrays.items()}


# Test fixtures, not the ready-made example: one scikit-image photo (CC0) per class seen through random
# crops and mirror flips, so tests and the CLI test get quick, always-separable classes.
CROP_SOURCES = {"cat": "chelsea", "coffee": "coffee", "rocket": "rocket", "astronaut": "astronaut"}


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


def crop_classes(names=("cat", "coffee"), per_class: int = 12, seed: int = 0) -> dict[str, list[Image.Image]]:
    """{class name: crops of one photo} for keys of CROP_SOURCES (the tests' quick classes)."""
    import skimage.data

    return {name: random_crops(Image.fromarray(getattr(skimage.data, CROP_SOURCES[name])()), per_class, seed + i)
            for i, name in enumerate(names)}
