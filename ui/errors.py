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


def report_failure(exc: BaseException, namespace: str) -> None:
    """Any failure of a page's job, said in the visitor's words: a stop as a note, a coded domain error
    (an exception with `code` and `fmt`, e.g. TeachError) as `<namespace>.errors.<code>`, anything else
    through `show_failure(exc, "<namespace>.failed")`."""
    from ui.jobs import JobCancelled, cancelled_note

    if isinstance(exc, JobCancelled):
        cancelled_note()
    elif isinstance(getattr(exc, "code", None), str) and isinstance(getattr(exc, "fmt", None), dict):
        st.error(t(f"{namespace}.errors.{exc.code}", **exc.fmt))
    else:
        show_failure(exc, f"{namespace}.failed")
