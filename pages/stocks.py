"""Stock forecasting, honestly: an LSTM on log-returns backtested against naive, drift and ARIMA."""
from dataclasses import replace

import streamlit as st

from models.stocks import figures
from models.stocks.backtest import MODELS, BacktestConfig, TooShortError
from models.stocks.lstm import LstmSettings
from models.stocks.metrics import SIGNIFICANT_P, WORSE_THAN_NAIVE, verdict
from ui import stocks_state as state
from ui.errors import show_failure
from ui.i18n import josa, t, tl
from ui.jobs import JobCancelled, cancelled_note, run_job
from ui.page import setup_page
from ui.stocks_data import pick_series, show_notices, show_series
from ui.plots import chart, table

lang = setup_page("stocks")
ss = st.session_state


def model_name(m: str) -> str:
    return t(f"stocks.results.model_{m}", lang)  # explicit lang: also used as a widget format_func


def settings_form() -> BacktestConfig:
    """The three LSTM settings, folded away: the defaults work, so the button comes right after."""
    c1, c2, c3 = st.expander(t("stocks.settings.change")).columns(3)
    window = c1.slider(t("stocks.settings.window"), 10, 90, 30, 5, key="stocks_window",
                       help=t("stocks.settings.window_help"))
    units = c2.select_slider(t("stocks.settings.units"), [8, 16, 24, 32, 48, 64], 24, key="stocks_units",
                             help=t("stocks.settings.units_help"))
    epochs = c3.slider(t("stocks.settings.epochs"), 3, 40, 15, key="stocks_epochs",
                       help=t("stocks.settings.epochs_help"))
    return BacktestConfig(lstm=replace(LstmSettings(), window=window, units=units, epochs=epochs))


def train(series, config: BacktestConfig, key: tuple) -> None:
    try:
        result = run_job(state.backtest_job, series, config, size="long", kind="stocks", progress=True,
                         progress_text=lambda p: state.progress_words(p, lang),
                         preview=lambda h: chart(state.loss_preview(h, lang), key=f"stocks_loss_{len(h)}"))
    except JobCancelled:
        cancelled_note()
    except TooShortError as exc:
        st.error(t("stocks.settings.too_short", detail=str(exc)))
    except Exception as exc:  # noqa: BLE001 - keep the page and earlier results alive
        show_failure(exc, "stocks.failed")
    else:
        state.show(ss, key, result, fresh=True)


def result_chart(item: dict, name: str, *choice) -> None:
    chart(state.figure(item, name, lang, *choice), key=f"stocks_{name}")


@st.fragment
def show_results(item: dict) -> None:
    """Horizon and band choices rerun only this part; each chart is built once per choice and language."""
    result = item["result"]
    horizons = list(result.config.horizons)
    h = st.segmented_control(t("stocks.results.horizon"), horizons, default=horizons[0], key="stocks_h",
                             format_func=lambda v: t("stocks.results.horizon_fmt", lang, h=v)) or horizons[0]
    lstm_scores = result.metrics[str(h)]["lstm"]
    if lstm_scores.get("rel_mae") is not None:  # one plain sentence first (the table is in the expander)
        rel = lstm_scores["rel_mae"]
        st.markdown(t(f"stocks.results.plain_{verdict('lstm', lstm_scores)}", h=h, ratio=rel, pct=abs(rel - 1)))
    st.caption(t("stocks.results.plain_chart"))
    result_chart(item, "backtest", h)
    with st.expander(t("stocks.results.details")):
        table(state.figure(item, "table", lang, h), hide_index=True, width="stretch", placeholder="—",
                     key=f"stocks_table_{h}")
        st.caption(t("stocks.results.table_help", test=result.test_points,
                     worse=round((WORSE_THAN_NAIVE - 1) * 100), p=SIGNIFICANT_P))
        st.info(t("stocks.results.up_rate", rate=result.up_rate[str(h)], h=h))
        model = st.segmented_control(t("stocks.bands.model"), list(MODELS), default="lstm",
                                     key="stocks_band_model", format_func=model_name) or "lstm"
        result_chart(item, "bands", model, h)
        cov = result.coverage[model]
        st.markdown(t("stocks.bands.coverage", c80=cov["80"][str(h)], c95=cov["95"][str(h)]))
        st.caption(t("stocks.bands.explain"))
        result_chart(item, "loss")
    result_chart(item, "future")
    st.caption(t("stocks.future.explain"))


st.title(f"📈 {t('stocks.title')}")
st.markdown(t("stocks.intro"))
st.caption(f"⚠️ {t('common.misc.not_advice')} {t('stocks.advice')}")
with st.expander(t("stocks.gates.title")):
    st.markdown("\n".join(f"- {line}" for line in tl("stocks.gates.body")))
    st.graphviz_chart(figures.gates_diagram({k: t(f"stocks.gates.{k}") for _, k, _, _ in figures.GATE_NODES}))
with st.expander(t("stocks.naive.title")):
    st.markdown("\n".join(f"- {line}" for line in tl("stocks.naive.body")))

st.header(t("stocks.data.header"))
series, key = pick_series(lang), None
if series is None:
    st.info(t("stocks.data.pick_first"))
else:  # the button before the ~450 px price chart (which follows it), so a phone reaches it
    show_notices(series, lang)
    st.header(t("stocks.settings.header"))
    st.markdown(t("stocks.settings.explain"))
    config = settings_form()
    key = state.run_key(series, config)
    cached = state.RESULTS.get(key)
    if st.button(t("stocks.settings.button"), type="primary", key="stocks_run") and cached is None:
        train(series, config, key)
    elif cached is not None and (state.view(ss) or {}).get("result") is not cached:
        state.show(ss, key, cached, fresh=False)
        st.caption(t("stocks.settings.from_cache"))

item = state.view(ss)
if item is not None:
    result, lstm = item["result"], item["result"].config.lstm
    if key != item["key"]:  # without usable data there is no button to press: say what to do instead
        st.info(t("stocks.settings.stale" if series is not None else "stocks.settings.stale_no_data",
                  ticker=result.series.ticker, window=lstm.window, units=lstm.units, epochs=lstm.epochs,
                  ro=josa(str(lstm.epochs), "으로/로")))
    elif item["fresh"]:
        st.success(t("stocks.settings.done", seconds=result.seconds, blocks=result.config.blocks + 1,
                     test=result.test_points, epochs=len(result.loss_history)))
if series is not None:
    show_series(series, lang)
if item is not None:
    st.header(t("stocks.results.header"))
    show_results(item)
    st.warning(f"{t('common.misc.not_advice')} {t('stocks.advice')}")
