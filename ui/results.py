"""Results a visitor made live in session state, newest first, so reruns and errors never lose them."""
from __future__ import annotations

import streamlit as st


def keep_newest(key: str, item: dict, limit: int) -> list[dict]:
    """Put `item` first in `st.session_state[key]` and drop the oldest beyond `limit`."""
    results = st.session_state.setdefault(key, [])
    results.insert(0, item)
    del results[limit:]
    return results
