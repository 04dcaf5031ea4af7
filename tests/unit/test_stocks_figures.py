"""The results table's verdicts, the charts built from a small real backtest, and the gates diagram."""
import numpy as np
import pandas as pd
import pytest

from models.stocks import figures
from models.stocks.backtest import MODELS, BacktestConfig, run_backtest
from models.stocks.lstm import LstmSettings
from models.stocks.metrics import SIGNIFICANT_P, WORSE_THAN_NAIVE, verdict
from models.stocks.series import PriceSeries
from ui import stocks_state as state

TINY = BacktestConfig(calib=150, blocks=2, lstm=LstmSettings(window=10, units=8, epochs=3, update_epochs=1))


@pytest.mark.parametrize("model,rel,p,expected", [
    ("naive", 1.0, None, "baseline"),
    ("lstm", WORSE_THAN_NAIVE + 0.01, 0.5, "worse"),
    ("lstm", WORSE_THAN_NAIVE, 0.5, "same"),          # the threshold itself is not flagged
    ("arima", 0.9, SIGNIFICANT_P / 2, "better"),
    ("arima", 0.9, SIGNIFICANT_P, "same"),            # not significant
    ("drift", 0.99, None, "same"),
    ("drift", None, None, "same"),
])
def test_verdict_rules(model, rel, p, expected):
    assert verdict(model, {"rel_mae": rel, "dm_p": p}) == expected


@pytest.fixture(scope="module")
def result():
    lp = np.log(100) + np.cumsum(np.random.default_rng(3).normal(0, 0.015, 700))
    series = PriceSeries("SYN", pd.bdate_range("2001-01-01", periods=700), np.exp(lp), "synthetic", "n/a")
    return run_backtest(series, TINY)


def test_every_chart_builds_with_the_given_words(result):
    words = state.labels("en")
    loss = figures.loss_figure(result.loss_history, "LOSS", words)
    assert loss.layout.title.text == "LOSS" and loss.data[0].name == words["train"]
    assert any(a.text == words["block"].format(n=2) for a in loss.layout.annotations)  # the second fit
    back = figures.backtest_figure(result, 5, "BT", words)
    assert [d.name for d in back.data] == [words["actual"]] + [words[m] for m in MODELS]
    assert len(back.data[0].x) == int(result.scored_rows(5).sum())
    bands = figures.bands_figure(result, "lstm", 1, "B", words)
    assert {d.name for d in bands.data} >= {words["band80"], words["band95"], words["lstm"], words["actual"]}
    future = figures.future_figure(result, "F", words)
    assert len(future.data[-1].x) == result.config.h_max
    price = figures.price_figure(result.series, "P", words)
    assert price.layout.xaxis.rangeselector.buttons[-1].label == words["range_all"]


def test_metric_table_uses_the_verdict_rule_and_flags_worse_rows(result):
    words = state.labels("ko")
    styled = figures.metric_table(result, 1, words)
    frame = styled.data
    assert list(frame.columns) == [words["col"][c] for c in figures.TABLE_COLUMNS]
    assert frame[words["col"]["rel"]].iloc[0] == 1.0  # naive ÷ naive
    expected = [words["verdict"][verdict(m, s)] for m, s in result.metrics["1"].items()]
    assert list(frame[words["col"]["verdict"]]) == expected
    html = styled.to_html()
    assert (figures.FLAG_STYLE.split(": ")[1] in html) == any(v == words["verdict"]["worse"] for v in expected)


def test_figures_are_built_once_per_choice_and_language(result):
    ss = {}
    state.show(ss, ("k",), result, fresh=True)
    item = state.view(ss)
    assert state.figure(item, "bands", "en", "lstm", 5) is state.figure(item, "bands", "en", "lstm", 5)
    assert state.figure(item, "bands", "en", "lstm", 5) is not state.figure(item, "bands", "ko", "lstm", 5)
    assert state.figure(item, "table", "en", 20) is state.figure(item, "table", "en", 20)
    assert state.price_figure(ss, result.series, "en") is state.price_figure(ss, result.series, "en")


def test_gates_diagram_quotes_every_label():
    labels = {key: f'say "{key}"\nsecond line \\ done' for _, key, _, _ in figures.GATE_NODES}
    dot = figures.gates_diagram(labels)
    assert dot.startswith("digraph lstm {") and dot.rstrip().endswith("}")
    assert '\\"diagram_forget\\"\\nsecond line \\\\ done' in dot
    assert dot.count("->") == len(figures.GATE_EDGES)
    assert figures.dot_string('a"b') == '"a\\"b"'
