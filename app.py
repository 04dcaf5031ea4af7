"""Entry point: Streamlit navigation built from the page registry (the only list of demos).

The sidebar's links are Streamlit's own navigation, titled in the visitor's language: one message per
script run, where sixteen `st.page_link`s were sixteen elements resent on every rerun of every page.

An unexpected error on a page is logged on the server with its traceback and shown to the student
as one translated sentence (`client.showErrorDetails = "none"` hides Streamlit's own details too).
Tests set SHOWCASE_RAISE=1 to see the real exception instead.
"""
import logging
import os

import streamlit as st

from ui.i18n import t
from ui.page import init_language
from ui.registry import HOME, existing_pages

lang = init_language()
pages = [st.Page(HOME, title=t("common.nav.home", lang=lang), icon="🏠", url_path="", default=True)]
pages += [st.Page(p.path, title=t(f"{p.key}.title", lang=lang), icon=p.icon, url_path=p.url_path)
          for p in existing_pages()]
try:
    st.navigation(pages, position="sidebar", expanded=True).run()
except Exception:  # noqa: BLE001 - no traceback reaches a browser
    if os.environ.get("SHOWCASE_RAISE") == "1":
        raise
    logging.getLogger("showcase").exception("unexpected error on a page")
    st.error(t("common.misc.unexpected"))
