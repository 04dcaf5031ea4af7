"""The shared job scheduler: bounded workers, short jobs first, long jobs capped, queue position, cancel."""
import threading
import time

import pytest

from ui.scheduler import JobCancelled, Scheduler, load_once


def blocker():
    """A job function that runs until its event is set (and records that it started)."""
    started, release = threading.Event(), threading.Event()

    def fn(value=None):
        started.set()
        assert release.wait(10)
        return value

    return fn, started, release


def test_result_and_exception_come_back():
    s = Scheduler(workers=2, long_limit=1)
    assert s.submit(lambda a, b: a + b, 2, 3).result() == 5
    job = s.submit(lambda: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        job.result()


def test_never_more_jobs_at_once_than_workers():
    s = Scheduler(workers=2, long_limit=1)
    running, peak, lock = [0], [0], threading.Lock()

    def work():
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.02)
        with lock:
            running[0] -= 1

    jobs = [s.submit(work) for _ in range(12)]
    for job in jobs:
        job.result()
    assert peak[0] == 2


def test_short_job_overtakes_queued_long_jobs_and_long_jobs_are_capped():
    s = Scheduler(workers=2, long_limit=1)
    fn, started, release = blocker()
    first_long = s.submit(fn, "dream 1", size="long")
    assert started.wait(5)
    waiting_long = s.submit(lambda: "dream 2", size="long")
    time.sleep(0.1)
    assert waiting_long.state == "queued"  # the second worker stays free for short work
    photo = s.submit(lambda: "dog photo", size="short")
    assert photo.result() == "dog photo" and waiting_long.state == "queued"
    release.set()
    assert first_long.result() == "dream 1" and waiting_long.result() == "dream 2"


def test_queue_position_counts_running_and_earlier_jobs():
    s = Scheduler(workers=1, long_limit=1)
    fn, started, release = blocker()
    running = s.submit(fn, size="long")
    assert started.wait(5)
    second = s.submit(lambda: 2, size="long")
    third = s.submit(lambda: 3, size="long")
    short = s.submit(lambda: 0, size="short")
    assert (second.ahead(), third.ahead(), short.ahead()) == (2, 3, 1)  # the short one goes first
    release.set()
    assert [j.result() for j in (running, second, third, short)] == [None, 2, 3, 0]
    assert third.ahead() == 0


def test_cancel_drops_a_queued_job_and_stops_a_running_one_at_its_next_report():
    s = Scheduler(workers=1, long_limit=1)
    steps = []

    def loop(job):
        for i in range(1000):
            steps.append(i)
            job.report(i, 1000)
            time.sleep(0.005)
        return "finished"

    running = s.submit(loop, size="long", pass_job=True)
    queued = s.submit(lambda: "never", size="long")
    time.sleep(0.05)
    queued.cancel()
    running.cancel()
    with pytest.raises(JobCancelled):
        running.result()
    with pytest.raises(JobCancelled):
        queued.result()
    assert len(steps) < 1000
    assert s.stats()["queued"] == 0


def test_progress_keeps_the_last_preview():
    s = Scheduler(workers=1)

    def loop(job):
        job.report(1, 3, preview="picture 1")
        job.report(2, 3)
        return job.progress

    progress = s.submit(loop, pass_job=True).result()
    assert (progress.done, progress.fraction, progress.preview) == (2, 2 / 3, "picture 1")


def test_finished_job_releases_its_inputs():
    s = Scheduler(workers=1)
    photo = bytearray(10_000)
    job = s.submit(len, photo)
    assert job.result() == 10_000
    assert job._args is None and job._fn is None


def test_idle_callback_runs_when_the_queue_empties():
    s = Scheduler(workers=2)
    idle = threading.Event()
    s.when_idle(idle.set)
    s.submit(lambda: None).result()
    assert idle.wait(5)


def test_unknown_size_is_refused():
    with pytest.raises(ValueError):
        Scheduler(workers=1).submit(lambda: None, size="huge")


def test_load_once_runs_the_loader_once_across_threads():
    calls = []

    @load_once
    def loader(name):
        calls.append(name)
        time.sleep(0.05)
        return object()

    results = []
    threads = [threading.Thread(target=lambda: results.append(loader("vgg"))) for _ in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert calls == ["vgg"] and len({id(r) for r in results}) == 1


def test_load_once_survives_a_page_rerun_that_defines_the_loader_again():
    """A page script runs from the top on every rerun: its decorated loader is a new function each time."""
    calls = []
    source = "@load_once\ndef dog_models():\n    calls.append(1)\n    return object()\n"
    first, second = {"load_once": load_once, "calls": calls}, {"load_once": load_once, "calls": calls}
    exec(compile(source, "pages/fake_page.py", "exec"), first)
    exec(compile(source, "pages/fake_page.py", "exec"), second)
    assert first["dog_models"]() is second["dog_models"]() and calls == [1]
    assert second["dog_models"].is_loaded()
    second["dog_models"].cache_clear()
    assert not first["dog_models"].is_loaded()


def test_a_running_long_job_steps_aside_while_short_work_is_waiting():
    """Long jobs pause at their progress reports while a short job is queued or running."""
    s = Scheduler(workers=2, long_limit=1)
    fn, started, release = blocker()
    steps, short_done = [], threading.Event()

    def dream(job):
        for i in range(200):
            job.report(i, 200)
            steps.append((i, short_done.is_set()))
            time.sleep(0.002)
        return len(steps)

    long_job = s.submit(dream, size="long", pass_job=True)
    time.sleep(0.05)
    short = s.submit(fn, "photo", size="short")
    assert started.wait(5)
    paused_at = len(steps)
    time.sleep(0.1)
    assert len(steps) <= paused_at + 1  # the dream waits while the photo is worked on
    release.set()
    assert short.result() == "photo"
    short_done.set()
    assert long_job.result() == 200
