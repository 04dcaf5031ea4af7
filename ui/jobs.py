"""Run a page's heavy call through the shared scheduler and show the student where it stands.

Every page does the same three things with a heavy call: queue it (`ui.scheduler`), show "n ahead of
you" / progress / an optional preview with a Cancel button while it waits, and hand back the plain
result. A job that finishes within `QUIET_WAIT_S` draws nothing at all, so a fast answer costs no
extra messages. Any rerun of the page while a job waits (Cancel, or another click) cancels it: the
student asked for something else. (A click inside an `st.fragment` does not interrupt the run; the
wait loop sees it waiting, `ui.streamlit_fixes.rerun_waiting`, and cancels just the same.) A
deterministic call may pass `share=True`: thirty students asking for the same thing (the default
melody, the example photo) then wait on one computation (`ui.scheduler`, rule 5).
"""
from __future__ import annotations

import time
from typing import Any, Callable

import streamlit as st

from ui.i18n import t
from ui.scheduler import JobCancelled, Progress, fingerprint, load_once, scheduler
from ui.streamlit_fixes import rerun_waiting

QUIET_WAIT_S = 0.15
REDRAW_S = 0.3


def _status_text(job, waited: float, progress_text: Callable[[Progress], str] | None) -> str:
    if job.state == "queued":
        return t("jobs.queued", n=job.ahead(), seconds=waited)
    if progress_text is not None and job.progress.done:
        return progress_text(job.progress)
    return t("jobs.running", seconds=waited)


def run_job(fn: Callable, *args: Any, size: str = "short", kind: str = "job", progress: bool = False,
            preview: Callable[[Any], None] | None = None,
            progress_text: Callable[[Progress], str] | None = None, share: bool = False, **kwargs: Any) -> Any:
    """`fn(*args, **kwargs)` through the scheduler; returns its result or raises its exception.

    `progress=True` passes `progress=job.report` so `fn` can report `(done, total[, preview=])` and
    be cancelled; `progress_text(Progress)` words it, `preview(obj)` draws the latest preview.
    `share=True` (only for a call whose result depends on nothing but its arguments, and which the
    page never modifies) lets identical requests from every session share one job and its result.
    Raises `JobCancelled` when cancelled.
    """
    key = share_key(fn, args, kwargs, size) if share else None
    job = (_take_started(key) if key is not None else None) or _submit(fn, args, kwargs, size, kind, progress, key)
    if job.wait(QUIET_WAIT_S):
        return job.result()
    status = st.empty()
    picture = st.empty() if preview is not None else None  # a slot only for jobs that show a preview
    cancel = st.empty()
    cancel.button(t("jobs.cancel"), key=f"_cancel_{kind}_{job.number}", icon="✋", on_click=_say_stopped)
    shown_preview = None
    try:
        while not job.wait(REDRAW_S):
            if rerun_waiting():  # a click inside a fragment waits for this run instead of interrupting it
                break
            waited = time.perf_counter() - job.submitted
            status.progress(job.progress.fraction, text=_status_text(job, waited, progress_text))
            if preview is not None and job.progress.preview is not None and job.progress.preview is not shown_preview:
                shown_preview = job.progress.preview
                with picture.container():
                    preview(shown_preview)
    finally:
        if not job.done():  # a rerun interrupted the script or waits for it: Cancel or another click
            job.cancel()
        for slot in (status, picture, cancel):
            if slot is not None:
                slot.empty()
    return job.result()


def _submit(fn: Callable, args: tuple, kwargs: dict, size: str, kind: str, progress: bool, key: tuple | None):
    if progress:
        return scheduler().submit(lambda job: fn(*args, progress=job.report, **kwargs), size=size, kind=kind,
                                  pass_job=True, share=key)
    return scheduler().submit(fn, *args, size=size, kind=kind, share=key, **kwargs)


STARTED = "_started_job"  # (share key, job) queued by a button's on_click, for this run's run_job


def start_job(fn: Callable, *args: Any, size: str = "short", kind: str = "job", progress: bool = False,
              **kwargs: Any) -> None:
    """Queue a shareable request from a button's `on_click`, which runs before the page redraws; the
    `run_job(..., share=True)` with the same arguments later in that run takes this job over instead
    of queueing another. So the model works while the page is drawn (a style preset: about 30 ms of
    page before its button). Settings are read when the button is pressed, so pass what the page
    itself will pass; a request the page does not make after all is cancelled by the next one."""
    if (earlier := st.session_state.pop(STARTED, None)) is not None:
        earlier[1].cancel()
    key = share_key(fn, args, kwargs, size)
    if key is not None:
        st.session_state[STARTED] = (key, _submit(fn, args, kwargs, size, kind, progress, key))


def _take_started(key: tuple):
    """The job `start_job` queued for this request, or None (one queued for another request stays
    until the next `start_job` cancels it: it may be for a later call of this run)."""
    started = st.session_state.get(STARTED)
    if started is None or started[0] != key:
        return None
    del st.session_state[STARTED]
    return started[1]


def share_key(fn: Callable, args: tuple, kwargs: dict, size: str) -> tuple | None:
    """What makes two requests the same job (`ui.scheduler.fingerprint`), or None when an argument
    cannot be keyed (the call then runs on its own)."""
    try:
        return ("job", fingerprint(fn), fingerprint(args), fingerprint(kwargs), size)
    except TypeError:
        return None


def try_job(fn: Callable, *args: Any, kind: str, **kwargs: Any) -> Any:
    """`run_job(fn, ...)`; on a stop or failure, says why in the visitor's words (`<kind>` is also the
    page's string namespace: `<kind>.errors.<code>`, `<kind>.failed`) and returns None."""
    from ui.errors import report_failure

    try:
        return run_job(fn, *args, kind=kind, **kwargs)
    except Exception as exc:  # noqa: BLE001 - said on the page, never a traceback; earlier results stay
        report_failure(exc, kind)
        return None


def cancelled_note() -> None:
    st.info(t("jobs.cancelled"))


def _say_stopped() -> None:
    """Stop's callback: it runs first in the rerun Stop asks for (of the page, or of the fragment the
    job was drawn in), which cancels the job; the toast says so."""
    st.toast(t("jobs.cancelled"), icon="✋")


__all__ = ["run_job", "start_job", "try_job", "JobCancelled", "cancelled_note", "load_once"]
