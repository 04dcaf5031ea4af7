"""AppTest of pages/neuron.py: one neuron by hand, the perceptron rule, the 2-2-1 XOR network."""
import pytest

from tests.apptest import open_page


def _texts(at) -> str:
    return "\n".join(e.value for kind in ("markdown", "caption", "info", "warning", "success", "error")
                     for e in at.get(kind) if isinstance(getattr(e, "value", None), str))


@pytest.mark.parametrize("lang,title,and_words", [("ko", "뉴런과 XOR 문제", "AND** 게이트와 똑같이"),
                                                  ("en", "A neuron and the XOR problem", "exactly like the **AND** gate")])
def test_first_view_is_the_notes_and_gate(lang, title, and_words):
    at = open_page("pages/neuron.py", lang)
    assert title in at.title[0].value
    assert and_words in _texts(at)
    assert len(at.get("plotly_chart")) == 3  # neuron, learning animation, mistakes per epoch
    assert len(at.dataframe) == 1


def test_sliders_change_the_gate_and_the_table():
    at = open_page("pages/neuron.py", "en")
    at.slider(key="neuron_b").set_value(-0.2).run()  # θ = 0.2: OR
    assert "exactly like the **OR** gate" in _texts(at)
    at.slider(key="neuron_w1").set_value(-0.5).run()
    at.slider(key="neuron_w2").set_value(-0.5).run()
    at.slider(key="neuron_b").set_value(0.7).run()  # the notes' NAND
    assert "**NAND**" in _texts(at)
    frame = at.dataframe[0].value
    assert frame["neuron says"].tolist() == [1, 1, 1, 0]
    at.segmented_control(key="neuron_act").set_value("sigmoid").run()
    assert not at.exception and at.dataframe[0].value["output f(z)"].iloc[0] == pytest.approx(0.668, abs=1e-3)


def test_xor_never_converges_and_the_page_says_why():
    at = open_page("pages/neuron.py", "ko")
    at.segmented_control(key="neuron_learn_gate").set_value("xor").run()
    text = _texts(at)
    assert "한 번도 네 줄을 다 맞히지 못했어요" in text and "1969년" in text and "17년쯤" in text
    at.segmented_control(key="neuron_learn_gate").set_value("nand").run()
    assert "에포크**에서 네 줄을 모두 맞혔어요" in _texts(at)


def test_two_two_one_network_solves_xor():
    at = open_page("pages/neuron.py", "en")
    at.button(key="neuron_xor_run").click().run()
    assert not at.exception
    text = _texts(at)
    assert "All four rows right" in text and "How are they combined?" in text
    assert len(at.get("plotly_chart")) == 4
    hidden = at.dataframe[1].value
    assert ((hidden["output"] > 0.5).astype(int) == hidden["XOR"]).all()
