"""ui/jobs.py without a browser: a job a button's on_click starts is the one its page then waits for."""
import uuid

import pytest

from tests.unit.test_scheduler import blocker
from ui import jobs


@pytest.fixture
def session(monkeypatch):
    """A plain dict stands in for `st.session_state` (no script run needed for a job that ends quickly)."""
    state: dict = {}
    monkeypatch.setattr(jobs.st, "session_state", state)
    return state


def test_a_job_started_on_click_is_taken_over_by_the_page(session):
    fn, started, release = blocker()
    request = uuid.uuid4().hex  # nothing shared from another test answers it
    jobs.start_job(fn, request, kind="test")
    assert started.wait(5)  # it runs before the page gets to ask for it
    job = session[jobs.STARTED][1]
    release.set()
    assert jobs.run_job(fn, request, kind="test", share=True) == request
    assert jobs.STARTED not in session
    assert job.watchers == 1  # taken over, not joined: the page's Stop still cancels it


def test_a_started_job_for_another_request_waits_for_the_next_click(session):
    slow, _, release_slow = blocker()
    quick, _, release_quick = blocker()
    jobs.start_job(slow, uuid.uuid4().hex, kind="test")
    first = session[jobs.STARTED][1]
    other = uuid.uuid4().hex
    release_quick.set()
    assert jobs.run_job(quick, other, kind="test", share=True) == other  # another call of the run: left alone
    assert session[jobs.STARTED][1] is first and not first.cancelled
    jobs.start_job(quick, uuid.uuid4().hex, kind="test")  # the next click cancels what nobody asked for
    assert first.cancelled and session[jobs.STARTED][1] is not first
    release_slow.set()
