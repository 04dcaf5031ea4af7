"""Results a visitor made live in session state, newest first, so reruns and errors never lose them."""
from __future__ import annotations

from collections import OrderedDict
from typing import Any, Callable, Hashable

import streamlit as st


def keep_newest(key: str, item: dict, limit: int) -> list[dict]:
    """Put `item` first in `st.session_state[key]` and drop the oldest beyond `limit`."""
    results = st.session_state.setdefault(key, [])
    results.insert(0, item)
    del results[limit:]
    return results


def remembered(store_key: str, fingerprint: Hashable, compute: Callable[[], Any], limit: int = 4) -> Any:
    """`compute()` once per `fingerprint` in this session (the newest `limit` kept in `store_key`):
    a rerun that changed nothing about the input recomputes and re-encodes nothing. A None result (a job
    that failed or was stopped, already said on the page) is not kept, so the next rerun tries again."""
    store: OrderedDict = st.session_state.setdefault(store_key, OrderedDict())
    if fingerprint not in store:
        value = compute()
        if value is None:
            return None
        store[fingerprint] = value
        while len(store) > limit:
            store.popitem(last=False)
    store.move_to_end(fingerprint)
    return store[fingerprint]
