"""The style page's models, jobs and Gatys run state (plain Python: no Streamlit here).

Everything here runs in a scheduler worker (`ui.jobs.run_job`) or is plain data the page keeps:
- the three models load once per process (`load_once`), inside the jobs;
- the 26-style overview (thumbnails as JPEG bytes, the first layer's γ table) is made once per
  process, so a rerun of the page draws it without any job or encoding;
- a result dict carries its download and display-size pictures, encoded once when it is made;
- a `GatysRun` is shared by the page and its worker: the worker paints into it step by step, so when
  the student stops the job (its Stop button, or any other click: a rerun cancels it) the picture
  painted so far is still there for the next run of the page to keep.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from PIL import Image

from ui.media import shown
from ui.scheduler import load_once, on_download

SIDES = {"fast": (256, 384, 512, 768, 1024), "arbitrary": (384, 512, 768, 1024),  # longer side choices
         "gatys": (128, 192, 256, 320, 384)}
THUMB_SIDE = 112
PRESENT_THUMB_WIDTH = 176  # px on a projector: a 22 px caption ("1번 · 리히텐슈타인") fits under its picture
PREVIEW_EVERY = 5  # Gatys steps between two pictures of the painting growing
PREVIEW_SIDE = 512  # the growing picture is drawn at most this wide (and at most twice its size)
STOP_WAIT_S = 60.0  # at most one Gatys step (384 px on a busy CPU) before a stopped run settles


def thumb_width(present: bool) -> int:
    """How wide the picker draws each of the 26 pictures (the JPEGs are THUMB_SIDE; a projector enlarges them)."""
    return PRESENT_THUMB_WIDTH if present else THUMB_SIDE


@load_once
def multistyle():
    from models.style.multistyle import load_multistyle

    return load_multistyle()


@load_once
def arbitrary():
    from models.style.arbitrary import load_arbitrary

    return load_arbitrary()


@load_once
def gatys_model():
    from models.style.gatys import load_gatys

    return load_gatys()


@dataclass(frozen=True)
class Overview:
    """What the 26-style picker shows: one JPEG per style and γ of the first norm layer (26 × 32)."""

    thumbnails: tuple[bytes, ...]
    gamma: np.ndarray


_overview: Overview | None = None


@load_once
def overview() -> Overview:
    """(job) Paint the 26 thumbnails on the cat and encode them, once per process."""
    global _overview
    from models.style.thumbnails import style_thumbnails

    net = multistyle()
    _overview = Overview(tuple(shown(img, THUMB_SIDE, quality=90) for img in style_thumbnails(net, side=THUMB_SIDE)),
                         net.norm_params()["contract_0_norm"][0])
    return _overview


def ready_overview() -> Overview | None:
    """The overview when it is made already: then the page needs no job to draw the picker."""
    return _overview


def result(kind: str, params: dict, image: Image.Image, original: Image.Image, seconds: float) -> dict:
    """A result as the page keeps it: its display-size pictures encoded now, once; its PNG download
    (about 45 ms for 512 px, a quarter of a preset's job) only when a student presses Download."""
    from models.common.images import png_bytes

    return {"kind": kind, "params": params, "image": image, "original": original, "seconds": seconds,
            "png": on_download(png_bytes, image, kind="style"), "shown": shown(image),
            "shown_original": shown(original)}


def fast_job(content: Image.Image, a: int, b: int | None, share: float, side: int, strength: float) -> dict:
    """(job) One of the 26 styles, or two mixed (`b`, `share` of it), on the photo."""
    from models.common.images import fit_within
    from models.style.multistyle import style_weights

    net = multistyle()
    start = time.perf_counter()
    content = fit_within(content, side)  # once: stylise keeps a picture that already fits
    image = net.stylise(content, style_weights(a, b, share), side, strength)
    params = {"a": a, "strength": strength} | ({"b": b, "share": share} if b is not None else {})
    return result("mix" if b is not None else "fast", params, image, content, time.perf_counter() - start)


def fast_request(content: Image.Image, values) -> tuple:
    """`fast_job`'s arguments from the page's widget values (`st.session_state`): one place, so the job
    that Paint's on_click starts is the very request the page then waits for."""
    mixing = values.get("style_mix_on", False)
    return (content, values["style_a"], values["style_b"] if mixing else None, values["style_mix"] if mixing else 0.0,
            values["style_max_side"], values["style_strength"])


def arbitrary_job(content: Image.Image, painting: Image.Image, name: str, strength: float, side: int) -> dict:
    """(job) The photo painted like any painting (Magenta's arbitrary style network)."""
    from models.common.images import fit_within

    styler = arbitrary()
    start = time.perf_counter()
    image = styler.stylise(content, painting, strength, side)
    return result("arbitrary", {"name": name, "strength": strength}, image, fit_within(content, side),
                  time.perf_counter() - start)


def label(result: dict, t: Callable[..., str]) -> str:
    """What a result is ("Style 3 + 20 (30% of 20) · strength 80%"), worded by the page's `t`."""
    p = result["params"]
    if result["kind"] in ("fast", "mix"):  # the painting's name next to its number
        p = {**p, "a_name": t(f"style.names.{p['a']}"),
             "b_name": t(f"style.names.{p['b']}") if p.get("b") is not None else ""}
    text = t(f"style.result.{result['kind']}", **p)
    return text if p.get("strength", 1.0) >= 1.0 else f"{text} · {t('style.result.strength', **p)}"


_squares: dict[str, bytes] = {}


def square_preview(painting) -> bytes:
    """The centre square the style network reads from a `LoadedImage`, as JPEG, made once per
    painting (by pixel digest) and shared by every session."""
    if painting.digest not in _squares:
        from models.style.arbitrary import STYLE_SIDE
        from models.style.imaging import centre_square

        if len(_squares) >= 32:
            _squares.pop(next(iter(_squares)))
        _squares[painting.digest] = shown(centre_square(painting.image, STYLE_SIDE), STYLE_SIDE)
    return _squares[painting.digest]


@dataclass(eq=False)
class GatysRun:
    """One Gatys optimisation of one session, written by its worker and read by the page.

    `paint` (the job) builds the `GatysJob` and steps it; `ended` is set when it stops for any
    reason. The page `close`s the run once it has kept its picture: right after the job returns,
    or, when a Stop interrupted the page's run, on the next run of the page (`settle` first).
    """

    steps: int
    name: str
    strength: float
    job: object = None  # models.style.gatys.GatysJob, set by the worker once photo and painting are ready
    seconds: float = 0.0
    ended: threading.Event = field(default_factory=threading.Event)
    closed: bool = False

    @property
    def steps_done(self) -> int:
        return self.job.steps_done if self.job is not None else 0

    @property
    def history(self) -> list[dict]:
        return self.job.history if self.job is not None else []

    @property
    def state(self) -> str:
        """running, done (all steps) or stopped (fewer)."""
        if not self.closed:
            return "running"
        return "done" if self.steps_done >= self.steps else "stopped"

    @property
    def preview_width(self) -> int:
        return min(PREVIEW_SIDE, 2 * self.job.content.width) if self.job is not None else PREVIEW_SIDE

    def paint(self, content: Image.Image, painting: Image.Image, side: int, progress: Callable) -> None:
        """(job) Load VGG16 once, prepare both pictures, step with progress and previews (as JPEG
        bytes, encoded here in the worker). `progress` raises to stop it (a cancelled job)."""
        from models.style.gatys import GatysJob

        def report(done: int, total: int, preview: Image.Image | None = None, **info) -> None:
            progress(done, total, preview=None if preview is None else shown(preview, PREVIEW_SIDE), **info)

        try:
            self.job = GatysJob(gatys_model(), content, painting, max_side=side)
            start = time.perf_counter()
            try:
                self.job.run(self.steps, report, PREVIEW_EVERY)
            finally:
                self.seconds = time.perf_counter() - start
        finally:
            self.ended.set()

    def settle(self, timeout: float = STOP_WAIT_S) -> "GatysRun":
        """After a Stop: wait for the step in hand. Before its job existed nothing was painted, and
        a cancelled worker stops at its first report, before any step."""
        if self.job is not None:
            self.ended.wait(timeout)
        return self

    def close(self) -> dict | None:
        """Mark the run as dealt with; the result to keep (None when no step was done)."""
        from models.style.imaging import blend

        self.closed = True
        if self.steps_done == 0:
            return None
        job = self.job
        return result("gatys", {"name": self.name, "steps": job.steps_done, "strength": self.strength},
                      blend(job.content, job.image(), self.strength), job.content, self.seconds)
