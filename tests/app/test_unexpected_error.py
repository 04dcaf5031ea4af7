"""An unexpected error on a page: one translated sentence in the browser, the traceback only in the log."""
import logging

from streamlit.testing.v1 import AppTest

from ui.i18n import t
from ui.registry import ROOT


def test_unexpected_error_is_translated_and_logged(monkeypatch, caplog):
    import ui.page

    def broken(key):
        raise RuntimeError("/srv/secret/path exploded")

    monkeypatch.delenv("SHOWCASE_RAISE")
    monkeypatch.setattr(ui.page, "setup_page", broken)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "ko"
    with caplog.at_level(logging.ERROR, logger="showcase"):
        at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("common.misc.unexpected", lang="ko")]
    assert "/srv/secret/path" in caplog.text
