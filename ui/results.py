"""Results a visitor made live in session state, newest first, so reruns and errors never lose them."""
from __future__ import annotations

from collections import OrderedDict
from typing import Any, Callable, Hashable

import streamlit as st

from ui.memo import memoized


def keep_newest(key: str, item: dict, limit: int) -> list[dict]:
    """Put `item` first in `st.session_state[key]` and drop the oldest beyond `limit`."""
    results = st.session_state.setdefault(key, [])
    results.insert(0, item)
    del results[limit:]
    return results


def remembered(store_key: str, fingerprint: Hashable, compute: Callable[[], Any], limit: int = 4) -> Any:
    """`compute()` once per `fingerprint` in this session (kept in `st.session_state[store_key]`):
    a rerun that changed nothing about the input recomputes and re-encodes nothing."""
    return memoized(st.session_state.setdefault(store_key, OrderedDict()), fingerprint, compute, limit)
