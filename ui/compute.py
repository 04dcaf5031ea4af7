"""Process-wide limits on heavy jobs, so parallel classroom sessions cannot exhaust CPU or memory."""
from __future__ import annotations

import threading

import streamlit as st


@st.cache_resource(show_spinner=False)
def compute_slots(kind: str, size: int = 2) -> threading.Semaphore:
    """One semaphore per kind of job (e.g. "dream", "training"), shared by every session."""
    return threading.Semaphore(size)
