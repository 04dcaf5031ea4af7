"""Deep Dream: the step raises the chosen activations, sizes and aspect ratio survive, limits hold."""
import numpy as np
import pytest
from PIL import Image

from models.dream.algorithm import HARD_MAX_SIZE, MIN_OCTAVE_SIDE, DreamSettings, build_dreamer, octave_sizes
from models.dream.backbones import BACKBONES, get_backbone


def _photo(w, h, seed=0):
    """A smooth, photo-like test image (gradients plus a little noise)."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w] / max(w, h)
    rgb = np.stack([xx, yy, 1 - xx * yy], -1) * 200 + rng.normal(0, 10, (h, w, 3))
    return Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8))


@pytest.fixture(scope="module")
def models():
    return {key: b.load() for key, b in BACKBONES.items()}


@pytest.mark.parametrize("backbone", ["mobilenet", "vgg16"])
def test_dream_steps_increase_the_chosen_activation(models, backbone):
    dreamer = build_dreamer(backbone, model=models[backbone])
    b = get_backbone(backbone)
    x = b.to_input(np.asarray(_photo(96, 64), np.float32)[None])
    before = float(dreamer.loss(x))
    no_shift = np.zeros(2, np.int32)
    for _ in range(3):
        x, _ = dreamer.step(x, no_shift, np.float32(0.02 * 127.5 if backbone == "vgg16" else 0.02))
    after = float(dreamer.loss(x))
    assert after > before * 1.05, (before, after)
    lo, hi = np.array(b.low), np.array(b.high)
    assert np.all(x.numpy() >= lo - 1e-3) and np.all(x.numpy() <= hi + 1e-3)


def test_dream_keeps_aspect_ratio_and_respects_max_size(models):
    dreamer = build_dreamer("mobilenet", "patterns", model=models["mobilenet"])
    photo = _photo(300, 180)
    calls = []
    result = dreamer.dream(photo, DreamSettings("mobilenet", "patterns", steps=2, octaves=2, max_size=128),
                           progress=lambda done, total: calls.append((done, total)))
    assert result.image.size == result.original.size == (128, 77)
    assert result.octave_sizes[-1] == (128, 77)
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]
    changed = np.abs(np.asarray(result.image, float) - np.asarray(result.original, float)).mean()
    assert changed > 1.0  # the dream visibly altered the photo
    b = get_backbone("mobilenet")
    before, after = (float(dreamer.loss(b.to_input(np.asarray(im, np.float32)[None])))
                     for im in (result.original, result.image))
    assert after > before


def test_small_photos_are_not_upscaled_and_seed_is_reproducible(models):
    dreamer = build_dreamer("mobilenet", model=models["mobilenet"])
    photo = _photo(60, 40)
    settings = DreamSettings(steps=2, octaves=3, max_size=512, seed=3)
    a, b = dreamer.dream(photo, settings), dreamer.dream(photo, settings)
    assert a.image.size == (60, 40)
    assert len(a.octave_sizes) == 1  # smaller octaves would fall under MIN_OCTAVE_SIDE
    np.testing.assert_array_equal(np.asarray(a.image), np.asarray(b.image))


def test_octave_sizes_grow_by_the_scale_and_end_at_the_photo():
    sizes = octave_sizes((512, 384), 3, 1.4)
    assert sizes == [(261, 196), (366, 274), (512, 384)]
    assert all(min(s) >= MIN_OCTAVE_SIDE for s in octave_sizes((100, 40), 5, 1.5))


def test_settings_are_capped_and_checked():
    assert DreamSettings(max_size=10_000).validated().max_size == HARD_MAX_SIZE
    assert DreamSettings(backbone="vgg16").validated().preset == "eyes"
    for bad in (dict(steps=0), dict(octaves=9), dict(strength=0), dict(octave_scale=3.0),
                dict(preset="nope"), dict(max_size=8)):
        with pytest.raises(ValueError):
            DreamSettings(**bad).validated()
    with pytest.raises(KeyError):
        DreamSettings(backbone="inception").validated()


def test_every_preset_names_real_layers(models):
    for key, backbone in BACKBONES.items():
        names = {layer.name for layer in models[key].layers}
        for preset, layers in backbone.presets.items():
            assert set(layers) <= names, (key, preset)
