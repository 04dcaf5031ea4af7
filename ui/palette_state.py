"""The palette page's state: the palette on screen, who chose each colour, locks, earlier palettes.

No Streamlit calls here: session state is passed in as a mapping, so every rule is unit-testable.
Keys: pal_colors / pal_source (the palette and "model" | "you" | "photo" per swatch), pal_n (its size),
pal_history (earlier palettes, newest first), and the widgets pal_size, pal_lock_<i>, pal_pick_<i>.

Streamlit lets a script set a widget's value only before that widget is drawn in a run. So a change
known above the swatches (first palette, Generate, a new size, a picked colour) is applied at once
with `adopt`; a change asked for below them (photo palette, Restore) is `park`ed, and the page
reruns and applies it first thing (`apply_parked`). No callbacks: the script reads top to bottom.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Any, Callable, Hashable, MutableMapping

from ui.i18n import t
from ui.memo import memoized

FIRST_SIZE = 5
HISTORY_KEPT = 6
FIGURES_KEPT = 8  # design previews (vision × severity × language) kept for the current palette


def adopt(ss: MutableMapping, colors: list[str], source: list[str]) -> None:
    """Show `colors`: the old palette goes to the history; model colours unlocked, the others locked."""
    colors, source = list(colors), list(source)
    if "pal_colors" in ss and ss["pal_colors"] != colors:
        ss["pal_history"] = ([ss["pal_colors"]] + ss.get("pal_history", []))[:HISTORY_KEPT]
    ss["pal_colors"], ss["pal_source"], ss["pal_n"] = colors, source, len(colors)
    if ss.get("pal_size") != len(colors):  # never touches the size slider once it is drawn at this size
        ss["pal_size"] = len(colors)
    for i, c in enumerate(colors):
        ss[f"pal_pick_{i}"] = c
        ss[f"pal_lock_{i}"] = source[i] != "model"  # your picks and photo colours stay locked


def park(ss: MutableMapping, colors: list[str], source: list[str]) -> None:
    """Adopt `colors` at the top of the next run (the caller reruns the page)."""
    ss["pal_pending"] = (list(colors), list(source))


def apply_parked(ss: MutableMapping) -> None:
    if "pal_pending" in ss:
        adopt(ss, *ss.pop("pal_pending"))


def take_picks(ss: MutableMapping) -> None:
    """A colour picked since the last run becomes that swatch, locked and marked as yours (a seed)."""
    colors, source = ss["pal_colors"], ss["pal_source"]
    for i, c in enumerate(colors):
        picked = ss.get(f"pal_pick_{i}")
        if picked and picked != c:
            colors[i], source[i] = picked, "you"
            ss[f"pal_lock_{i}"] = True


def locks(ss: MutableMapping) -> list[str | None]:
    """One slot per swatch of the wanted size: the locked colour, or None where the model may draw."""
    n, colors = ss["pal_n"], ss["pal_colors"]
    return [colors[i] if i < len(colors) and ss.get(f"pal_lock_{i}") else None for i in range(n)]


def wanted(ss: MutableMapping, size: int, generate: bool) -> list[str | None] | None:
    """The locks to fill when new colours are needed (Generate, or a bigger palette), else None.

    A smaller size cuts the palette at once; a bigger one keeps the locks and redraws the rest.
    """
    if size != ss["pal_n"]:
        ss["pal_n"] = size
        if size > len(ss["pal_colors"]):
            return locks(ss)
        ss["pal_colors"], ss["pal_source"] = ss["pal_colors"][:size], ss["pal_source"][:size]
    return locks(ss) if generate else None


def sources(ss: MutableMapping, slots: list[str | None]) -> list[str]:
    """Who chose each colour of a palette filled around `slots`: locked ones keep theirs, the rest the model."""
    old = ss.get("pal_source", [])
    return [(old[i] if i < len(old) else "you") if lock else "model" for i, lock in enumerate(slots)]


def latest(ss: MutableMapping, name: str, key: Hashable, build: Callable[[], Any]) -> Any:
    """`build()` once per `key`; only the newest value is kept under `name` (e.g. a photo at display size)."""
    if ss.get(name, (None,))[0] != key:
        ss[name] = (key, build())
    return ss[name][1]


def view(ss: MutableMapping, colors: list[str]) -> dict:
    """What the tabs show about a palette, computed once per palette: the accessibility report, the
    harmony and its wheel, the JSON export's content; `simulated` and `design` add more when asked."""
    def build() -> dict:
        from models.palette import cvd, figures
        from models.palette.harmony import classify

        harmony, report = classify(colors), cvd.check(colors)
        return {"report": report, "harmony": harmony, "wheel": figures.wheel(colors, harmony),
                "json": dict(report, harmony=harmony.name, delta="CAM02-UCS"), "seen": {}, "figs": OrderedDict()}

    return latest(ss, "pal_view", tuple(colors), build)


def simulated(v: dict, colors: list[str], vision: str, severity: float) -> list[str]:
    """`colors` as `vision` sees them at `severity` (kept: the slider has few stops)."""
    from models.palette import cvd

    if (vision, severity) not in v["seen"]:
        v["seen"][(vision, severity)] = cvd.simulate(colors, vision, severity)
    return v["seen"][(vision, severity)]


def kept(v: dict, key: Hashable, build: Callable[[], Any]) -> Any:
    """`build()` once per `key` for this palette; the newest FIGURES_KEPT are kept."""
    return memoized(v["figs"], key, build, FIGURES_KEPT)


CARD_WORDS = ("kicker", "headline", "body", "button")


def design(v: dict, seen: list[str], lang: str) -> tuple[str, Any]:
    """The design preview (card HTML, bar chart) painted with `seen`, built once per colours and language."""
    from models.palette import figures

    return kept(v, ("design", tuple(seen), lang), lambda: (
        figures.design_card_html(seen, {**{k: t(f"palette.preview.{k}", lang) for k in CARD_WORDS},
                                        # the card's title does not promise what the check did not find
                                        "headline": t("palette.preview.headline" if v["report"]["cvd_safe"]
                                                      else "palette.preview.headline_unsafe", lang)}),
        figures.design_chart(seen, t("palette.preview.chart", lang), t("palette.preview.series", lang))))


def contrast_words(pair: dict, lang: str) -> str:
    """The best text/background pair, its WCAG ratio and the level it reaches (`cvd.contrast_level`)."""
    from models.palette import cvd

    level = t(f"palette.contrast.{cvd.contrast_level(pair['ratio'])}", lang, aa=cvd.SAFE_CONTRAST,
              aaa=cvd.AAA_CONTRAST)
    return t("palette.contrast.result", lang, ratio=pair["ratio"], text=pair["text"], bg=pair["background"],
             level=level)


def cvd_rows(deltas: dict[str, float], lang: str) -> list[dict]:
    """The colour-blind table: smallest ΔE per vision type and whether it reaches `cvd.SAFE_DELTA`."""
    from models.palette.cvd import SAFE_DELTA

    ok = t("palette.cvd.col_ok", lang, delta=f"{SAFE_DELTA:g}")
    return [{t("palette.cvd.col_vision", lang): t(f"palette.vision.{vision}", lang),
             t("palette.cvd.col_delta", lang): d, ok: "✓" if d >= SAFE_DELTA else "✗"}
            for vision, d in deltas.items()]


def quality_rows(lang: str) -> list[dict]:
    """The quality table: fill-one error of each method, from the training-time metrics."""
    from models.palette.model import fill_one_rows

    return [{t("palette.quality.col_method", lang): t(f"palette.quality.method.{k}", lang),
             t("palette.quality.col_error", lang): err} for k, err in fill_one_rows()]


def quality_metrics(lang: str) -> list[tuple[str, str, str | None]]:
    """(label, value, help) of the critic AUC, colourfulness and spread against real palettes."""
    from models.palette.model import card_metrics

    m = card_metrics()
    return [(t("palette.quality.critic", lang), f"{m['critic_auc']['generated']:.2f}",
             t("palette.quality.critic_help", lang, rand=m["critic_auc"]["random"])),
            (t("palette.quality.chroma", lang), f"{m['stats']['ratio']['chroma']:.0%}", None),
            (t("palette.quality.diversity", lang), f"{m['stats']['ratio']['diversity']:.0%}", None)]
