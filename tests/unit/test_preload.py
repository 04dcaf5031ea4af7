"""ui/preload.py: with SHOWCASE_PRELOAD=1 the first page starts one background thread that calls each loader
once per process (a failing loader is logged and the others still load); without it nothing loads."""
import sys
import threading
import types

import pytest

from ui import preload


@pytest.fixture
def loaders(monkeypatch):
    calls = []

    def boom():
        calls.append("boom")
        raise RuntimeError("weights missing")

    module = types.SimpleNamespace(first=lambda: calls.append("first"), boom=boom, last=lambda: calls.append("last"))
    monkeypatch.setitem(sys.modules, "fake_loaders", module)
    monkeypatch.setattr(preload, "_STARTED", threading.Event())
    return calls


def test_off_unless_asked(loaders, monkeypatch):
    monkeypatch.delenv(preload.ENV, raising=False)
    assert preload.start_preload(("fake_loaders:first",)) is None
    assert loaders == []


def test_loads_every_model_once_per_process_in_the_background(loaders, monkeypatch, caplog):
    monkeypatch.setenv(preload.ENV, "1")
    thread = preload.start_preload(("fake_loaders:first", "fake_loaders:boom", "fake_loaders:last"), delay_s=0.01)
    assert thread is not None and thread.daemon
    thread.join(5)
    assert loaders == ["first", "boom", "last"]
    assert "preloading fake_loaders:boom failed" in caplog.text
    assert preload.start_preload(("fake_loaders:first",)) is None  # a second page starts nothing
    assert loaders == ["first", "boom", "last"]


def test_the_loaders_exist():
    import importlib

    for spec in preload.LOADERS:
        module, name = spec.split(":")
        assert callable(getattr(importlib.import_module(module), name))
