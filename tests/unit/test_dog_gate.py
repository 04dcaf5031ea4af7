"""P(dog) gate, breed renormalisation and the lecture's confidence levels, on synthetic logits."""
import numpy as np
import pytest

from models.dog_breeds.names import DOG_FIRST, DOG_LAST
from models.dog_breeds.predictions import DOG_THRESHOLD, confidence_level, interpret, softmax


def _logits(peaks: dict[int, float]) -> np.ndarray:
    z = np.zeros(1000)
    for i, v in peaks.items():
        z[i] = v
    return z


def test_p_dog_is_the_summed_breed_probability():
    logits = np.random.default_rng(0).normal(size=1000)
    pred = interpret(logits)
    assert pred.p_dog == pytest.approx(softmax(logits)[DOG_FIRST : DOG_LAST + 1].sum())


def test_breed_shares_are_renormalised_over_the_dog_slice():
    pred = interpret(_logits({250: 8.0, 249: 8.0, 967: 9.0}), k=118)  # husky, malamute, espresso
    assert sum(b.p for b in pred.breeds) == pytest.approx(1.0)
    assert {b.imagenet_index for b in pred.breeds[:2]} == {249, 250}
    assert pred.breeds[0].p == pytest.approx(pred.breeds[1].p)
    assert pred.imagenet_top[0].name == "espresso"


def test_gate_says_no_dog_when_other_classes_dominate():
    assert not interpret(_logits({967: 12.0, 250: 2.0})).is_dog
    assert interpret(_logits({250: 12.0, 967: 2.0})).is_dog
    assert 0 < DOG_THRESHOLD < 1


@pytest.mark.parametrize("top, level", [(0.95, "sure"), (0.7, "sure"), (0.55, "leaning"), (0.4, "leaning"),
                                        (0.39, "unsure")])
def test_confidence_levels_follow_the_lecture(top, level):
    assert confidence_level(top) == level


def test_softmax_is_stable_for_huge_logits():
    p = softmax(np.array([1000.0, 1000.0, -1000.0]))
    assert np.allclose(p, [0.5, 0.5, 0.0])
