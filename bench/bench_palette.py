"""Palette: speed of suggestions / CVD-safe suggestions / photo palettes, and quality vs anchors."""
from __future__ import annotations

import io

from bench.timing import median_warm

# Cited, not measured here (another split): shown only in a note, never as a measured baseline.
ANCHORS = "cited, not measured here: course guide random 44.1, mean 31.4, nearest-10 20.9, small Keras MLP 19.5"


def _median_ms(fn, repeats: int) -> float:
    return median_warm(fn, repeats=repeats, warmup=1).ms


def _photo_12mp():
    from PIL import Image

    from models.common.examples import get_example
    from models.common.images import load_image

    small = load_image(get_example("astronaut").jpeg_bytes(), "astronaut.jpg").image
    big = small.resize((4000, 3000), Image.BICUBIC)
    buf = io.BytesIO()
    big.save(buf, "JPEG", quality=90)
    return big, buf.getvalue()


def run() -> list[dict]:
    from models.common.images import load_image
    from models.palette import evaluate
    from models.palette.image_palette import from_image
    from models.palette.model import load
    from models.palette.suggest import suggest

    load()
    suggest([None] * 5, seed=0)  # trace once
    plain = _median_ms(lambda: suggest([None] * 5, seed=None), 30)
    locked = _median_ms(lambda: suggest(["#1b3a4b", None, "#f2c14e", None, None], seed=None), 30)
    safe = _median_ms(lambda: suggest([None] * 5, cvd_safe=True, seed=None), 15)
    big, jpeg = _photo_12mp()
    photo = _median_ms(lambda: from_image(big, seed=None), 5)
    photo_decode = _median_ms(lambda: from_image(load_image(jpeg, "big.jpg").image, seed=None), 3)

    m = evaluate.evaluate()
    fill = m["fill_one"]
    ratio = m["stats"]["ratio"]
    return [
        {"name": "suggestion (5 colours, none locked)", "value": plain, "unit": "ms", "goal": 50, "better": "lower"},
        {"name": "suggestion with 2 locked", "value": locked, "unit": "ms", "goal": 50, "better": "lower"},
        {"name": "CVD-safe suggestion", "value": safe, "unit": "ms", "goal": 300, "better": "lower",
         "note": "min ΔE CAM02-UCS ≥ 10 under protan/deutan/tritan + WCAG pair ≥ 4.5"},
        {"name": "from-image, 12 MP photo (decoded)", "value": photo, "unit": "ms", "goal": 500, "better": "lower",
         "note": "downscale → k-means in CAM02-UCS → completion"},
        {"name": "from-image, 12 MP JPEG incl. decode", "value": photo_decode, "unit": "ms",
         "note": "JPEG decode is most of it"},
        {"name": "fill-one error, completion network", "value": fill["completion network"], "unit": "ΔE",
         "goal": 17, "better": "lower",
         "baseline": f"measured on the same split: nearest-10 {fill['nearest-10 training palettes']:.1f}, "
                     f"mean of others {fill['mean of the other four']:.1f}, random {fill['random colour']:.1f}",
         "note": ANCHORS},
        {"name": "fill-one error, nearest-10 (our split)", "value": fill["nearest-10 training palettes"],
         "unit": "ΔE"},
        {"name": "fill-one error, mean of others (our split)", "value": fill["mean of the other four"],
         "unit": "ΔE"},
        {"name": "fill-one error, random colour (our split)", "value": fill["random colour"], "unit": "ΔE"},
        {"name": "critic AUC, generated vs real", "value": m["critic_auc"]["generated"], "unit": "",
         "goal": 0.65, "better": "lower", "baseline": f"random palettes {m['critic_auc']['random']:.2f}",
         "note": "0.5 = indistinguishable"},
        {"name": "critic AUC vs held-out thi.ng themes", "value": m["critic_auc_thing"]["generated"], "unit": "",
         "note": "image-derived themes: a different style"},
        {"name": "chroma generated / real", "value": ratio["chroma"], "unit": "×", "note": "goal 0.9–1.1"},
        {"name": "diversity generated / real", "value": ratio["diversity"], "unit": "×", "note": "goal 0.9–1.1"},
    ]
