"""One bounded memo (no Streamlit here): build a value once per key, keep the newest few."""
from __future__ import annotations

from collections import OrderedDict
from typing import Any, Callable, Hashable


def memoized(store: OrderedDict, key: Hashable, build: Callable[[], Any], limit: int) -> Any:
    """`build()` once per `key` in `store`, the newest `limit` kept (a figure per result, an answer per input).
    A None result (a job that failed or was stopped, already said on the page) is not kept."""
    if key not in store:
        value = build()
        if value is None:
            return None
        store[key] = value
        while len(store) > limit:
            store.popitem(last=False)
    store.move_to_end(key)
    return store[key]
