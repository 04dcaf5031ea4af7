"""The stocks page's data section: bundled series, live prices (with a timeout and a fallback) or a
validated CSV upload; its notices; then the price chart and where the data came from. Errors are said, data kept."""
from __future__ import annotations

import streamlit as st

from models.stocks import bundled, live
from ui import stocks_state as state
from ui.i18n import josa, t
from ui.image_input import uploader
from ui.plots import chart


def pick_series(lang: str):
    """The series the user chose, or None; errors are shown here and earlier data is kept."""
    kind = st.segmented_control(t("stocks.data.source"), ["bundled", "live", "csv"], default="bundled",
                                format_func=lambda k: t(f"stocks.data.{k}", lang), key="stocks_source") or "bundled"
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
                    st.session_state.stocks_live = live.load_live(symbol)
                except live.LiveDataError as exc:
                    details = state.with_reason(exc.details, lang)
                    st.error(t(f"stocks.live_error.{exc.code}", **details,
                               neun=josa(str(details.get("ticker", "")), "은/는")))
        return st.session_state.get("stocks_live")
    upload = uploader(t("stocks.data.csv_label"), 20 * 2**20, type=["csv", "txt"], help=t("stocks.data.csv_help"),
                      key="stocks_upload")
    ss = st.session_state
    series, error = state.parsed_upload(ss, upload) if upload is not None else (ss.get("stocks_csv"), None)
    if error:
        st.error(f"{t('stocks.csv_error.prefix')} {t(f'stocks.csv_error.{error[0]}', **error[1])}")
    return series


def show_notices(series, lang: str) -> None:
    """What is odd about the data (unsorted rows, gaps, a fallback), said right where it was picked."""
    for code, details in series.notices:
        st.warning(t(f"stocks.notice.{code}", **state.with_reason(details, lang)))


def show_series(series, lang: str) -> None:
    chart(state.price_figure(st.session_state, series, lang), key="stocks_price")
    st.caption(t("stocks.data.summary", n=f"{len(series):,}", first=series.dates[0].date(),
                 last=series.dates[-1].date()) + " " +
               t("stocks.data.source_line", **state.source_words(series, lang)))
