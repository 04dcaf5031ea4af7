"""The one job scheduler every page's heavy call goes through (plain Python: no Streamlit here).

Algorithm
---------
A classroom is thirty students pressing the big button at the same moment on a 2-core server.
Streamlit runs each session's script in its own thread and has no queue, so thirty clicks would
compute at once and all finish late. Instead every heavy call becomes a `Job` in one process-wide
priority queue served by a fixed pool of worker threads:

1. **Bounded workers.** `2 × cores` threads, at most `cores` of them on long jobs. Model work releases
   the interpreter lock inside TensorFlow / onnxruntime / numpy, and those libraries share one thread
   pool sized to the cores (see `limit_math_threads`), so the pool never oversubscribes the CPU.
2. **Short jobs first.** Jobs are ordered by size class ("short": a photo, a melody, a style preset;
   "long": a dream, Gatys, training, a backtest), then by arrival. At most `cores` long jobs run at
   once, so workers are always free for short work; and a running long job steps aside at each of
   its progress reports while short jobs are queued or running (`step_aside`), because every job
   shares the one math thread pool: a dog photo never waits behind five dreams.
3. **Visible and cancellable.** A job knows how many jobs are queued ahead of it, carries the
   progress (and an optional preview) its function reports, and can be cancelled: a queued job is
   dropped, a running one stops at its next progress report (`JobCancelled`).
4. **Pages before model work.** Worker threads run at a lower CPU priority (`WORKER_NICE`) than the
   threads that serve pages (the event loop, each session's script thread), and the math libraries'
   pool threads they start inherit it: a visitor who opens a page while the class's jobs fill both
   cores is drawn first. Mixed waves of 30, alternating runs: a late visitor's home page
   0.09–0.46 s → 0.04–0.11 s, the class's own p95 unchanged (4.2–4.9 against 4.1–5.1 s).
5. **The same request is computed once.** A class told "press Generate" sends thirty identical
   requests (same seed, same example photo, same settings). A job submitted with a `share` key (see
   `fingerprint`) joins a job with the same key that is queued or running (single-flight), or takes
   the result of one that finished among the last `SHARED_KEEP` (LRU); only a deterministic call opts
   in. A shared job is cancelled only when every student waiting on it cancelled, and a failed or
   cancelled one is forgotten, so the next request computes afresh.

Why threads in the server process and not a process pool: measured in README ("Why model work runs
in the server process"): each extra process holds its own TensorFlow and model copies (hundreds of MB
each), and photos, previews and results would be pickled both ways; with Streamlit's per-rerun Keras
clean-up switched off (`ui/streamlit_fixes.py`) the interpreter lock is free while models compute.
"""
from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import heapq
import itertools
import os
import sys
import threading
import time
import types
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable, Hashable

SIZES = ("short", "long")
STEP_ASIDE_MAX_S = 5.0  # a long job never pauses longer than this at one step, however busy the class
WORKER_NICE = 10  # workers' CPU priority below the page-serving threads' 0 (Linux: per thread)
SHARED_KEEP = 32  # finished shared results kept for the next identical request (a melody, a styled photo)
_JOB_NUMBERS = itertools.count(1)


def lower_priority(nice: int) -> None:
    """This thread (and the threads it starts) at CPU priority `nice` (Linux keeps a nice value per
    thread; elsewhere it would apply to the whole process, so nothing is done there)."""
    if sys.platform.startswith("linux") and nice > os.getpriority(os.PRIO_PROCESS, 0):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), nice)
        except OSError:  # pragma: no cover - a container may refuse; the jobs still run
            pass


def cpu_cores() -> int:
    """Cores this process may use (cgroup/affinity aware where the OS says)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class JobCancelled(Exception):
    """Raised inside a job's function at its next progress report once the job was cancelled."""


@dataclass
class Progress:
    done: float = 0.0
    total: float = 1.0
    preview: Any = None  # e.g. a PIL image of the dream so far
    info: dict = field(default_factory=dict)

    @property
    def fraction(self) -> float:
        return min(1.0, self.done / self.total) if self.total else 0.0


class Job:
    """One heavy call. Created by `Scheduler.submit`; the page waits on it and draws its state."""

    def __init__(self, scheduler: "Scheduler", fn: Callable, args: tuple, kwargs: dict, size: str, kind: str):
        self._scheduler = scheduler
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self.size, self.kind = size, kind
        self.number = next(_JOB_NUMBERS)  # unique for the process's life (unlike id(), never reused)
        self.progress = Progress()
        self.submitted = time.perf_counter()
        self.started: float | None = None
        self.finished: float | None = None
        self._done = threading.Event()
        self._cancelled = False
        self._result: Any = None
        self._error: BaseException | None = None
        self.share: Hashable | None = None  # its key among shared jobs, if identical requests may join it
        self.watchers = 1  # students waiting on it (more than one only for a shared job)

    # ---- called by the job's function (worker thread) ----
    def report(self, done: float, total: float, preview: Any = None, **info: Any) -> None:
        """Progress from inside the job; raises `JobCancelled` once somebody cancelled it."""
        if self._cancelled:
            raise JobCancelled
        self.progress = Progress(done, total, preview if preview is not None else self.progress.preview, info)
        if self.size == "long":
            self._scheduler.step_aside()
            if self._cancelled:
                raise JobCancelled

    # ---- called by the page (script thread) ----
    @property
    def state(self) -> str:
        if self._done.is_set():
            return "cancelled" if self._cancelled and self._error is not None else "done"
        return "running" if self.started is not None else "queued"

    def ahead(self) -> int:
        """Jobs before this one: those running now plus those queued to start first (0 once it runs)."""
        return self._scheduler.ahead_of(self)

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    def done(self) -> bool:
        return self._done.is_set()

    def cancel(self) -> None:
        """Drop it from the queue, or stop it at its next `report` when it already runs; a shared job
        only once nobody else waits on it."""
        if self._scheduler.leave(self):
            self._cancelled = True
            self._scheduler.forget(self)

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def result(self) -> Any:
        """The function's return value; re-raises its exception (or `JobCancelled`)."""
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._result

    # ---- called by the scheduler ----
    def _run(self) -> None:
        self.started = time.perf_counter()
        try:
            if self._cancelled:
                raise JobCancelled
            self._result = self._fn(*self._args, **self._kwargs)
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting page, never lost
            self._error = exc
        finally:
            self.finished = time.perf_counter()
            self._fn = self._args = self._kwargs = None  # release the inputs (photos) at once
            if self._error is not None:
                self._scheduler.unshare(self)  # a failure is not an answer for the next student
            self._done.set()

    def _finish_cancelled(self) -> None:
        self._error = JobCancelled()
        self._fn = self._args = self._kwargs = None
        self.finished = time.perf_counter()
        self._done.set()


class Scheduler:
    """A priority queue of `Job`s served by `workers` threads; long jobs capped at `long_limit`."""

    def __init__(self, workers: int | None = None, long_limit: int | None = None):
        cores = cpu_cores()
        self.long_limit = long_limit or cores
        self.workers = workers or self.long_limit + cores
        self._lock = threading.Condition()
        self._queue: list[tuple[int, int, Job]] = []
        self._seq = itertools.count()
        self._running = {"short": 0, "long": 0}
        self._idle_callbacks: list[Callable[[], None]] = []
        self._shared: OrderedDict[Hashable, Job] = OrderedDict()
        self._threads = [threading.Thread(target=self._serve, name=f"job-worker-{i}", daemon=True)
                         for i in range(self.workers)]
        for thread in self._threads:
            thread.start()

    def submit(self, fn: Callable, *args: Any, size: str = "short", kind: str = "job",
               pass_job: bool = False, share: Hashable | None = None, **kwargs: Any) -> Job:
        """Queue `fn(*args, **kwargs)` (with `job=` added when `pass_job`, for progress and cancel).

        With a `share` key, an identical job that is queued, running or among the last finished ones
        is returned instead (its `watchers` counts the students waiting on it)."""
        if size not in SIZES:
            raise ValueError(f"size must be one of {SIZES}, not {size!r}")
        with self._lock:
            if share is not None and (known := self._shared.get(share)) is not None:
                self._shared.move_to_end(share)
                known.watchers += 1
                return known
            job = Job(self, fn, args, kwargs, size, kind)
            if pass_job:
                job._kwargs = {**kwargs, "job": job}
            if share is not None:
                job.share = share
                self._shared[share] = job
                self._trim_shared()
            heapq.heappush(self._queue, (SIZES.index(size), next(self._seq), job))
            self._lock.notify_all()
        return job

    def _trim_shared(self) -> None:
        """Forget the oldest finished shared jobs beyond `SHARED_KEEP` (unfinished ones stay joinable)."""
        finished = [key for key, job in self._shared.items() if job.done()]
        for key in finished[: max(0, len(finished) - SHARED_KEEP)]:
            del self._shared[key]

    def leave(self, job: Job) -> bool:
        """One student stops waiting on `job`; True when nobody waits any more (it may be cancelled)."""
        with self._lock:
            job.watchers = max(0, job.watchers - 1)
            if job.watchers:
                return False
            self._unshare_locked(job)
            return True

    def clear_shared(self) -> None:
        """Forget every kept shared result (tests: each starts from a clean slate)."""
        with self._lock:
            self._shared.clear()

    def unshare(self, job: Job) -> None:
        with self._lock:
            self._unshare_locked(job)

    def _unshare_locked(self, job: Job) -> None:
        if job.share is not None and self._shared.get(job.share) is job:
            del self._shared[job.share]

    def ahead_of(self, job: Job) -> int:
        with self._lock:
            mine = next((entry[:2] for entry in self._queue if entry[2] is job), None)
            if mine is None:
                return 0
            return sum(self._running.values()) + sum(1 for entry in self._queue if entry[:2] < mine)

    def forget(self, job: Job) -> None:
        """Remove a cancelled job that has not started yet."""
        with self._lock:
            for i, entry in enumerate(self._queue):
                if entry[2] is job:
                    self._queue.pop(i)
                    heapq.heapify(self._queue)
                    job._finish_cancelled()
                    self._lock.notify_all()  # a long job stepping aside for it may go on
                    break

    def step_aside(self, most_s: float = STEP_ASIDE_MAX_S) -> None:
        """Called by a long job between its steps: wait while short jobs are queued or running, so a
        photo or a melody gets the whole CPU and never waits behind a dream (at most `most_s`)."""
        with self._lock:
            self._lock.wait_for(lambda: not self._short_work(), timeout=most_s)

    def _short_work(self) -> bool:
        return self._running["short"] > 0 or any(entry[0] == 0 for entry in self._queue)

    def stats(self) -> dict:
        with self._lock:
            return {"queued": len(self._queue), "running": dict(self._running), "workers": self.workers,
                    "long_limit": self.long_limit}

    def when_idle(self, callback: Callable[[], None]) -> None:
        """Run `callback` in a worker whenever the queue empties (e.g. a garbage collection)."""
        self._idle_callbacks.append(callback)

    def _next_job(self) -> Job:
        with self._lock:
            while True:
                runnable = [e for e in self._queue
                            if e[0] == 0 or self._running["long"] < self.long_limit]
                if runnable:
                    entry = min(runnable)
                    self._queue.remove(entry)
                    heapq.heapify(self._queue)
                    self._running[entry[2].size] += 1
                    return entry[2]
                self._lock.wait()

    def _serve(self) -> None:
        lower_priority(WORKER_NICE)
        while True:
            job = self._next_job()
            try:
                job._run()
            finally:
                with self._lock:
                    self._running[job.size] -= 1
                    idle = not self._queue and not any(self._running.values())
                    self._lock.notify_all()
                if idle:
                    for callback in self._idle_callbacks:
                        callback()


def fingerprint(value: Any) -> Hashable:
    """A hashable, content-based key for a job's arguments, or TypeError when one cannot be keyed.

    Numbers, strings and None are themselves; bytes, numpy arrays and PIL images are their sha1 (with
    shape and type); objects with a `digest` (a decoded photo, hashed once when it was decoded) are that
    digest, before any field of theirs; tuples, lists, dicts and dataclasses are keyed field by field;
    functions by where they are defined. Anything else (a live model, a session's cache) raises
    TypeError: such a call is not shared."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return (type(value).__name__, value)
    if isinstance(value, (bytes, bytearray)):
        return ("bytes", hashlib.sha1(value).hexdigest())
    if isinstance(value, (tuple, list)):
        return (type(value).__name__, *(fingerprint(v) for v in value))
    if isinstance(value, dict):
        return ("dict", *sorted((fingerprint(k), fingerprint(v)) for k, v in value.items()))
    if isinstance(getattr(value, "digest", None), str):  # a decoded photo: its file name is not the request
        return ("digest", value.digest)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__qualname__, *(fingerprint(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if type(value).__module__ == "numpy" and hasattr(value, "tobytes"):  # an array or a numpy scalar
        return ("ndarray", str(value.dtype), value.shape, hashlib.sha1(value.tobytes()).hexdigest())
    if hasattr(value, "getim") and hasattr(value, "tobytes"):  # a PIL image
        return ("image", value.mode, value.size, hashlib.sha1(value.tobytes()).hexdigest())
    if isinstance(value, functools.partial):
        return ("partial", fingerprint(value.func), fingerprint(value.args), fingerprint(value.keywords))
    if isinstance(value, types.FunctionType):  # not a bound method: its object's state would be missed
        return ("function", value.__code__.co_filename, value.__qualname__)
    raise TypeError(f"cannot key a {type(value).__name__} argument")


_SCHEDULER: Scheduler | None = None
_SCHEDULER_LOCK = threading.Lock()


def scheduler() -> Scheduler:
    """The process-wide scheduler (created on first use)."""
    global _SCHEDULER
    with _SCHEDULER_LOCK:
        if _SCHEDULER is None:
            _SCHEDULER = Scheduler()
        return _SCHEDULER


def on_download(fn: Callable, *args: Any, kind: str) -> Callable[[], Any]:
    """`fn(*args)` made only when a student presses Download: Streamlit calls this deferred data in its
    own thread, and the work waits in the scheduler queue like every other short job."""
    return functools.partial(_download_job, fn, args, kind)


def _download_job(fn: Callable, args: tuple, kind: str) -> Any:
    return scheduler().submit(fn, *args, size="short", kind=kind).result()


_LOADED: dict[tuple, Any] = {}
_LOADING: dict[tuple, threading.Lock] = {}
_LOADED_LOCK = threading.Lock()


def load_once(fn: Callable) -> Callable:
    """Decorator: a model loader that runs once per process per arguments, thread-safe (any worker).

    Keyed by where the function is defined (file and qualified name), not by the function object:
    a page script defines its functions anew on every rerun, and the model must not be reloaded.
    After a load, the garbage collector is told to leave everything alive so far alone for good
    (`gc.freeze`): a loaded TensorFlow holds ~470,000 objects, and every full collection walked them
    all (≈ 240 ms holding the interpreter lock, so every student waited); frozen, it takes ~1 ms.
    """
    where = (fn.__code__.co_filename, fn.__qualname__)

    @functools.wraps(fn)
    def loader(*args: Any) -> Any:
        key = (*where, *args)
        with _LOADED_LOCK:
            if key in _LOADED:
                return _LOADED[key]
            lock = _LOADING.setdefault(key, threading.Lock())
        with lock:  # one load per key; other keys load in parallel
            if key not in _LOADED:
                value = fn(*args)
                gc.collect()
                gc.freeze()
                with _LOADED_LOCK:
                    _LOADED[key] = value
            return _LOADED[key]

    def cache_clear() -> None:
        with _LOADED_LOCK:
            for key in [k for k in _LOADED if k[:2] == where]:
                del _LOADED[key]

    loader.cache_clear = cache_clear  # type: ignore[attr-defined]
    loader.is_loaded = lambda *args: (*where, *args) in _LOADED  # type: ignore[attr-defined]
    return loader
