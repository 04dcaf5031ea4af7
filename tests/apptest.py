"""Open a demo page in AppTest the way a visitor does: through app.py, in a chosen language."""
from streamlit.testing.v1 import AppTest

from ui.registry import ROOT


def open_page(page_path: str, lang: str = "en", timeout: float = 240) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.query_params["lang"] = lang
    at.switch_page(page_path)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at
