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
