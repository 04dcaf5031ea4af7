"""Home page in both languages, with the gallery generated from the registry and presentation mode."""
from streamlit.testing.v1 import AppTest

from ui.i18n import t
from ui.registry import ROOT, existing_pages

APP = str(ROOT / "app.py")


def run_home(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception
    return at


def test_home_korean_from_url():
    at = run_home(lang="ko")
    assert at.title[0].value == t("home.heading", lang="ko")
    assert at.session_state["lang"] == "ko"


def test_home_english_from_url():
    at = run_home(lang="en")
    assert at.title[0].value == t("home.heading", lang="en")
    cards = [m.value for m in at.markdown if m.value.startswith("<div style='font-size:3rem")]
    assert len(cards) == len(existing_pages()) == len(at.get("page_link"))  # a card: one markdown, one link
    for page, card in zip(existing_pages(), cards):
        assert f"### {t(f'{page.key}.title', lang='en')}\n\n{t(f'{page.key}.card', lang='en')}" in card


def test_default_language_from_browser_locale():
    at = AppTest.from_file(APP, default_timeout=60)
    at.context["locale"] = "en-US"
    at.run()
    assert at.session_state["lang"] == "en"
    at = AppTest.from_file(APP, default_timeout=60)
    at.context["locale"] = "ko-KR"
    at.run()
    assert at.session_state["lang"] == "ko"


def test_switching_language_in_sidebar():
    at = run_home(lang="ko")
    seg = at.get("button_group")
    assert seg, "language selector missing"
    seg[0].set_value("en")
    at.run()
    assert at.title[0].value == t("home.heading", lang="en")
    assert at.session_state["lang"] == "en"


def test_presentation_mode_from_url():
    at = run_home(lang="en", present="1")
    assert at.session_state["present"] is True
    assert any("font-size: 22px" in m.value for m in at.markdown)
    plain = run_home(lang="en")
    assert not any("font-size: 22px" in m.value for m in plain.markdown)


def test_home_does_not_import_tensorflow():
    import subprocess
    import sys

    code = (
        "import sys; from streamlit.testing.v1 import AppTest; "
        "at = AppTest.from_file(sys.argv[1], default_timeout=60); at.run(); "
        "print('tensorflow' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code, APP], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip().endswith("False"), out.stdout + out.stderr
