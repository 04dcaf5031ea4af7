"""Dynamic batching (ui/batching.py): a lone request runs at once; requests that arrive during a pass
go through the next pass together; each gets its own results; a failing pass fails only its bad input."""
import threading
import time

import pytest

from ui.batching import Batcher


def wait_until_waiting(batcher: Batcher, n: int) -> None:
    """Until `n` requests queue behind the running pass (the pass is long: they all arrive during it)."""
    deadline = time.monotonic() + 5
    while len(batcher._waiting) < n and time.monotonic() < deadline:
        time.sleep(0.005)
    assert len(batcher._waiting) == n


def slow_double(calls: list, started: threading.Event | None = None, seconds: float = 0.5):
    def run(items):
        calls.append(list(items))
        if started is not None:
            started.set()
        time.sleep(seconds)
        if "bad" in items:
            raise ValueError("bad photo")
        return [2 * x for x in items]
    return run


def test_a_lone_request_runs_at_once_alone():
    calls = []
    batcher = Batcher(slow_double(calls, seconds=0.0))
    assert batcher([1, 2]) == [2, 4] and calls == [[1, 2]]


def test_requests_arriving_during_a_pass_share_the_next_one():
    calls, started = [], threading.Event()
    batcher = Batcher(slow_double(calls, started), max_items=8)
    results = {}

    def student(n):
        results[n] = batcher([n])

    first = threading.Thread(target=student, args=(0,))
    first.start()
    started.wait(5)
    others = [threading.Thread(target=student, args=(n,)) for n in range(1, 6)]
    for t in others:
        t.start()
    wait_until_waiting(batcher, 5)  # all five wait while the first pass runs
    for t in [first, *others]:
        t.join(10)
    assert results == {n: [2 * n] for n in range(6)}  # each student gets their own photo's result
    assert calls[0] == [0] and sorted(calls[1]) == [1, 2, 3, 4, 5] and len(calls) == 2
    assert batcher.passes[-2:] == [1, 5]


def test_a_pass_holds_at_most_max_items_oldest_first():
    calls, started = [], threading.Event()
    batcher = Batcher(slow_double(calls, started, seconds=0.3), max_items=3)
    threads = [threading.Thread(target=batcher, args=([0],))]
    threads[0].start()
    started.wait(5)
    for n in range(1, 6):
        threads.append(threading.Thread(target=batcher, args=([n],)))
        threads[-1].start()
        wait_until_waiting(batcher, n)  # in this order
    for t in threads:
        t.join(10)
    assert [len(c) for c in calls] == [1, 3, 2] and calls[1] == [1, 2, 3]


def test_a_failing_pass_fails_only_the_bad_request():
    calls, started = [], threading.Event()
    batcher = Batcher(slow_double(calls, started))
    outcome = {}

    def student(name, items):
        try:
            outcome[name] = batcher(items)
        except ValueError as exc:
            outcome[name] = str(exc)

    first = threading.Thread(target=student, args=("first", [1]))
    first.start()
    started.wait(5)
    rest = [threading.Thread(target=student, args=(name, items)) for name, items in (("ok", [3]), ("bad", ["bad"]))]
    for t in rest:
        t.start()
        wait_until_waiting(batcher, rest.index(t) + 1)
    for t in [first, *rest]:
        t.join(10)
    assert outcome == {"first": [2], "ok": [6], "bad": "bad photo"}


def test_a_lone_failure_is_raised_to_its_caller():
    batcher = Batcher(slow_double([], seconds=0.0))
    with pytest.raises(ValueError, match="bad photo"):
        batcher(["bad"])
    assert batcher([4]) == [8]  # the batcher is free again
