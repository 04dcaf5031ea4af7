"""AppTest of pages/playground.py: presets, one-epoch steps, play, the Keras code, overfitting, Dense vs LSTM."""
import pytest

from tests.apptest import open_page


def _texts(at) -> str:
    return "\n".join(e.value for kind in ("markdown", "caption", "info", "warning", "success", "error")
                     for e in at.get(kind) if isinstance(getattr(e, "value", None), str))


def _epoch_line(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith(("Epoch", "에포크")))


@pytest.mark.parametrize("lang,title", [("ko", "신경망 놀이터"), ("en", "Neural network playground")])
def test_first_view_shows_data_network_and_code(lang, title):
    at = open_page("pages/playground.py", lang)
    assert title in at.title[0].value
    assert _epoch_line(at).startswith(("Epoch **0**", "에포크 **0**"))
    assert len(at.get("plotly_chart")) == 2  # decision surface, loss curves
    assert len(at.get("image")) == 1  # the network picture
    code = at.code[0].value
    assert "keras.Sequential" in code and 'layers.Dense(4, activation="tanh")' in code
    assert at.session_state["pg_ratio"] == 80  # the notes' 80:20 split


def test_steps_train_and_a_preset_changes_everything():
    at = open_page("pages/playground.py", "en")
    at.selectbox(key="pg_preset").set_value("circle_features").run()
    assert at.session_state["pg_features"] == ["x1^2", "x2^2"] and at.session_state["pg_layers"] == 0
    for _ in range(3):
        at.button(key="pg_step_button").click().run()
    assert not at.exception
    assert _epoch_line(at).startswith("Epoch **3**")
    code = at.code[0].value
    assert "x1 ** 2, x2 ** 2" in code and "layers.Dense(1, activation=\"sigmoid\")" in code and "epochs=3" in code


def test_play_trains_and_pause_stops():
    at = open_page("pages/playground.py", "en")
    at.button(key="pg_play").click().run()
    assert at.session_state["pg_playing"] is True and not at.exception
    at.button(key="pg_play").click().run()
    assert at.session_state["pg_playing"] is False
    assert not _epoch_line(at).startswith("Epoch **0**")


def test_changing_a_setting_starts_a_fresh_network():
    at = open_page("pages/playground.py", "en")
    at.button(key="pg_step_button").click().run()
    at.slider(key="pg_layers").set_value(3).run()
    assert not at.exception and _epoch_line(at).startswith("Epoch **0**")
    assert at.code[0].value.count("layers.Dense(") == 3 + 1  # three hidden layers and the output


def test_overfitting_preset_is_detected_and_explained():
    at = open_page("pages/playground.py", "ko")
    at.selectbox(key="pg_preset").set_value("overfit").run()
    at.button(key="pg_play").click().run()
    for _ in range(40):  # while playing, every run is one redraw that trains ~60 ms
        if "과적합이에요" in _texts(at):
            break
        at.run()
    assert "과적합이에요" in _texts(at) and "정규화(L2)" in _texts(at)


def test_dense_cannot_tell_rising_from_falling_the_lstm_can():
    at = open_page("pages/playground.py", "en")
    at.button(key="pg_seq_run").click().run()
    assert not at.exception
    assert "the Dense net is right **50%**" in _texts(at) and "the LSTM **100%**" in _texts(at)
    table = at.dataframe[0].value
    assert table["direction unknown"].tolist().count("⚠️") == 4
    assert len(at.get("plotly_chart")) == 2 + 2  # + training accuracy, gates
    at.segmented_control(key="pg_seq_pick").set_value(5).run()
    assert not at.exception
