"""Load the heaviest demos' models in the background once a server has its first visitor (opt-in).

A fresh server loads a demo's models when its page first needs them, and the first student to open
the dog page waited for TensorFlow, both networks and their onnxruntime graphs (12 s for the first
photo in the browser test on this 2-core machine). With `SHOWCASE_PRELOAD=1` (set by `make run`,
`make serve-replicas` and the Docker image; the tests leave it off, each starting many servers) the
first page a visitor opens, usually home while the teacher talks, starts one background thread that
calls the same `load_once` loaders the jobs call. A student who arrives while a model is still
loading waits on that load instead of starting a second one (`ui.scheduler.load_once`).
"""
from __future__ import annotations

import importlib
import logging
import os
import threading

ENV = "SHOWCASE_PRELOAD"
DELAY_S = 3.0  # let the first page finish first: importing TensorFlow beside it made home take 2.4 s, not 0.2 s
LOADERS = ("ui.dog_state:dog_models", "ui.music_state:studio", "ui.style_state:multistyle")
_LOG = logging.getLogger(__name__)
_STARTED = threading.Event()


def start_preload(loaders: tuple[str, ...] = LOADERS, delay_s: float = DELAY_S) -> threading.Thread | None:
    """Once per process, when `SHOWCASE_PRELOAD=1`: a daemon thread that, after `delay_s`, calls each
    "module:function"."""
    if os.environ.get(ENV) != "1" or _STARTED.is_set():
        return None
    _STARTED.set()
    thread = threading.Timer(delay_s, _load_all, args=(loaders,))
    thread.name, thread.daemon = "preload", True
    thread.start()
    return thread


def _load_all(loaders: tuple[str, ...]) -> None:
    from ui.scheduler import WORKER_NICE, lower_priority

    lower_priority(WORKER_NICE)  # model work, like the jobs': the math libraries' threads it starts inherit it
    for spec in loaders:
        module, name = spec.split(":")
        try:
            getattr(importlib.import_module(module), name)()
            _LOG.info("preloaded %s", spec)
        except Exception:  # noqa: BLE001 - the page loads it again when needed, and says why if it fails
            _LOG.exception("preloading %s failed", spec)
