"""Make the Streamlit server fit for a classroom: no per-rerun Keras reset, sized math thread pools,
app.py's navigation from the first visitor on.

The cause (profiled on the landed server, see README "A whole class at once"): after **every** script
run Streamlit calls `keras.backend.clear_session()` whenever `keras` is imported
(`_clean_problem_modules` in `streamlit/runtime/scriptrunner/script_runner.py`). In Keras 3 that is a
full `gc.collect()` (≈ 250 ms holding the interpreter lock) plus a wipe of TensorFlow's eager kernel
cache (the next inference takes 320–370 ms instead of 22 ms) — and it would reset Keras under a job
that a worker thread is running. Our models are loaded once per process and never rebuilt per run,
so there is no per-run Keras state to clear. We keep the rest of the hook (matplotlib's
`close("all")`).

The override is guarded: Streamlit is pinned, `install()` checks that the hook it replaces still
looks the way it did (a module-level function that calls `clear_session`), and a unit test fails
the day that changes. `runner.postScriptGC = false` in `.streamlit/config.toml` drops the other
full collection per rerun; `collect_garbage_when_idle` runs it when the job queue is empty instead.
`collect_young_less_often` makes the collector's own young-generation passes rarer.
"""
from __future__ import annotations

import gc
import inspect
import logging
import os
import sys
import threading
import time
from typing import Any, cast

_LOG = logging.getLogger(__name__)
_INSTALLED = threading.Event()
IDLE_GC_EVERY_S = 30.0  # at most one full collection per this many seconds, only with no job running
IDLE_QUIET_S = 2.0  # ... and only once the queue stayed empty this long (not between two jobs of a class)
YOUNG_GC_THRESHOLD = 20_000  # net allocations between two young-generation collections (Python's default: 700)


class StreamlitChanged(RuntimeError):
    """The private hook we override no longer looks as expected: re-check it before upgrading."""


def _clean_problem_modules_without_keras() -> None:
    """Streamlit's per-run clean-up minus `keras.backend.clear_session()`."""
    if "matplotlib.pyplot" in sys.modules:
        try:
            cast(Any, sys.modules["matplotlib.pyplot"]).close("all")
        except Exception:  # noqa: BLE001 - as Streamlit does: never crash the app here
            pass


def check_hook(module: Any) -> None:
    """Raise `StreamlitChanged` unless the module's source still has the hook we replace, as we know it:
    a module-level `_clean_problem_modules` that calls Keras' `clear_session`, called after each run."""
    try:
        source = inspect.getsource(module)
    except (OSError, TypeError) as exc:
        raise StreamlitChanged(f"cannot read streamlit's script_runner source: {exc}") from exc
    start = source.find("\ndef _clean_problem_modules(")
    end = source.find("\ndef ", start + 1)
    if start < 0 or "clear_session()" not in source[start:end]:
        raise StreamlitChanged("streamlit's script_runner._clean_problem_modules changed; re-check the Keras fix")
    if "_log_if_error(_clean_problem_modules)" not in source:
        raise StreamlitChanged("ScriptRunner no longer calls _clean_problem_modules after a run")


def leave_pages_directory_mode() -> bool:
    """True once per process, when this run is Streamlit's old pages-directory mode: then set it off.

    Streamlit decides at its first session whether the app "uses the pages directory" (a `pages/`
    folder next to app.py, as ours). If the first visitor opens a demo page directly, as a class does
    from the teacher's link, the script runner runs that page alone (`_mpa_v1`), not app.py, and only
    a run of app.py's `st.navigation` turns the mode off. Until someone opens home, every run on the
    server would name the sidebar links after the files ("app", "deep dream") and skip app.py's error
    handling. The caller reruns, this time through app.py."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        return True
    return False


def check_pages_directory_mode(module: Any) -> None:
    """Raise `StreamlitChanged` unless the script runner still picks the old mode by that flag."""
    source = inspect.getsource(module)
    if "if PagesManager.uses_pages_directory:" not in source or "_mpa_v1(" not in source:
        raise StreamlitChanged("ScriptRunner no longer picks the pages-directory mode by "
                               "PagesManager.uses_pages_directory; re-check leave_pages_directory_mode")


def limit_math_threads(cores: int) -> None:
    """One math thread pool the size of the cores, shared by every concurrent job.

    TensorFlow's intra-op pool is one per process, so concurrent jobs share it; BLAS (numpy, scipy)
    would start a pool per calling thread, so it gets one thread each. Set before TensorFlow loads.
    """
    os.environ.setdefault("TF_NUM_INTRAOP_THREADS", str(cores))
    os.environ.setdefault("TF_NUM_INTEROP_THREADS", "2")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")


def collect_garbage_when_idle(scheduler: Any, quiet_s: float = IDLE_QUIET_S, every_s: float = IDLE_GC_EVERY_S) -> None:
    """Full garbage collection once the job queue has stayed empty for `quiet_s`, at most every `every_s`.

    The queue empties for a moment between two jobs of a class's burst while thirty scripts still draw
    their results; a collection then (about 100 ms holding the interpreter lock with thirty sessions'
    objects) would stall them all, so the emptying only arms a timer that checks again."""
    last, armed = [0.0], threading.Event()

    def collect_if_still_idle() -> None:
        armed.clear()
        stats = scheduler.stats()
        if not stats["queued"] and not any(stats["running"].values()) and time.monotonic() - last[0] > every_s:
            last[0] = time.monotonic()
            gc.collect()

    def on_idle() -> None:
        if not armed.is_set() and time.monotonic() - last[0] > every_s:
            armed.set()
            timer = threading.Timer(quiet_s, collect_if_still_idle)
            timer.daemon = True
            timer.start()

    scheduler.when_idle(on_idle)


def collect_young_less_often(threshold: int = YOUNG_GC_THRESHOLD) -> None:
    """A young-generation collection every `threshold` net allocations instead of every 700.

    Each collection holds the interpreter lock, and a server that draws thirty students' pages allocates
    fast: timed with `gc.callbacks` over a warm-up and four waves of 30 melodies, 1,817 young
    collections held the lock for 1.8 s in all (median 0.2 ms, but 4 ms at p90 and 15 ms at p99), against
    45 collections and 0.2 s at 20,000. The waves' p95 went from 1.17–1.29 to 1.06–1.12 s, the server's
    CPU per wave from 1.65–1.86 to 1.59–1.62 s. Most objects a page run makes die by reference counting
    long before 20,000 allocations, so they are never traversed; cyclic garbage waits a little longer,
    and the full collections stay as they were (the older generations' thresholds, and
    `collect_garbage_when_idle`)."""
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(threshold, older, oldest)


def click_waiting(requests: Any) -> bool:
    """Whether Streamlit's `ScriptRequests` hold a rerun the browser asked for (not a `run_every` tick).

    A click on a widget inside an `st.fragment` does not interrupt the run in progress: Streamlit
    queues its rerun until that run ends (`_fragment_run_should_not_preempt_script` in
    `streamlit/runtime/scriptrunner_utils/script_requests.py`). A page waiting on a job would so keep
    waiting through the student's Stop. `ui.jobs.run_job` asks this while it waits and cancels the job,
    as any click outside a fragment does. Reads the pinned Streamlit's private request state; a unit
    test fails the day that changes."""
    from streamlit.runtime.scriptrunner_utils.script_requests import ScriptRequestType

    return getattr(requests, "_state", None) == ScriptRequestType.RERUN and not requests._rerun_data.is_auto_rerun


def rerun_waiting() -> bool:
    """`click_waiting` for this script run's session (False outside a script run)."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    return ctx is not None and click_waiting(ctx.script_requests)


def install() -> None:
    """Apply once per process (every page calls it through `ui.page.setup_page`)."""
    if _INSTALLED.is_set():
        return
    from streamlit.runtime.scriptrunner import script_runner

    from ui.scheduler import cpu_cores, scheduler

    check_hook(script_runner)
    check_pages_directory_mode(script_runner)
    script_runner._clean_problem_modules = _clean_problem_modules_without_keras
    limit_math_threads(cpu_cores())
    collect_garbage_when_idle(scheduler())
    collect_young_less_often()
    _INSTALLED.set()
    _LOG.info("classroom fixes installed: no per-run keras clear_session, %s math threads, young GC every %s allocations",
              cpu_cores(), gc.get_threshold()[0])
