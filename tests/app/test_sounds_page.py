"""Sounds page in AppTest: opens in both languages, shows a clip's log-mel, refuses bad audio with a
translated message, trains on the ready-made example through the job queue, tries a held-out clip, exports."""
import io

import numpy as np
import soundfile as sf

from tests.apptest import open_page
from ui.i18n import t

PAGE = "pages/sounds.py"


def _wav(wave) -> bytes:
    buf = io.BytesIO()
    sf.write(buf, np.asarray(wave, np.float32), 16000, format="WAV")
    return buf.getvalue()


def _texts(at) -> str:
    return " ".join(str(e.value) for kind in ("markdown", "caption", "error", "info", "success", "warning")
                    for e in getattr(at, kind))


def test_korean_page_opens_and_needs_classes():
    at = open_page(PAGE, "ko")
    assert at.title[0].value.endswith(t("sounds.title", lang="ko"))
    assert t("sounds.teach.need", lang="ko") in _texts(at)


def test_bad_and_silent_audio_give_translated_errors():
    at = open_page(PAGE, "en")
    at.file_uploader(key="sounds_listen_up").set_value([("x.wav", b"not audio at all", "audio/wav")]).run()
    assert t("sounds.errors.format", lang="en") in _texts(at)
    at.file_uploader(key="sounds_listen_up").set_value([("s.wav", _wav(np.zeros(16000)), "audio/wav")]).run()
    assert t("sounds.errors.silent", lang="en") in _texts(at)
    assert not at.exception


def test_clip_shows_spectrogram():
    tone = 0.3 * np.sin(2 * np.pi * 1000 * np.arange(16000) / 16000)
    at = open_page(PAGE, "en")
    at.file_uploader(key="sounds_listen_up").set_value([("tone.wav", _wav(tone), "audio/wav")]).run()
    assert not at.exception
    assert "1.0-second" in _texts(at)


def test_train_on_example_try_and_export():
    at = open_page(PAGE, "ko")
    at.button(key="sounds_example").click().run()
    at.slider(key="sounds_epochs").set_value(5).run()
    at.button(key="sounds_train").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("검증 정확도" in s.value for s in at.success)
    assert "시험한 정확도" in _texts(at)
    at.selectbox(key="sounds_try_pick").set_value(0).run()
    assert not at.exception
    assert "예측" in _texts(at)
