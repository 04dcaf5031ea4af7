"""AppTest of pages/gan.py: samples and the walk, the training replay, a quiz round, a short toy GAN."""
import pytest

from tests.apptest import open_page


def _texts(at) -> str:
    return "\n".join(e.value for kind in ("markdown", "caption", "info", "warning", "success", "error")
                     for e in at.get(kind) if isinstance(getattr(e, "value", None), str))


@pytest.mark.parametrize("lang,title,tab", [("ko", "GAN 스튜디오", "그려 줘"), ("en", "GAN studio", "Draw me a 7")])
def test_first_view_draws_samples_walk_and_replay(lang, title, tab):
    at = open_page("pages/gan.py", lang)
    assert title in at.title[0].value
    assert any(tab in t.label for t in at.tabs)
    assert len(at.get("image")) == 3  # samples, the walk, the snapshot
    assert len(at.get("plotly_chart")) == 1  # the losses of the replay
    assert at.number_input(key="gan_seed").value == 1 and at.selectbox(key="gan_label_digits").value == 7


def test_fashion_and_another_label_and_the_walk_slider():
    at = open_page("pages/gan.py", "en")
    at.segmented_control(key="gan_dataset").set_value("fashion").run()
    at.selectbox(key="gan_label_fashion").set_value(9).run()
    assert at.selectbox(key="gan_label_fashion").value == 9 and len(at.get("image")) == 3
    at.slider(key="gan_walk_step").set_value(10).run()
    assert at.slider(key="gan_walk_step").value == 10 and not at.exception


def test_quiz_round_scores_student_and_critic():
    at = open_page("pages/gan.py", "en")
    at.button(key="gan_quiz_new").click().run()
    seed = at.session_state["gan_quiz_seed"]
    for i in range(8):
        at.segmented_control(key=f"gan_guess_{seed}_{i}").set_value("real").run()
    at.button(key="gan_quiz_reveal").click().run()
    assert not at.exception
    text = _texts(at)
    assert "of 8 right" in text and "critic:" in text


def test_toy_gan_trains_and_reports_modes():
    at = open_page("pages/gan.py", "ko")
    at.segmented_control(key="gan_toy_shape").set_value("moons").run()
    at.select_slider(key="gan_toy_steps").set_value(500).run()
    at.button(key="gan_toy_train").click().run()
    assert not at.exception
    assert at.session_state["gan_toy"].steps == 500
    assert "모드" in _texts(at)
