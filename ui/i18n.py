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


_COUNTS = ("n", "count", "h", "days")  # format fields that count something: `key_one` is their singular


def t(key: str, lang: str | None = None, **fmt) -> str:
    """Translate `namespace.key`. A missing key shows as the key itself (and a test fails on it).

    When a counting field (`n`, `count`, `h`, `days`) is 1 and the catalog has `key_one`, that
    singular text is used: `added = "Added {n} photos."`, `added_one = "Added 1 photo."`.
    """
    lang = lang or current_lang()
    namespace, _, name = key.partition(".")
    if any(fmt.get(count) == 1 for count in _COUNTS) and f"{name}_one" in catalog(lang, namespace):
        name = f"{name}_one"  # English "1 photo" next to "3 photos"; Korean needs no such key
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


# --- Korean particles (조사) -------------------------------------------------------------------
# A particle after an inserted name depends on the name's last sound: "고양이로" but "강아지로",
# "사진을" but "고양이를". `josa("고양이", "으로/로")` → "로". Hangul syllables carry their final
# consonant in their code point; digits and Latin letters use how a Korean reader says them.

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_RIEUL = 8  # index of ㄹ among the 28 final-consonant slots
# Digit read alone: 0 영, 1 일, 2 이, 3 삼, 4 사, 5 오, 6 육, 7 칠, 8 팔, 9 구 → final sound.
_DIGIT_FINAL = {"0": "ㅇ", "1": "ㄹ", "2": "", "3": "ㅁ", "4": "", "5": "", "6": "ㄱ", "7": "ㄹ",
                "8": "ㄹ", "9": ""}
# Letter names said alone (acronyms such as "IBM", "CNN"): 엘, 엠, 엔, 알 end in a consonant.
_LETTER_FINAL = {"l": "ㄹ", "m": "ㅁ", "n": "ㄴ", "r": "ㄹ"}
_PAIRS = {"은/는", "이/가", "을/를", "과/와", "으로/로", "이에요/예요", "이라고/라고", "이나/나", "이랑/랑",
          "아/야", "이라는/라는", "이란/란"}


def _final_sound(word: str) -> str | None:
    """The final consonant of how `word` is read ('' = ends in a vowel, None = cannot tell)."""
    text = word.rstrip(" \t*_”\"'’)]}.,!?:;·")
    if not text:
        return None
    ch = text[-1]
    code = ord(ch)
    if _HANGUL_FIRST <= code <= _HANGUL_LAST:
        final = (code - _HANGUL_FIRST) % 28
        return "" if final == 0 else ("ㄹ" if final == _RIEUL else "ㄱ")
    if ch.isdigit():
        digits = text[len(text.rstrip("0123456789")):]
        if digits.strip("0") == "":
            return "ㅇ"  # 영
        zeros = len(digits) - len(digits.rstrip("0"))
        if zeros:  # 십, 백, 천, 만: all end in a consonant, none in ㄹ
            return "ㅂ"
        return _DIGIT_FINAL[ch]
    if ch.isascii() and ch.isalpha():
        tail = text[len(text.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")):]
        if tail.isupper() and len(tail) <= 5:  # an acronym, said letter by letter
            return _LETTER_FINAL.get(ch.lower(), "")
        low = tail.lower()
        if low.endswith("l"):
            return "ㄹ"  # wheel 휠, model 모델
        if low.endswith(("m", "n", "ng")):
            return "ㄴ"  # arm 암, lion 라이언, king 킹
        if low.endswith(("ck", "k", "p", "t")) and not low.endswith(("ght",)):
            return "ㄱ"  # cat 캣, book 북, cup 컵
        return ""  # dog 도그, tiger 타이거, house 하우스: end in a vowel sound
    return None


def josa(word: str, pair: str) -> str:
    """The particle of `pair` ("을/를", "이/가", "으로/로", …) that fits after `word`.

    The first form follows a final consonant, the second a vowel; "으로/로" also takes "로"
    after ㄹ ("서울로"). When the word ends in something unreadable (a symbol), the vowel form.
    """
    if pair not in _PAIRS:
        raise ValueError(f"unknown particle pair {pair!r}")
    after_consonant, after_vowel = pair.split("/")
    final = _final_sound(word)
    if not final:
        return after_vowel
    if pair == "으로/로" and final == "ㄹ":
        return after_vowel
    return after_consonant


def with_josa(word: str, pair: str) -> str:
    """`word` followed by the right particle: with_josa("고양이", "을/를") → "고양이를"."""
    return f"{word}{josa(word, pair)}"
