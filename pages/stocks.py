"""Stock forecasting, honestly: an LSTM on log-returns backtested against naive, drift and ARIMA."""
import streamlit as st

from ui.compute import compute_slots
from ui.errors import show_failure
from ui.page import setup_page

lang = setup_page("stocks")

from collections import OrderedDict  # noqa: E402
from dataclasses import replace  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import plotly.graph_objects as go  # noqa: E402

from models.stocks import bundled, live  # noqa: E402
from models.stocks.backtest import MODELS, BacktestConfig, TooShortError  # noqa: E402
from models.stocks.csv_input import CsvError, parse_price_csv  # noqa: E402
from models.stocks.lstm import LstmSettings  # noqa: E402
from ui.i18n import t, tl  # noqa: E402

ss = st.session_state
COLORS = {"actual": "#222222", "naive": "#7f7f7f", "drift": "#bcbd22", "arima": "#1f77b4", "lstm": "#d62728"}
STORE_SIZE = 12


@st.cache_resource(show_spinner=False)
def result_store() -> OrderedDict:
    """Finished backtests shared by every visitor, keyed by data fingerprint + settings."""
    return OrderedDict()


def model_name(m: str) -> str:
    return t(f"stocks.results.model_{m}", lang)  # explicit lang: also used as a widget format_func


# ---------- 1 · data ----------
def pick_series():
    """The series the user chose, or None; errors are shown here and earlier data is kept."""
    kinds = ["bundled", "live", "csv"]
    kind = st.segmented_control(t("stocks.data.source"), kinds, format_func=lambda k: t(f"stocks.data.{k}", lang),
                                default="bundled", key="stocks_source") or "bundled"
    if kind == "bundled":
        ticker = st.selectbox(t("stocks.data.ticker"), bundled.TICKERS, key="stocks_ticker",
                              format_func=lambda k: t(f"stocks.data.names.{k}", lang))
        return bundled.load_bundled(ticker)
    if kind == "live":
        col1, col2 = st.columns([3, 1], vertical_alignment="bottom")
        symbol = col1.text_input(t("stocks.data.live_ticker"), value="AMZN", key="stocks_live_ticker", max_chars=20)
        if col2.button(t("stocks.data.live_button"), key="stocks_live_fetch"):
            with st.spinner(t("stocks.data.live_fetching")):
                try:
                    ss.stocks_live = live.load_live(symbol)
                except live.LiveDataError as exc:
                    details = {**exc.details, "reason": t(f"stocks.reason.{exc.details.get('reason', 'offline')}")}
                    st.error(t(f"stocks.live_error.{exc.code}", **details))
        return ss.get("stocks_live")
    upload = st.file_uploader(t("stocks.data.csv_label"), type=["csv", "txt"], help=t("stocks.data.csv_help"),
                              key="stocks_upload", max_upload_size=20)
    if upload is not None:
        try:
            ss.stocks_csv = parse_price_csv(upload.getvalue(), upload.name)
        except CsvError as exc:
            st.error(f"{t('stocks.csv_error.prefix')} {t(f'stocks.csv_error.{exc.code}', **exc.details)}")
    return ss.get("stocks_csv")


def show_notices(series) -> None:
    for code, details in series.notices:
        if "reason" in details:
            details = {**details, "reason": t(f"stocks.reason.{details['reason']}")}
        st.warning(t(f"stocks.notice.{code}", **details))


def price_figure(series) -> go.Figure:
    fig = go.Figure(go.Scatter(x=series.dates, y=series.close, line_color=COLORS["lstm"], name=series.ticker))
    buttons = [dict(count=1, label="1M", step="month", stepmode="backward"),
               dict(count=6, label="6M", step="month", stepmode="backward"),
               dict(count=1, label="1Y", step="year", stepmode="backward"),
               dict(count=5, label="5Y", step="year", stepmode="backward"),
               dict(step="all", label=t("stocks.data.range_all"))]
    fig.update_xaxes(rangeselector=dict(buttons=buttons), rangeslider=dict(visible=True, thickness=0.08))
    fig.update_layout(title=t("stocks.data.chart_title", ticker=series.ticker), height=420,
                      margin=dict(t=60, b=10, l=10, r=10), yaxis_title="$" if series.licence != "uploaded" else None)
    return fig


def source_line(series) -> None:
    st.caption(t("stocks.data.summary", n=f"{len(series):,}", first=series.dates[0].date(),
                 last=series.dates[-1].date()) + " " +
               t("stocks.data.source_line", source=series.source, licence=series.licence))


# ---------- 2 · training ----------
def loss_figure(history: list[dict]) -> go.Figure:
    fig = go.Figure()
    x = [e["epoch"] for e in history]
    fig.add_scatter(x=x, y=[e["loss"] for e in history], name=t("stocks.loss.train"), mode="lines+markers",
                    line_color="#1f77b4")
    fig.add_scatter(x=x, y=[e["val_loss"] for e in history], name=t("stocks.loss.val"), mode="lines+markers",
                    line_color="#ff7f0e")
    for prev, cur in zip(history, history[1:]):
        if cur["block"] != prev["block"]:
            fig.add_vline(x=cur["epoch"] - 0.5, line_dash="dot", line_color="#999",
                          annotation_text=t("stocks.loss.block", n=cur["block"]), annotation_position="top left")
    fig.update_layout(title=t("stocks.loss.title"), height=300, xaxis_title=t("stocks.loss.epoch"),
                      margin=dict(t=50, b=10, l=10, r=10), legend=dict(orientation="h", y=-0.3))
    return fig


def settings_form() -> BacktestConfig:
    st.markdown(t("stocks.settings.explain"))
    c1, c2, c3 = st.columns(3)
    window = c1.slider(t("stocks.settings.window"), 10, 90, 30, 5, key="stocks_window",
                       help=t("stocks.settings.window_help"))
    units = c2.select_slider(t("stocks.settings.units"), [8, 16, 24, 32, 48, 64], 24, key="stocks_units",
                             help=t("stocks.settings.units_help"))
    epochs = c3.slider(t("stocks.settings.epochs"), 3, 40, 15, key="stocks_epochs",
                       help=t("stocks.settings.epochs_help"))
    return BacktestConfig(lstm=replace(LstmSettings(), window=window, units=units, epochs=epochs))


def run_key(series, config: BacktestConfig) -> tuple:
    s = config.lstm
    return series.fingerprint(), config.horizons, s.window, s.units, s.epochs


def train(series, config: BacktestConfig) -> None:
    from models.stocks.backtest import run_backtest

    bar = st.progress(0.0)
    chart = st.empty()

    def on_progress(event: dict) -> None:
        bar.progress(event["fraction"], text=t("stocks.settings.running", stage=t(f"stocks.settings.stage_{event['stage']}"),
                                               block=event["block"], blocks=event["blocks"]))
        if event["stage"] == "lstm":
            chart.plotly_chart(loss_figure(event["history"]), key=f"stocks_live_loss_{len(event['history'])}")

    try:
        with compute_slots("stocks", 2):
            result = run_backtest(series, config, on_progress)
    except TooShortError as exc:
        st.error(t("stocks.settings.too_short", detail=str(exc)))
        return
    except Exception as exc:  # noqa: BLE001 - keep the page and earlier results alive
        show_failure(exc)
        return
    finally:
        bar.empty()
        chart.empty()
    store = result_store()
    store[run_key(series, config)] = result
    while len(store) > STORE_SIZE:
        store.popitem(last=False)
    ss.stocks_result = result
    ss.stocks_fresh = True


# ---------- 3 · results ----------
def add_bands(fig: go.Figure, x, band) -> None:
    """Shaded 95 % and 80 % bands; `band(level)` gives (lo, hi) along x."""
    for level, alpha in ((95, 0.15), (80, 0.3)):
        lo, hi = band(level)
        fig.add_scatter(x=x, y=hi, line_width=0, showlegend=False, hoverinfo="skip")
        fig.add_scatter(x=x, y=lo, line_width=0, fill="tonexty", name=t(f"stocks.bands.band{level}"),
                        fillcolor=f"rgba(214,39,40,{alpha})")


def backtest_figure(result, h: int) -> go.Figure:
    rows = result.scored_rows(h)
    target = result.origins[rows] + h
    x = result.series.dates[target]
    fig = go.Figure()
    fig.add_scatter(x=x, y=result.series.close[target], name=t("stocks.results.actual"),
                    line=dict(color=COLORS["actual"], width=2.5))
    for m in MODELS:
        fig.add_scatter(x=x, y=result.price_forecast(m, h)[rows], name=model_name(m),
                        line=dict(color=COLORS[m], width=1.3, dash="dot" if m == "naive" else "solid"))
    fig.update_layout(title=t("stocks.results.backtest_title", h=h), height=430, hovermode="x unified",
                      margin=dict(t=50, b=10, l=10, r=10), legend=dict(orientation="h", y=-0.15))
    return fig


def verdict(m: str, s: dict) -> str:
    if m == "naive":
        return t("stocks.results.verdict_baseline")
    if s["rel_mae"] is not None and s["rel_mae"] > 1.05:
        return t("stocks.results.verdict_worse")
    if s["rel_mae"] is not None and s["rel_mae"] < 1 and s["dm_p"] is not None and s["dm_p"] < 0.05:
        return t("stocks.results.verdict_better")
    return t("stocks.results.verdict_same")


def metric_table(result, h: int) -> pd.DataFrame:
    rows = []
    for m, s in result.metrics[str(h)].items():
        rows.append({t("stocks.results.col_model"): model_name(m), t("stocks.results.col_mae"): s["mae"],
                     t("stocks.results.col_rmse"): s["rmse"], t("stocks.results.col_mape"): s["mape"],
                     t("stocks.results.col_rel"): s["rel_mae"], t("stocks.results.col_dir"): s["dir_acc"],
                     t("stocks.results.col_dm"): s["dm_p"], t("stocks.results.col_verdict"): verdict(m, s)})
    return pd.DataFrame(rows)


def show_table(result, h: int) -> None:
    frame = metric_table(result, h)
    rel, verdict_col = t("stocks.results.col_rel"), t("stocks.results.col_verdict")
    flagged = frame[rel] > 1.05
    styled = frame.style.format({t("stocks.results.col_mae"): "{:.2f}", t("stocks.results.col_rmse"): "{:.2f}",
                                 t("stocks.results.col_mape"): "{:.2f}", rel: "{:.3f}",
                                 t("stocks.results.col_dir"): "{:.1%}", t("stocks.results.col_dm"): "{:.3f}"},
                                na_rep="—")
    styled = styled.apply(lambda col: ["background-color: #fde2e1" if f else "" for f in flagged],
                          subset=[rel, verdict_col])
    st.dataframe(styled, hide_index=True, width="stretch", placeholder="—", key=f"stocks_table_{h}")
    st.caption(t("stocks.results.table_help", test=result.test_points))
    st.info(t("stocks.results.up_rate", rate=result.up_rate[str(h)], h=h))


def bands_figure(result, model: str, h: int) -> go.Figure:
    rows = result.scored_rows(h)
    target = result.origins[rows] + h
    x = result.series.dates[target]
    fig = go.Figure()
    add_bands(fig, x, lambda level: [edge[rows] for edge in result.band(model, level, h)])
    fig.add_scatter(x=x, y=result.price_forecast(model, h)[rows], name=model_name(model),
                    line=dict(color=COLORS[model], width=1.2))
    fig.add_scatter(x=x, y=result.series.close[target], name=t("stocks.results.actual"),
                    line=dict(color=COLORS["actual"], width=2))
    fig.update_layout(title=t("stocks.bands.title", model=model_name(model), h=h), height=430,
                      margin=dict(t=50, b=10, l=10, r=10), legend=dict(orientation="h", y=-0.15))
    return fig


def future_figure(result) -> go.Figure:
    series, n = result.series, result.config.h_max
    past = slice(max(0, len(series) - 120), len(series))
    dates = pd.bdate_range(series.dates[-1] + pd.Timedelta(days=1), periods=n)
    fig = go.Figure()
    fig.add_scatter(x=series.dates[past], y=series.close[past], name=t("stocks.future.history"),
                    line=dict(color=COLORS["actual"], width=2))
    add_bands(fig, dates, lambda level: result.future_band("lstm", level))
    for m in MODELS:
        fig.add_scatter(x=dates, y=series.close[-1] * np.exp(result.future[m]), name=model_name(m),
                        line=dict(color=COLORS[m], width=1.5, dash="dot" if m == "naive" else "solid"))
    fig.update_layout(title=t("stocks.future.title", n=n), height=420, margin=dict(t=50, b=10, l=10, r=10),
                      legend=dict(orientation="h", y=-0.15))
    return fig


def show_results(result) -> None:
    st.header(t("stocks.results.header"))
    st.plotly_chart(loss_figure(result.loss_history), key="stocks_loss")
    horizons = list(result.config.horizons)
    h = st.segmented_control(t("stocks.results.horizon"), horizons, default=horizons[0], key="stocks_h",
                             format_func=lambda v: t("stocks.results.horizon_fmt", lang, h=v)) or horizons[0]
    st.plotly_chart(backtest_figure(result, h), key="stocks_backtest")
    show_table(result, h)
    model = st.segmented_control(t("stocks.bands.model"), list(MODELS), default="lstm", key="stocks_band_model",
                                 format_func=model_name) or "lstm"
    st.plotly_chart(bands_figure(result, model, h), key="stocks_bands")
    cov = result.coverage[model]
    st.markdown(t("stocks.bands.coverage", c80=cov["80"][str(h)], c95=cov["95"][str(h)]))
    st.caption(t("stocks.bands.explain"))
    st.plotly_chart(future_figure(result), key="stocks_future")
    st.caption(t("stocks.future.explain"))
    st.warning(f"{t('common.misc.not_advice')} {t('stocks.advice')}")


# ---------- explainers ----------
def gates_diagram() -> str:
    q = lambda key: t(f"stocks.gates.{key}").replace('"', "'").replace("\n", "\\n")  # noqa: E731
    return f"""digraph lstm {{
  rankdir=LR; node [shape=box, style="rounded,filled", fillcolor="#f5f5f5", fontname="NanumGothic"];
  x [label="{q('diagram_input')}", fillcolor="#e8f0fe"]; hp [label="{q('diagram_prev')}", fillcolor="#e8f0fe"];
  f [label="{q('diagram_forget')}", fillcolor="#fde2e1"]; i [label="{q('diagram_in')}", fillcolor="#e6f4ea"];
  g [label="{q('diagram_candidate')}"]; o [label="{q('diagram_out')}", fillcolor="#fef7e0"];
  cp [label="{q('diagram_cell_old')}", shape=note]; c [label="{q('diagram_cell')}", shape=note, fillcolor="#fff"];
  h [label="{q('diagram_h')}", fillcolor="#e8f0fe"];
  {{x hp}} -> {{f i g o}}; cp -> c; f -> c; i -> c; g -> c; c -> h; o -> h;
}}"""


def explainers() -> None:
    with st.expander(t("stocks.gates.title")):
        for line in tl("stocks.gates.body"):
            st.markdown(f"- {line}")
        st.graphviz_chart(gates_diagram())
    with st.expander(t("stocks.naive.title")):
        for line in tl("stocks.naive.body"):
            st.markdown(f"- {line}")


# ---------- page ----------
st.title(f"📈 {t('stocks.title')}")
st.markdown(t("stocks.intro"))
st.caption(f"⚠️ {t('common.misc.not_advice')} {t('stocks.advice')}")
explainers()

st.header(t("stocks.data.header"))
series = pick_series()
if series is None:
    st.info(t("stocks.data.pick_first"))
else:
    show_notices(series)
    st.plotly_chart(price_figure(series), key="stocks_price")
    source_line(series)

    st.header(t("stocks.settings.header"))
    config = settings_form()
    key = run_key(series, config)
    if st.button(t("stocks.settings.button"), type="primary", key="stocks_run"):
        train(series, config)
    cached = result_store().get(key)
    if cached is not None and ss.get("stocks_result") is not cached:
        ss.stocks_result, ss.stocks_fresh = cached, False
        st.caption(t("stocks.settings.from_cache"))

result = ss.get("stocks_result")
if result is not None:
    lstm = result.config.lstm
    if series is None or key != run_key(result.series, result.config):
        st.info(t("stocks.settings.stale", ticker=result.series.ticker, window=lstm.window, units=lstm.units,
                  epochs=lstm.epochs))
    elif ss.get("stocks_fresh"):
        st.success(t("stocks.settings.done", seconds=result.seconds, blocks=result.config.blocks + 1,
                     test=result.test_points, epochs=len(result.loss_history)))
    show_results(result)
