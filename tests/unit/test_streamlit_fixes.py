"""The guarded override of Streamlit's per-run Keras reset: fails the day Streamlit's internals change."""
import sys
import types

import pytest
from streamlit.testing.v1 import AppTest

from ui import streamlit_fixes
from ui.registry import ROOT


def test_pinned_streamlit_still_has_the_hook_we_replace():
    from streamlit.runtime.scriptrunner import script_runner

    streamlit_fixes.check_hook(script_runner)


def test_guard_refuses_a_changed_hook(tmp_path, monkeypatch):
    """A script_runner whose hook no longer clears Keras (or is no longer called) is refused."""
    import importlib

    monkeypatch.syspath_prepend(str(tmp_path))
    variants = {
        "runner_renamed": "def _clean_modules():\n    keras.backend.clear_session()\n\ndef other():\n    pass\n",
        "runner_no_keras": "def _clean_problem_modules():\n    pass\n\ndef run():\n    _log_if_error(_clean_problem_modules)\n",
        "runner_not_called": "def _clean_problem_modules():\n    keras.backend.clear_session()\n\ndef run():\n    pass\n",
    }
    for name, source in variants.items():
        (tmp_path / f"{name}.py").write_text("import keras\n" + source)
        with pytest.raises(streamlit_fixes.StreamlitChanged):
            streamlit_fixes.check_hook(importlib.import_module(name))


def test_runner_config_turns_off_post_script_gc_and_error_details():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["runner"]["postScriptGC"] is False
    assert config["client"]["showErrorDetails"] == "none"


def test_a_script_run_no_longer_clears_the_keras_session(monkeypatch):
    """Run the home page twice with a counting stand-in for keras in sys.modules."""
    cleared = []
    fake_keras = types.SimpleNamespace(backend=types.SimpleNamespace(clear_session=lambda: cleared.append(1)))
    monkeypatch.setitem(sys.modules, "keras", fake_keras)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.run()
    assert not at.exception
    assert cleared == []


def test_idle_collection_waits_until_the_queue_stayed_empty(monkeypatch):
    """A class's burst empties the queue between two jobs: no full collection then, one once it stays empty."""
    import gc
    import threading
    import time

    from ui.scheduler import Scheduler
    from ui.streamlit_fixes import collect_garbage_when_idle

    collections = []
    monkeypatch.setattr(gc, "collect", lambda *a: collections.append(time.monotonic()))
    s = Scheduler(workers=1, long_limit=1)
    collect_garbage_when_idle(s, quiet_s=0.3, every_s=0.0)
    s.submit(lambda: None).result()  # the queue empties: a collection is armed, not run
    time.sleep(0.1)
    release = threading.Event()
    busy = s.submit(release.wait, 5)  # the next job of the burst arrives within quiet_s
    time.sleep(0.4)
    assert collections == []  # the armed check found a job running
    release.set()
    busy.result()
    time.sleep(0.6)
    assert len(collections) == 1


def test_the_server_runs_on_uvloop_and_httptools():
    """Pinned in requirements.txt; Streamlit takes uvloop's loop factory and uvicorn httptools' parser
    when importable (README "A whole class at once"). Fails if either is dropped or no longer picked up."""
    from streamlit.web import bootstrap
    from uvicorn.config import Config

    factory = bootstrap._get_uvloop_loop_factory()
    assert factory is not None and type(factory()).__module__.startswith("uvloop")
    config = Config(app=lambda *a: None, http="auto")
    config.load()
    assert "httptools" in config.http_protocol_class.__module__


def test_pinned_streamlit_still_picks_the_pages_directory_mode_by_its_flag(tmp_path, monkeypatch):
    """`leave_pages_directory_mode` turns off a class attribute the script runner reads each run."""
    import importlib

    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import script_runner

    streamlit_fixes.check_pages_directory_mode(script_runner)
    monkeypatch.setattr(PagesManager, "uses_pages_directory", True)
    assert streamlit_fixes.leave_pages_directory_mode() is True
    assert PagesManager.uses_pages_directory is False and streamlit_fixes.leave_pages_directory_mode() is False
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "runner_v2_only.py").write_text("def run(code):\n    exec(code)\n")
    with pytest.raises(streamlit_fixes.StreamlitChanged):
        streamlit_fixes.check_pages_directory_mode(importlib.import_module("runner_v2_only"))


def test_young_collections_come_every_twenty_thousand_allocations_the_older_ones_as_before():
    import gc

    from ui.streamlit_fixes import YOUNG_GC_THRESHOLD, collect_young_less_often

    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)  # Python's defaults (`install` may have run in this process already)
        collect_young_less_often()
        assert gc.get_threshold() == (YOUNG_GC_THRESHOLD, 10, 10) and YOUNG_GC_THRESHOLD > 700
    finally:
        gc.set_threshold(*before)


def test_a_click_inside_a_fragment_waits_for_the_run_and_we_see_it_waiting():
    """Why `rerun_waiting` exists: the pinned Streamlit queues a fragment's rerun behind the run in
    progress (no interruption at the next yield point); the day it interrupts, this test says so."""
    from streamlit.runtime.scriptrunner_utils.script_requests import RerunData, ScriptRequests

    requests = ScriptRequests()
    assert not streamlit_fixes.click_waiting(requests)
    assert requests.request_rerun(RerunData(fragment_id="tab"))
    assert requests.on_scriptrunner_yield() is None  # the run in progress goes on...
    assert streamlit_fixes.click_waiting(requests)  # ...and run_job sees the click and cancels its job


def test_a_full_page_click_waits_too_but_a_run_every_tick_is_not_a_click():
    from streamlit.runtime.scriptrunner_utils.script_requests import RerunData, ScriptRequests

    full = ScriptRequests()
    full.request_rerun(RerunData())
    assert streamlit_fixes.click_waiting(full)
    tick = ScriptRequests()
    tick.request_rerun(RerunData(fragment_id="live", is_auto_rerun=True))
    assert not streamlit_fixes.click_waiting(tick)
    assert not streamlit_fixes.rerun_waiting()  # outside a script run
