"""Dog page through AppTest: a dog gives bars + Grad-CAM, coffee gives "no dog", junk gives a clear
error, several photos go through as one batch, and Korean shows Korean breed names."""
import io
import json

import numpy as np
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from models.dog_breeds.predictions import confidence_level
from ui.i18n import t
from ui.registry import ROOT

DOG = ("dog.jpg", open("/usr/share/darknet/data/dog.jpg", "rb").read(), "image/jpeg")


def _jpeg(array) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(array).save(buf, "JPEG")
    return buf.getvalue()


@pytest.fixture(scope="module")
def coffee():
    import skimage.data

    return ("coffee.jpg", _jpeg(skimage.data.coffee()), "image/jpeg")


def run_page(files, lang="en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.query_params["lang"] = lang
    at.switch_page("pages/dog_breeds.py")
    at.run()
    at.segmented_control(key="dog_source").set_value("upload").run()  # the page opens on an example
    at.file_uploader(key="dog_upload").set_value(files).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_dog_photo_gives_breed_bars_confidence_and_gradcam():
    at = run_page([DOG])
    charts = at.get("plotly_chart")
    assert len(charts) == 2  # generalist and specialist side by side
    assert float(at.metric[0].value.rstrip("%")) > 50
    markdown = " ".join(m.value for m in at.markdown)
    assert "Alaskan Malamute" in markdown or "German Shepherd" in markdown  # confidence / agreement lines
    # the 0.4-vs-0.7 sentence: exactly one, a filled-in catalog sentence whose level fits its score
    found = []
    for level in ("sure", "leaning", "unsure"):
        head, tail = t(f"dog.confidence.{level}", lang="en", p="\0").split("\0")
        found += [(level, m.value[len(head):len(m.value) - len(tail)]) for m in at.markdown
                  if m.value.startswith(head) and m.value.endswith(tail)]
    ((level, score),) = found
    assert confidence_level(float(score)) == level
    (image,) = at.get("image")  # the Grad-CAM overlay, labelled with the top breed
    assert image.captions[0].startswith("Grad-CAM for")
    assert at.session_state["dog_latency"][1] == 1


def test_no_dog_says_so_and_names_what_it_sees(coffee):
    at = run_page([coffee])
    assert len(at.warning) == 1 and "espresso" in at.warning[0].value
    assert t("dog.specialist_no_dog", lang="en") in [i.value for i in at.info]
    # a photo the page had not seen: the caption gives the job's own computing time (ui.dog_state)
    ms, count = at.session_state["dog_latency"]
    assert count == 1 and ms > 0
    assert t("dog.batch_caption", lang="en", n=1, ms=ms, per=ms) in [c.value for c in at.caption]


def test_bad_file_gets_a_clear_message_and_the_page_survives():
    at = run_page([("broken.jpg", b"\xff\xd8\xff\xe0 not really a jpeg", "image/jpeg")])
    assert len(at.error) == 1 and "broken.jpg" in at.error[0].value
    assert not at.get("plotly_chart")


def test_several_photos_are_one_batch_and_korean_names_show(coffee):
    # the page already classified its example dog on opening: a re-encoded copy is a new photo to the batch
    dog_again = ("dog.jpg", _jpeg(np.asarray(Image.open(io.BytesIO(DOG[1])).convert("RGB"))), "image/jpeg")
    at = run_page([dog_again, coffee], lang="ko")
    assert at.session_state["dog_latency"][1] == 2
    assert [s.value for s in at.subheader] == ["dog.jpg", "coffee.jpg"]
    assert len(at.warning) == 1  # only the coffee is "no dog"
    labels = [y for c in at.get("plotly_chart") for y in json.loads(c.proto.spec)["data"][0]["y"]]
    assert "알래스칸 맬러뮤트" in labels and "Alaskan Malamute" not in labels


def test_gradcam_toggle_off_shows_the_plain_photo():
    at = run_page([DOG])
    at.toggle(key="dog_gradcam").set_value(False).run()
    assert not at.exception
    (image,) = at.get("image")
    assert image.captions == ["dog.jpg"]


def test_more_photos_than_the_decoded_store_keeps_are_not_decoded_again_on_a_rerun(monkeypatch):
    import ui.image_input

    decoded, real = [], ui.image_input._decode
    monkeypatch.setattr(ui.image_input, "_decode",  # uploads only (the page opens on an example)
                        lambda data, name: (name.startswith("noise") and decoded.append(name)) or real(data, name))
    rng = np.random.default_rng(7)
    files = [(f"noise{i}.jpg", _jpeg(rng.integers(0, 255, (64, 64, 3), np.uint8)), "image/jpeg")
             for i in range(8)]  # more than the six a session used to keep
    at = run_page(files)
    assert sorted(decoded) == sorted(f[0] for f in files)
    at.toggle(key="dog_gradcam").set_value(False).run()  # a rerun that uploads nothing new
    assert len(decoded) == len(files) and not at.exception
