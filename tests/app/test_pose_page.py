"""Pose page in AppTest: both languages, the skeleton on an example photo, "no person" on a dog photo,
then teaching three poses from photo features through the job queue, try-it and export."""
import numpy as np

from tests.apptest import open_page
from ui.i18n import t

PAGE = "pages/pose.py"


def _texts(at) -> str:
    return " ".join(str(e.value) for kind in ("markdown", "caption", "error", "info", "success", "warning")
                    for e in getattr(at, kind))


def test_english_example_photo_gets_a_skeleton():
    at = open_page(PAGE, "en")
    assert not at.exception, [e.value for e in at.exception]
    assert t("pose.hover", lang="en") in _texts(at)


def test_korean_dog_photo_says_no_person():
    at = open_page(PAGE, "ko")
    at.pills(key="pose_example").set_value("dog").run()
    assert not at.exception, [e.value for e in at.exception]
    assert t("pose.no_person", lang="ko") in _texts(at)


def test_teach_train_try_export():
    at = open_page(PAGE, "ko")
    rng = np.random.default_rng(0)
    base = {c: rng.normal(0, 1, 66).astype(np.float32) for c in ("만세", "차렷", "T자")}
    at.session_state["pose_classes"] = {c: [b + rng.normal(0, 0.05, 66).astype(np.float32) for _ in range(6)]
                                        for c, b in base.items()}
    at.run()
    at.slider(key="pose_epochs").set_value(10).run()
    at.button(key="pose_train").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("검증 정확도" in s.value for s in at.success)
    assert at.get("download_button")
