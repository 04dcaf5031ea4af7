"""Requests from different students that arrive while a network is busy go through it as one batch.

Thirty students uploading a photo at once send thirty one-photo jobs. One forward pass over several
photos costs less per photo than one pass each (the dog networks: 28 ms of CPU a photo in a batch of
8, 39 ms alone, measured in-process), and on two cores CPU is what a class wave runs out of. This is
the dynamic batching model servers do, without their timer: the first request runs at once, alone, so
a student alone never waits for company; requests that arrive while a pass runs wait for it and go
through the next pass together (oldest first, at most `max_items` items a pass). The thread of a
waiting request runs that next pass itself, so no extra thread is needed and every request's own
scheduler job stays the one that computes or waits for it.

Each request gets its own items' results, in order. If a pass fails, its requests run again one by
one, so one bad photo fails only its own student.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Callable


@dataclass
class _Request:
    items: list
    done: bool = False
    result: list = field(default_factory=list)
    error: BaseException | None = None


class Batcher:
    """`batcher(items) -> run_batch(items)`, computed together with whatever other requests wait."""

    def __init__(self, run_batch: Callable[[list], list], max_items: int = 8):
        self.run_batch, self.max_items = run_batch, max_items
        self._cond = threading.Condition()
        self._waiting: list[_Request] = []
        self._busy = False
        self.passes: list[int] = []  # requests per pass, newest last (bounded): what the tests check

    def __call__(self, items: list) -> list:
        request = _Request(list(items))
        with self._cond:
            self._waiting.append(request)
            while not request.done:
                if self._busy:
                    self._cond.wait()
                    continue
                self._busy, group = True, self._take()
                self._cond.release()
                try:
                    self._run(group)
                finally:
                    self._cond.acquire()
                    self._busy = False
                    self._cond.notify_all()
        if request.error is not None:
            raise request.error
        return request.result

    def _take(self) -> list[_Request]:
        """The oldest waiting requests, up to `max_items` items (always at least one request)."""
        group, count = [], 0
        while self._waiting and (not group or count + len(self._waiting[0].items) <= self.max_items):
            request = self._waiting.pop(0)
            group.append(request)
            count += len(request.items)
        self.passes = (self.passes + [len(group)])[-64:]
        return group

    def _run(self, group: list[_Request]) -> None:
        try:
            results = self.run_batch([item for r in group for item in r.items])
            start = 0
            for r in group:
                r.result, start = list(results[start:start + len(r.items)]), start + len(r.items)
        except Exception as exc:  # noqa: BLE001 - one request's bad input must not fail the others
            if len(group) == 1:
                group[0].error = exc
            else:
                for r in group:
                    self._run([r])
                return
        for r in group:
            r.done = True

