"""Every string exists in Korean and English, and every literal key used in code exists."""
import re

import pytest

from ui.i18n import LANGS, catalog, lang_from_locale, namespaces, t
from ui.registry import PAGES, ROOT, existing_pages

KEY_CALL = re.compile(r"""\bt[l]?\(\s*["']([a-z_]+\.[A-Za-z0-9_.]+)["']""")


@pytest.mark.parametrize("namespace", namespaces())
def test_same_keys_in_both_languages(namespace):
    ko, en = catalog("ko", namespace), catalog("en", namespace)
    assert set(ko) - set(en) == set(), f"{namespace}: only in Korean"
    assert set(en) - set(ko) == set(), f"{namespace}: only in English"
    assert all(str(v).strip() for v in [*ko.values(), *en.values()]), f"{namespace}: empty string"


def test_literal_keys_used_in_code_exist():
    missing = []
    for path in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *[p for p in ROOT.glob("ui/*.py") if p.name != "i18n.py"]]:
        for key in KEY_CALL.findall(path.read_text(encoding="utf-8")):
            namespace, _, name = key.partition(".")
            for lang in LANGS:
                if name not in catalog(lang, namespace):
                    missing.append(f"{path.name}: {key} ({lang})")
    assert not missing, missing


def test_every_registered_page_has_title_and_card():
    for page in PAGES:
        for lang in LANGS:
            assert "title" in catalog(lang, page.key) or not (ROOT / page.path).exists()
            assert "card" in catalog(lang, page.key) or not (ROOT / page.path).exists()


def test_registered_pages_exist():
    missing = [p.path for p in PAGES if p not in existing_pages()]
    assert not missing, f"registered but missing: {missing}"


def test_locale_detection():
    assert lang_from_locale("ko-KR") == "ko"
    assert lang_from_locale("en-US") == "en"
    assert lang_from_locale("de-DE") == "en"
    assert lang_from_locale(None) == "ko"


def test_formatting_and_fallback():
    assert "GPU" in t("common.sidebar.device", lang="en", device="GPU")
    assert t("common.no_such_key", lang="ko") == "common.no_such_key"
