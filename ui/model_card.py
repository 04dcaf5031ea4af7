"""Model cards drawn as a translated Markdown table (the dog page's two networks side by side)."""
from __future__ import annotations

import streamlit as st

from ui.i18n import t


def markdown_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """Rows of cells → a Markdown table (cells are our own translated strings and numbers)."""
    lines = [header, ("---",) * len(header), *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def dog_model_card(latency: tuple[float, int] | None) -> None:
    """Generalist vs specialist: architecture, size, data, classes, licence and this session's latency."""
    from models.dog_breeds import generalist, specialist

    latency_text = (t("dog.model_card.latency_value", ms=latency[0] / latency[1], n=latency[1]) if latency
                    else t("dog.model_card.latency_unknown"))
    rows = [(t(f"dog.model_card.row_{r}"), t(f"dog.model_card.generalist_{r}"), t(f"dog.model_card.specialist_{r}"))
            for r in ("architecture", "input", "data", "classes", "licence")]
    rows.insert(1, (t("dog.model_card.row_parameters"), f"{generalist.PARAMETERS:,}", f"{specialist.PARAMETERS:,}"))
    rows.append((t("dog.model_card.row_latency"), latency_text, latency_text))
    header = (t("dog.model_card.column_property"), t("dog.model_card.column_generalist"),
              t("dog.model_card.column_specialist"))
    st.markdown(markdown_table(header, rows))
    st.caption(t("dog.model_card.limits"))
