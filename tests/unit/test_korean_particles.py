"""ui.i18n.josa: the particle after an inserted name is chosen from how the name is read."""
import pytest

from ui.i18n import josa, with_josa


@pytest.mark.parametrize("word, pair, expected", [
    ("고양이", "으로/로", "로"),      # ends in a vowel
    ("사진", "으로/로", "으로"),      # ends in ㄴ
    ("서울", "으로/로", "로"),        # ㄹ takes 로
    ("강아지", "을/를", "를"),
    ("사진", "을/를", "을"),
    ("사과", "이/가", "가"),
    ("수박", "이/가", "이"),
    ("바다", "은/는", "는"),
    ("하늘", "은/는", "은"),
    ("**토끼**", "이라고/라고", "라고"),  # Markdown around the name is not read
    ("“비숑”", "은/는", "은"),
    ("3", "을/를", "을"),            # 삼
    ("2", "을/를", "를"),            # 이
    ("7", "으로/로", "로"),          # 칠
    ("10", "으로/로", "으로"),       # 십
    ("1000", "이/가", "이"),         # 천
    ("IBM", "은/는", "은"),          # 엠
    ("NVDA", "은/는", "는"),         # 에이
    ("tiger cat", "으로/로", "으로"),  # 캣
    ("beagle", "으로/로", "로"),       # 비글
    ("golden retriever", "이/가", "가"),  # 리트리버
    ("pug", "을/를", "를"),            # 퍼그
])
def test_particle_follows_the_last_sound(word, pair, expected):
    assert josa(word, pair) == expected


def test_with_josa_joins_word_and_particle():
    assert with_josa("고양이", "으로/로") == "고양이로"
    assert with_josa("사진", "이/가") == "사진이"


def test_unknown_pair_is_refused():
    with pytest.raises(ValueError):
        josa("고양이", "(으)로")
