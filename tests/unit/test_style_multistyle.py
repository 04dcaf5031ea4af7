"""The 26-style network (onnxruntime, and its Keras port held to it): parity, mixing, sizes, thumbnails."""
import numpy as np
import pytest
from PIL import Image

from models.style.imaging import pad_to_multiple, to_array01
from models.style.multistyle import NUM_STYLES, load_multistyle, style_weights
from tests.unit.style_fixtures import example_image


@pytest.fixture(scope="module")
def net():
    return load_multistyle()


@pytest.fixture(scope="module")
def photo():
    return example_image("dog").resize((128, 96), Image.LANCZOS)


def test_keras_port_matches_onnxruntime(net, photo):
    import onnxruntime as ort

    from models.style.assets import onnx_path

    x = pad_to_multiple(to_array01(photo), 4)
    w = style_weights(3, mix_with=17, mix=0.4)
    sess = ort.InferenceSession(str(onnx_path("multistyle26")), providers=["CPUExecutionProvider"])
    ref = sess.run(None, {"image": x.transpose(2, 0, 1)[None], "style_weights": w})[0][0].transpose(1, 2, 0)
    keras_net = load_multistyle("keras")
    batch, weights = np.stack([x, x[:, ::-1]]), np.stack([w, style_weights(8)])  # two pictures, two styles
    ours, port = net.run(batch, weights), keras_net.run(batch, weights)
    assert ours.shape == port.shape == (2, *ref.shape)
    assert np.abs(ours[0] - ref).max() < 1e-5  # the page's engine is the package's graph
    assert np.abs(port - ours).max() < 1e-3  # the port, picture by picture in one batch
    assert np.abs(ours[1] - ours[0]).mean() > 0.02


def test_style_weights_validate_and_mix():
    assert style_weights(5)[5] == 1 and style_weights(5).sum() == 1
    w = style_weights(2, mix_with=9, mix=0.25)
    assert w[2] == pytest.approx(0.75) and w[9] == pytest.approx(0.25) and w.sum() == pytest.approx(1)
    bad_args = ({"style": 26}, {"style": -1}, {"style": 0, "mix_with": 30, "mix": 0.5},
                {"style": 0, "mix_with": 1, "mix": 1.5})
    for bad in bad_args:
        with pytest.raises(ValueError):
            style_weights(**bad)


def test_mixing_interpolates_between_the_two_styles(net, photo):
    x = pad_to_multiple(to_array01(photo), 4)[None]
    a, b = (net.run(x, style_weights(s)[None])[0] for s in (3, 17))
    assert np.abs(net.run(x, style_weights(3, 17, 0.0)[None])[0] - a).max() < 1e-5
    assert np.abs(net.run(x, style_weights(3, 17, 1.0)[None])[0] - b).max() < 1e-5
    half = net.run(x, style_weights(3, 17, 0.5)[None])[0]
    assert np.abs(half - a).mean() > 0.02 and np.abs(half - b).mean() > 0.02


@pytest.mark.parametrize("size,max_side,expected", [((101, 67), 512, (101, 67)), ((1000, 600), 256, (256, 154)),
                                                    ((300, 900), 300, (100, 300))])
def test_output_keeps_size_and_aspect_ratio(net, size, max_side, expected):
    img = Image.new("RGB", size, (120, 80, 200))
    assert net.stylise(img, style_weights(0), max_side).size == expected


def test_strength_blends_with_the_photo(net, photo):
    w = style_weights(11)
    assert np.array_equal(np.asarray(net.stylise(photo, w, strength=0.0)), np.asarray(photo))
    full = np.asarray(net.stylise(photo, w), np.float32)
    half = np.asarray(net.stylise(photo, w, strength=0.5), np.float32)
    expected = 0.5 * np.asarray(photo, np.float32) + 0.5 * full
    assert np.abs(half - expected).max() <= 1.0
    with pytest.raises(ValueError):
        net.stylise(photo, w, strength=1.2)


def test_norm_tables_have_one_row_per_style(net):
    from models.style.multistyle import build_keras_model

    tables = net.norm_params()
    assert len(tables) == 18
    assert all(g.shape[0] == NUM_STYLES and g.shape == b.shape for g, b in tables.values())
    port = build_keras_model(net.params)  # the tables are the port's norm layers, by the same names
    gamma, beta = port.get_layer("res_2_1_norm").get_weights()
    assert np.array_equal(tables["res_2_1_norm"][0], gamma) and np.array_equal(tables["res_2_1_norm"][1], beta)


def test_thumbnails_are_26_distinct_styles(net):
    from models.style.thumbnails import THUMB_SIDE, contact_sheet, style_thumbnails

    thumbs = style_thumbnails(net)
    assert len(thumbs) == NUM_STYLES and all(t.size == (THUMB_SIDE, THUMB_SIDE) for t in thumbs)
    means = np.array([np.asarray(t, np.float32).mean(axis=(0, 1)) for t in thumbs])
    assert len({tuple(np.round(m)) for m in means}) == NUM_STYLES
    assert contact_sheet(thumbs, columns=9).size[0] > 9 * THUMB_SIDE
