"""Give palette colours jobs in a small design (background, text, accent, chart series)."""
from __future__ import annotations

from models.palette import cvd
from models.palette.colorspace import chroma, to_ucs


def design_roles(colors: list[str]) -> dict:
    """Background and text = the best WCAG pair; accent = the most colourful remaining colour."""
    pair = cvd.best_contrast(colors)
    rest = [c for c in colors if c not in (pair["text"], pair["background"])] or [pair["text"]]
    c = chroma(to_ucs(rest))
    accent = rest[int(c.argmax())]
    return {"background": pair["background"], "text": pair["text"], "accent": accent,
            "accent_ink": cvd.readable_ink(accent), "others": rest, "ratio": pair["ratio"]}
