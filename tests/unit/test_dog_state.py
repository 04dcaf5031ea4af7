"""The dog page's job (ui.dog_state.analyse_job): one result and overlay per photo, and a computing
time that leaves out the models' loading (the first visitor's page said "classified: 23505 ms")."""
import time

import ui.dog_state as dog_state
from models.common.images import load_image
from models.dog_breeds.pipeline import analyse

DOG = open("/usr/share/darknet/data/dog.jpg", "rb").read()
LOAD_S = 2.0  # a slow "load" on every call of the loader: far more than the photo's own work


def test_results_match_the_pipeline_and_the_time_leaves_out_loading(monkeypatch):
    photo = load_image(DOG, "dog.jpg", max_side=1024)
    models = dog_state.dog_models()

    def slow_loader():
        time.sleep(LOAD_S)
        return models

    monkeypatch.setattr(dog_state, "dog_models", slow_loader)
    start = time.perf_counter()
    analysis = dog_state.analyse_job([photo, photo])
    wall = time.perf_counter() - start

    assert wall >= 2 * LOAD_S  # the job and the networks' pass each asked for the models
    assert 0 < analysis.compute_ms < 1000 * LOAD_S
    expected = analyse(models, [photo.image])[0]
    assert len(analysis.photos) == 2
    for result, overlay in analysis.photos:
        assert result.generalist.breeds[0].breed == expected.generalist.breeds[0].breed
        assert overlay[:2] == b"\xff\xd8"  # the Grad-CAM overlay, a JPEG at display size
