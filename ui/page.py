"""Page setup every script calls first: language, presentation mode, translated sidebar."""
from __future__ import annotations

import sys

import streamlit as st

from ui.i18n import LANGS, lang_from_locale, t
from ui.preload import start_preload
from ui.registry import existing_pages
from ui.streamlit_fixes import install as install_classroom_fixes
from ui.streamlit_fixes import leave_pages_directory_mode

# Every page, always: Korean wraps at word boundaries (never "쇼케이/스"); on phones the style page's
# 26-picture grid gives way to its dropdown so the button stays within two screen heights; each uploader
# says its limit in its label (ui/image_input.uploader), so Streamlit's English "Limit … per file" is hidden.
BASE_CSS = """
<style>
.stApp, .stApp * { word-break: keep-all; overflow-wrap: break-word; }
@media (max-width: 640px) {
  .st-key-style_grid { display: none; }
  .stApp h1 { font-size: 2rem; } .stApp h2 { font-size: 1.6rem; } .stApp h3 { font-size: 1.3rem; }
}
[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }
</style>
"""

# Projector (1920x1080 from the back of a room): no visible text under 20 px. `max(20px, 1em)` lifts
# every small text (captions, labels, widgets, tables drawn as HTML) to at least 20 px and keeps larger
# text (headings, metrics) as large as its parent; charts get their fonts from ui/plots.py.
PRESENT_CSS = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
.stApp *:not(h1, h2, h3, h1 *, h2 *, h3 *, svg, svg *) { font-size: max(22px, 1em) !important; }
.stApp h1, .stApp h1 * { font-size: 3rem !important; } .stApp h2, .stApp h2 * { font-size: 2.3rem !important; }
.stApp h3, .stApp h3 * { font-size: 1.8rem !important; }
.stApp [data-testid="stMetricValue"], .stApp [data-testid="stMetricValue"] * { font-size: 2.6rem !important; }
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], footer,
[data-testid="stStatusWidget"] ~ div, #MainMenu { visibility: hidden; }
.block-container { padding-top: 1.5rem; max-width: 100%; }
[data-testid="stImage"] img { max-height: 85vh; object-fit: contain; }
</style>
"""


def init_language() -> str:
    """Language: URL `?lang=` first, else the browser locale; the selector keeps it in the URL."""
    if "lang" not in st.session_state:
        from_url = st.query_params.get("lang")
        st.session_state["lang"] = from_url if from_url in LANGS else lang_from_locale(st.context.locale)
    return st.session_state["lang"]


def _init_presentation() -> bool:
    if "present" not in st.session_state:
        st.session_state["present"] = st.query_params.get("present") in ("1", "true", "True")
    return st.session_state["present"]


def _sync_present_param() -> None:
    if st.session_state.get("present"):
        st.query_params["present"] = "1"
    elif "present" in st.query_params:
        del st.query_params["present"]


def _device_line() -> None:
    """Show the compute device without importing TensorFlow on pages that have not loaded it."""
    if "tensorflow" in sys.modules or st.session_state.get("_device_checked"):
        st.caption(t("common.sidebar.device", device=_cached_device()))
    elif st.button(t("common.sidebar.check_device"), key="_check_device"):
        st.session_state["_device_checked"] = True
        st.rerun()


@st.cache_resource(show_spinner=False)
def _cached_device() -> str:
    from models.common.device import compute_device

    return compute_device()


def _sidebar() -> None:
    with st.sidebar:  # below Streamlit's own page links (app.py)
        st.segmented_control(
            t("common.sidebar.language"), list(LANGS), key="lang", bind="query-params", required=True
        )
        st.toggle(t("common.sidebar.present"), key="present", on_change=_sync_present_param)
        st.caption(t("common.sidebar.present_help"))
        st.divider()
        _device_line()


def setup_page(key: str) -> str:
    """Call first in every page script (`key` = string namespace, 'home' for the home page). Returns lang."""
    install_classroom_fixes()
    start_preload()  # SHOWCASE_PRELOAD=1: the heaviest demos' models load in the background
    # The server's first visitor came straight to a demo page: load it again, through app.py's navigation
    # (only on a session's first run, a page load: a rerun would drop a click).
    if leave_pages_directory_mode() and "lang" not in st.session_state:
        st.rerun()
    init_language()
    present = _init_presentation()
    icon = next((p.icon for p in existing_pages() if p.key == key), "🧠")
    st.set_page_config(
        page_title=f"{t(f'{key}.title')} · {t('common.app_name')}",
        page_icon=icon,
        layout="wide" if present or key != "home" else "centered",
        initial_sidebar_state="collapsed" if present else "auto",
    )
    st.html(BASE_CSS)  # style only: goes to the event container, takes no room on the page
    if present:
        st.markdown(PRESENT_CSS, unsafe_allow_html=True)
    _sidebar()
    return st.session_state["lang"]
