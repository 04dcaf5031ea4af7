"""The stocks page's state without AppTest: the shared result cache (thread-safe, one run per key),
CSV uploads parsed once, figures built once per choice, and every label in both languages."""
import threading
import time
from collections import OrderedDict
from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from models.stocks.backtest import BacktestConfig
from models.stocks.series import PriceSeries
from ui import stocks_state as state
from ui.i18n import LANGS
from ui.scheduler import JobCancelled


def _series(n=400, seed=0, name="SYN"):
    close = 50 * np.exp(np.cumsum(np.random.default_rng(seed).normal(0, 0.01, n)))
    return PriceSeries(name, pd.bdate_range("2010-01-01", periods=n), close, "synthetic", "n/a")


def test_cache_is_a_bounded_lru():
    cache = state.ResultCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "a" is now the newest
    cache.put("c", 3)
    assert cache.get("b") is None and cache.get("a") == 1 and cache.get("c") == 3 and len(cache) == 2


def test_concurrent_identical_backtests_compute_once():
    cache, calls, results = state.ResultCache(4), [], []

    def compute():
        calls.append(1)
        time.sleep(0.3)
        return object()

    threads = [threading.Thread(target=lambda: results.append(cache.get_or_compute("k", compute)))
               for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and len({id(r) for r in results}) == 1


def test_a_failed_computation_lets_the_next_waiter_try():
    cache, attempts = state.ResultCache(4), []

    def flaky():
        attempts.append(1)
        time.sleep(0.2)
        if len(attempts) == 1:
            raise RuntimeError("first try fails")
        return "ok"

    errors, results = [], []

    def ask():
        try:
            results.append(cache.get_or_compute("k", flaky))
        except RuntimeError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
        time.sleep(0.05)
    for thread in threads:
        thread.join()
    assert len(errors) == 1 and results == ["ok"] and cache.get("k") == "ok"


def test_waiting_for_an_identical_run_can_be_cancelled():
    cache, started = state.ResultCache(4), threading.Event()

    def slow():
        started.set()
        time.sleep(1.5)
        return "done"

    runner = threading.Thread(target=lambda: cache.get_or_compute("k", slow))
    runner.start()
    started.wait()

    def cancelled():
        raise JobCancelled

    with pytest.raises(JobCancelled):
        cache.get_or_compute("k", lambda: "never", waiting=cancelled)
    runner.join()
    assert cache.get("k") == "done"


def test_run_key_names_data_and_every_setting_a_student_changes():
    config = BacktestConfig()
    a, b = _series(seed=0), _series(seed=1)
    assert state.run_key(a, config) == state.run_key(_series(seed=0), config)
    assert state.run_key(a, config) != state.run_key(b, config)
    for change in ({"window": 10}, {"units": 8}, {"epochs": 3}):
        assert state.run_key(a, config) != state.run_key(a, replace(config, lstm=replace(config.lstm, **change)))


def _upload(data: bytes, name="prices.csv", file_id="f1"):
    return SimpleNamespace(getvalue=lambda: data, name=name, file_id=file_id)


def _csv(n=320):
    close = 20 * np.exp(np.cumsum(np.random.default_rng(4).normal(0, 0.01, n)))
    return pd.DataFrame({"Date": pd.bdate_range("2015-01-01", periods=n).date, "Close": close}).to_csv(index=False)


def test_an_upload_is_parsed_once_and_a_bad_one_keeps_the_good_series(monkeypatch):
    ss = {}
    series, error = state.parsed_upload(ss, _upload(_csv().encode()))
    assert error is None and len(series) == 320 and series.ticker == "prices"
    from models.stocks import csv_input

    monkeypatch.setattr(csv_input, "parse_price_csv", lambda *a: pytest.fail("parsed again"))
    assert state.parsed_upload(ss, _upload(b"ignored")) == (series, None)  # same upload id: not parsed again
    monkeypatch.undo()
    kept, error = state.parsed_upload(ss, _upload(b"Date,Close\n2020-01-01,abc\n", "bad.csv", "f2"))
    assert kept is series and error[0] == "non_numeric" and isinstance(error[1], dict)


def test_built_keeps_each_choice_once_and_stays_bounded():
    item, calls = {"figs": OrderedDict()}, []
    for _ in range(2):
        state.built(item, ("loss", "en"), lambda: calls.append("loss") or "fig")
    assert calls == ["loss"]
    for h in range(state.FIGURES_KEPT + 5):
        state.built(item, ("backtest", "en", h), lambda: "fig")
    assert len(item["figs"]) == state.FIGURES_KEPT


def test_show_replaces_the_view_and_its_figures():
    ss = {}
    state.show(ss, ("k",), "result", fresh=True)
    state.built(state.view(ss), ("loss", "en"), lambda: "fig")
    state.show(ss, ("k2",), "other", fresh=False)
    assert state.view(ss)["result"] == "other" and not state.view(ss)["figs"] and not state.view(ss)["fresh"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_label_is_translated(lang):
    words = state.labels(lang)
    flat = [v for v in words.values() if isinstance(v, str)] + list(words["col"].values()) + \
        list(words["verdict"].values())
    assert all(w and not w.startswith("stocks.") for w in flat)
    assert "{n}" in words["block"]  # a template the loss chart fills per refit


def test_reason_codes_and_progress_are_worded():
    assert state.with_reason({"ticker": "X", "reason": "offline"}, "en")["reason"] == "no network"
    assert state.with_reason({"ticker": "X"}, "en") == {"ticker": "X"}
    p = SimpleNamespace(info={"stage": "lstm", "block": 2, "blocks": 5})
    assert "training the LSTM" in state.progress_words(p, "en") and "2/5" in state.progress_words(p, "en")
    assert state.progress_words(SimpleNamespace(info={}), "ko")
