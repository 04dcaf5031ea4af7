"""Korean/English strings. Text lives in `ui/locales/<lang>/<namespace>.toml`; code holds keys.

`t("dog.title")` reads key `title` from `ui/locales/<lang>/dog.toml`. Nested TOML tables become
dotted keys (`[errors] empty = ...` → `common.errors.empty`). Formatting uses `str.format`.
"""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

LANGS = ("ko", "en")
DEFAULT_LANG = "ko"
LOCALE_DIR = Path(__file__).parent / "locales"


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


@lru_cache(maxsize=None)
def catalog(lang: str, namespace: str) -> dict[str, str]:
    path = LOCALE_DIR / lang / f"{namespace}.toml"
    if not path.is_file():
        return {}
    with open(path, "rb") as fh:
        return _flatten(tomllib.load(fh))


def namespaces() -> list[str]:
    return sorted({p.stem for lang in LANGS for p in (LOCALE_DIR / lang).glob("*.toml")})


def lang_from_locale(locale: str | None) -> str:
    """Browser locale ('ko-KR', 'en-US', None) → 'ko' | 'en'. Korean browsers get Korean."""
    if locale and locale.lower().startswith("ko"):
        return "ko"
    if locale:
        return "en"
    return DEFAULT_LANG


def current_lang() -> str:
    try:
        import streamlit as st

        lang = st.session_state.get("lang")
    except Exception:  # noqa: BLE001 - outside a Streamlit run
        lang = None
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str | None = None, **fmt) -> str:
    """Translate `namespace.key`. A missing key shows as the key itself (and a test fails on it)."""
    lang = lang or current_lang()
    namespace, _, name = key.partition(".")
    text = catalog(lang, namespace).get(name)
    if text is None:
        text = catalog("en", namespace).get(name, key)
    if isinstance(text, list):
        return text
    return text.format(**fmt) if fmt else text


def tl(key: str, lang: str | None = None) -> list:
    """A translated list value (e.g. bullet points)."""
    value = t(key, lang)
    return value if isinstance(value, list) else [value]
