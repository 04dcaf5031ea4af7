"""Entry point: Streamlit navigation built from the page registry (the only list of demos)."""
import streamlit as st

from ui.registry import HOME, existing_pages

pages = [st.Page(HOME, url_path="", default=True)]
pages += [st.Page(p.path, url_path=p.url_path) for p in existing_pages()]
st.navigation(pages, position="hidden").run()
