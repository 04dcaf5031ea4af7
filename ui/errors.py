"""One way to report a failed job on any page: translated, specific for missing weights, page kept alive."""
from __future__ import annotations

import streamlit as st

from ui.i18n import t


def show_failure(exc: Exception, failed_key: str = "common.misc.error_generic") -> None:
    """Missing weight packages get the fix; anything else `failed_key` (formatted with `error`)."""
    from models.common.weights import WeightsError

    if isinstance(exc, WeightsError):
        st.error(t("common.misc.weights_missing", error=exc))
    else:
        st.error(t(failed_key, error=f"{type(exc).__name__}: {exc}"))
