"""Export and import of a taught model (pose and sound pages): a `.keras` download built once per
training, and an import box that loads weights into our own architecture (the page's `import_job`)."""
from __future__ import annotations

from typing import Callable

import streamlit as st

from models.teachable.small_export import MAX_BYTES as MAX_MODEL_BYTES
from ui.i18n import t
from ui.image_input import uploader
from ui.jobs import run_job


def export_button(kind: str, result: dict | None, export_job: Callable, file_name: str) -> None:
    """Download the trained model; the file is built once per training and kept with the result."""
    if not result:
        return
    if "export" not in result:
        result["export"] = run_job(export_job, result["taught"].model, kind=kind)
    st.download_button(t(f"{kind}.export.button"), result["export"], file_name, key=f"{kind}_export")


def import_box(kind: str, import_job: Callable) -> None:
    """A `.keras` file → `st.session_state["<kind>_model"]`, once per uploaded file; a bad file is said."""
    ss = st.session_state
    with st.expander(t(f"{kind}.import.header")):
        up = uploader(t(f"{kind}.import.label"), MAX_MODEL_BYTES, type=["keras"], key=f"{kind}_import")
        if up and ss.get(f"{kind}_imported") != up.file_id:
            try:
                ss[f"{kind}_model"] = run_job(import_job, up.getvalue(), kind=kind)
                ss[f"{kind}_imported"] = up.file_id
                st.rerun()
            except Exception as exc:  # noqa: BLE001 - a foreign or broken file: said, nothing else runs
                st.error(t(f"{kind}.errors.import", error=str(exc)))
