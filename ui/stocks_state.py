"""What the stocks page keeps: finished backtests for every visitor, and one session's view of a result.

`RESULTS` is a process-wide, lock-guarded LRU of finished backtests keyed by data fingerprint and
settings: a class that runs the default GOOG backtest trains it once. Identical backtests started
at the same time train once too: the second waits for the first (`ResultCache.get_or_compute`).
Nothing here calls Streamlit; session state is passed in as a mapping.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from functools import lru_cache
from typing import Any, Callable, Hashable, MutableMapping

from ui.i18n import t
from ui.memo import memoized

RESULTS_KEPT = 12   # finished backtests the server keeps for every visitor
FIGURES_KEPT = 16   # built charts/tables one session keeps for its current result
WAIT_POLL_S = 0.5


class ResultCache:
    """A thread-safe LRU; `get_or_compute` runs `compute` once per key even when asked concurrently."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._busy: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def get(self, key: Hashable) -> Any:
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key]

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any], waiting: Callable[[], None] = lambda: None):
        """The cached value, else `compute()` (stored). While another thread computes the same key this
        waits for it, calling `waiting()` every poll (a job's progress report, so Cancel still works);
        if that computation fails, this one tries itself."""
        while True:
            with self._lock:
                if key in self._items:
                    self._items.move_to_end(key)
                    return self._items[key]
                running = self._busy.get(key)
                if running is None:
                    running = self._busy[key] = threading.Event()
                    break
            running.wait(WAIT_POLL_S)
            waiting()
        try:
            value = compute()
            self.put(key, value)
            return value
        finally:
            with self._lock:
                self._busy.pop(key).set()


RESULTS = ResultCache(RESULTS_KEPT)


def run_key(series, config) -> tuple:
    """What makes two backtests the same: the data and every setting the page lets a student change."""
    s = config.lstm
    return series.fingerprint(), config.horizons, s.window, s.units, s.epochs


def backtest_job(series, config, progress: Callable) -> Any:
    """Scheduler job: the backtest (or the cached/concurrent one), reporting each LSTM epoch.

    `progress(done, total, preview=loss history so far, stage=, block=, blocks=)`; it raises
    `JobCancelled` once the student cancels, which stops the training at the next epoch.
    """
    from models.stocks.backtest import run_backtest

    def report(event: dict) -> None:
        history = list(event["history"]) if event["stage"] == "lstm" else None  # a new list: a new preview
        progress(event["fraction"], 1.0, preview=history, stage=event["stage"], block=event["block"],
                 blocks=event["blocks"])

    return RESULTS.get_or_compute(run_key(series, config), lambda: run_backtest(series, config, report),
                                  waiting=lambda: progress(0, 1.0))


def show(ss: MutableMapping, key: tuple, result, fresh: bool) -> None:
    """Make `result` the one this session looks at; its figures are built anew for it."""
    ss["stocks_view"] = {"key": key, "result": result, "fresh": fresh, "figs": OrderedDict()}


def view(ss: MutableMapping) -> dict | None:
    return ss.get("stocks_view")


def built(item: dict, key: tuple, build: Callable[[], Any]) -> Any:
    """`build()` once per `key` (chart name, horizon, model, language …) for this result; newest kept."""
    return memoized(item["figs"], key, build, FIGURES_KEPT)


LABEL_KEYS = ("results.actual", "bands.band80", "bands.band95", "loss.train", "loss.val", "loss.epoch",
              "loss.block", "data.range_all", "future.history")


@lru_cache(maxsize=None)
def labels(lang: str) -> dict:
    """Every word the charts and the table draw, in `lang` (the figures take them as an argument)."""
    from models.stocks.backtest import MODELS
    from models.stocks.figures import TABLE_COLUMNS
    from models.stocks.metrics import VERDICTS

    return {**{k.split(".")[1]: t(f"stocks.{k}", lang) for k in LABEL_KEYS},
            **{m: t(f"stocks.results.model_{m}", lang) for m in MODELS},
            "col": {c: t(f"stocks.results.col_{c}", lang) for c in TABLE_COLUMNS},
            "verdict": {v: t(f"stocks.results.verdict_{v}", lang) for v in VERDICTS}}


def _build(result, name: str, lang: str, *choice):
    from models.stocks import figures

    words = labels(lang)
    if name == "loss":
        return figures.loss_figure(result.loss_history, t("stocks.loss.title", lang), words)
    if name == "table":
        return figures.metric_table(result, *choice, words)
    if name == "backtest":
        return dated(figures.backtest_figure(result, *choice, t("stocks.results.backtest_title", lang, h=choice[0]),
                                             words), lang)
    if name == "bands":
        model, h = choice
        return dated(figures.bands_figure(result, model, h, t("stocks.bands.title", lang, model=words[model], h=h),
                                          words), lang)
    if name == "future":
        return dated(figures.future_figure(result, t("stocks.future.title", lang, n=result.config.h_max), words),
                     lang)
    raise KeyError(name)


def figure(item: dict, name: str, lang: str, *choice) -> Any:
    """Chart (or table) `name` of this session's result: loss, backtest (h), table (h), bands (model, h),
    future; built once per choice and language, then kept with the result."""
    return built(item, (name, lang, *choice), lambda: _build(item["result"], name, lang, *choice))


def source_words(series, lang: str) -> dict:
    """`source` and `licence` of the data line, in words (an uploaded CSV has codes, not names)."""
    from models.stocks.csv_input import CSV_LICENCE

    if series.licence == CSV_LICENCE:
        return {"source": series.source, "licence": t("stocks.data.licence_uploaded", lang)}
    return {"source": series.source, "licence": series.licence}


KOREAN_DATES = dict(  # Plotly writes "Jul 2011" whatever the page language; Korean readers get 2011년 7월
    tickformatstops=[dict(dtickrange=[None, 86_400_000 * 27], value="%-m월 %-d일<br>%Y년"),
                     dict(dtickrange=[86_400_000 * 27, 86_400_000 * 360], value="%Y년 %-m월"),
                     dict(dtickrange=[86_400_000 * 360, None], value="%Y년")],
    hoverformat="%Y년 %-m월 %-d일")


KOREAN_RANGES = {"1M": "1개월", "6M": "6개월", "1Y": "1년", "5Y": "5년"}


def dated(fig, lang: str):
    """`fig` with Korean date ticks and hover dates in Korean mode (its x axis holds dates)."""
    if lang == "ko":
        fig.update_xaxes(**KOREAN_DATES)
        selector = fig.layout.xaxis.rangeselector
        if selector and selector.buttons:  # the price chart's 1M / 6M / 1Y / 5Y
            fig.update_xaxes(rangeselector_buttons=[
                {**b.to_plotly_json(), "label": KOREAN_RANGES.get(b.label, b.label)} for b in selector.buttons])
    return fig


def with_reason(details: dict, lang: str) -> dict:
    """A data notice's or error's details with its `reason` code in words."""
    return {**details, "reason": t(f"stocks.reason.{details['reason']}", lang)} if "reason" in details else details


def progress_words(p, lang: str) -> str:
    """The backtest's progress bar text, from what `backtest_job` reports."""
    stage = t(f"stocks.settings.stage_{p.info.get('stage', 'fit')}", lang)
    return t("stocks.settings.running", lang, stage=stage, block=p.info.get("block", 1), blocks=p.info.get("blocks", 1))


def loss_preview(history: list, lang: str):
    """The loss curve drawn live while the LSTM trains (a new figure per epoch, shown once)."""
    from models.stocks import figures

    return figures.loss_figure(history, t("stocks.loss.title", lang), labels(lang))


def price_figure(ss: MutableMapping, series, lang: str):
    """The price chart of `series`, built once per series and language (the newest one kept)."""
    from models.stocks import figures

    key = (series.fingerprint(), lang)
    if ss.get("stocks_price_fig", (None,))[0] != key:
        title = t("stocks.data.chart_title", lang, ticker=series.ticker)
        ss["stocks_price_fig"] = (key, dated(figures.price_figure(series, title, labels(lang)), lang))
    return ss["stocks_price_fig"][1]


def parsed_upload(ss: MutableMapping, upload) -> tuple[Any, tuple | None]:
    """(series, error) for an uploaded CSV, parsed once per upload (not on every rerun); a good series
    stays after a bad file. The error is plain data, (code, details), not an exception."""
    from models.stocks.csv_input import CsvError, parse_price_csv

    if ss.get("stocks_csv_id") != upload.file_id:
        ss["stocks_csv_id"], ss["stocks_csv_error"] = upload.file_id, None
        try:
            ss["stocks_csv"] = parse_price_csv(upload.getvalue(), upload.name)
        except CsvError as exc:
            ss["stocks_csv_error"] = (exc.code, exc.details)
    return ss.get("stocks_csv"), ss.get("stocks_csv_error")
