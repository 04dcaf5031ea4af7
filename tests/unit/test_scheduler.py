"""The shared job scheduler: bounded workers, short jobs first, long jobs capped, queue position, cancel."""
import os
import sys
import threading
import time

import pytest

from ui.scheduler import SHARED_KEEP, JobCancelled, Scheduler, fingerprint, load_once, on_download


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


def test_identical_requests_share_one_job_and_its_result():
    s = Scheduler(workers=4, long_limit=2)
    fn, started, release = blocker()
    calls = []

    def counted(value):
        calls.append(value)
        return fn(value)

    first = s.submit(counted, "melody", share=("generate", 42))
    assert started.wait(5)
    second = s.submit(counted, "melody", share=("generate", 42))  # joins the running job
    other = s.submit(lambda: "other seed", share=("generate", 7))
    assert second is first and first.watchers == 2
    release.set()
    assert second.result() == "melody" and other.result() == "other seed"
    later = s.submit(counted, "melody", share=("generate", 42))  # finished: the kept result, at once
    assert later is first and later.done()
    assert calls == ["melody"]


def test_a_shared_job_is_cancelled_only_when_nobody_waits_and_a_failure_is_not_kept():
    s = Scheduler(workers=1, long_limit=1)

    def loop(job):
        for i in range(400):
            job.report(i, 400)
            time.sleep(0.005)
        return "done"

    a = s.submit(loop, size="long", pass_job=True, share="dream")
    b = s.submit(loop, size="long", pass_job=True, share="dream")
    a.cancel()  # one student left; the other still waits
    assert not a.cancelled and b.result() == "done"
    c = s.submit(loop, size="long", pass_job=True, share="dream")  # the kept result
    assert c is a
    failing = s.submit(lambda: 1 / 0, share="broken")
    with pytest.raises(ZeroDivisionError):
        failing.result()
    assert s.submit(lambda: "fixed", share="broken").result() == "fixed"  # computed afresh
    d = s.submit(loop, size="long", pass_job=True, share="walk")
    d.cancel()
    with pytest.raises(JobCancelled):
        d.result()
    assert s.submit(lambda: "new", share="walk").result() == "new"


def test_finished_shared_results_are_bounded():
    s = Scheduler(workers=2, long_limit=1)
    jobs = [s.submit(lambda i=i: i, share=("n", i)) for i in range(SHARED_KEEP + 10)]
    for job in jobs:
        job.result()
    s.submit(lambda: None, share="one more").result()  # trimming happens on submit
    assert len(s._shared) <= SHARED_KEEP + 1
    assert s.submit(lambda: "again", share=("n", 0)).result() == "again"  # the oldest was forgotten


def test_fingerprint_keys_content_not_identity():
    import numpy as np
    from PIL import Image

    assert fingerprint((1, "a", np.arange(3))) == fingerprint((1, "a", np.arange(3)))
    assert fingerprint(np.arange(3)) != fingerprint(np.arange(3).astype(np.float32))
    red, blue = Image.new("RGB", (4, 4), "red"), Image.new("RGB", (4, 4), "blue")
    assert fingerprint(red) == fingerprint(Image.new("RGB", (4, 4), "red")) != fingerprint(blue)
    assert fingerprint({"b": 1, "a": 2}) == fingerprint({"a": 2, "b": 1})
    with pytest.raises(TypeError):
        fingerprint(object())

    class Holder:
        def method(self):
            return self

    with pytest.raises(TypeError):  # a bound method carries its object's state: never keyed by code alone
        fingerprint(Holder().method)


def test_a_decoded_photo_is_keyed_by_its_digest_not_its_name_nor_hashed_again(monkeypatch):
    """The dog page passes `LoadedImage`s: two students' copies of one photo are one request, keyed by the
    digest computed when it was decoded (the pixels are not hashed again per job)."""
    from PIL import Image

    from models.common.images import LoadedImage

    red = LoadedImage("a.jpg", Image.new("RGB", (4, 4), "red"), "RGB", "JPEG")
    same = LoadedImage("b.jpg", Image.new("RGB", (4, 4), "red"), "RGB", "PNG")
    blue = LoadedImage("a.jpg", Image.new("RGB", (4, 4), "blue"), "RGB", "JPEG")
    assert fingerprint([red]) == fingerprint([same]) != fingerprint([blue])
    monkeypatch.setattr(Image.Image, "tobytes", lambda *a, **k: pytest.fail("pixels hashed again"))
    assert fingerprint(red) == ("digest", red.digest)


def test_a_download_is_made_on_its_click_in_a_scheduler_worker():
    """Deferred download data (PNG, MIDI, WAV): nothing runs until Streamlit calls it, then a worker runs it."""
    calls = []

    def encode(x):
        calls.append(threading.current_thread().name)
        return x * 2

    data = on_download(encode, 21, kind="style")
    assert calls == []
    assert data() == 42 and data() == 42
    assert len(calls) == 2 and all(name.startswith("job-worker") for name in calls)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a nice value per thread is Linux's")
def test_workers_and_the_threads_they_start_run_below_the_page_threads():
    from ui.scheduler import WORKER_NICE

    def priorities():
        seen = []
        child = threading.Thread(target=lambda: seen.append(os.getpriority(os.PRIO_PROCESS, 0)))
        child.start()
        child.join()
        return os.getpriority(os.PRIO_PROCESS, 0), seen[0]

    page = os.getpriority(os.PRIO_PROCESS, 0)
    worker, started_by_worker = Scheduler(workers=1).submit(priorities).result()
    assert worker == started_by_worker == max(WORKER_NICE, page)
    assert os.getpriority(os.PRIO_PROCESS, 0) == page  # this (page) thread is left as it was
