"""BlazePose decoding: anchors, detection decoding and NMS, the crop's affine map (crop ↔ photo), the
whole pipeline on the package photos (person found, no person on a dog), normalisation and the CLI."""
import json
import math
import subprocess
import sys

import numpy as np
import pytest

from models.pose import blazepose as bp
from models.pose.features import DIM, augment, normalise


def test_anchor_count_and_order():
    a = bp.anchors()
    assert a.shape == (2254, 2)
    np.testing.assert_allclose(a[0], [0.5 / 28, 0.5 / 28])
    np.testing.assert_allclose(a[1], a[0])  # two anchors per cell in the stride-8 layer
    np.testing.assert_allclose(a[-1], [6.5 / 7, 6.5 / 7])


def test_decode_and_weighted_nms_merge_overlapping_boxes():
    anchors = np.array([[0.5, 0.5], [0.5, 0.5], [0.1, 0.1]], np.float32)
    raw = np.zeros((3, 12), np.float32)
    raw[:, 2:4] = 0.4 * bp.DET_SIZE
    raw[1, 0] = 0.02 * bp.DET_SIZE
    scores = np.array([3.0, 2.0, -5.0])  # the third is below MIN_SCORE
    dets = bp.decode_detections(raw, scores, anchors)
    assert len(dets) == 2
    np.testing.assert_allclose(dets[0, 1:5], [0.3, 0.3, 0.7, 0.7], atol=1e-6)
    people = bp.weighted_nms(dets)
    assert len(people) == 1 and 0.3 < people[0][1] < 0.32


def test_roi_is_upright_for_a_standing_person_and_crop_maps_back():
    scale, px, py = 1.0, 0.0, 0.0
    det = np.zeros(13)
    det[5:9] = np.array([100, 200, 100, 100]) / bp.DET_SIZE  # mid-hip, then the size point straight above
    cx, cy, side, rot = bp.roi_from_detection(det, scale, px, py)
    assert (cx, cy) == pytest.approx((100, 200)) and side == pytest.approx(250) and rot == pytest.approx(0)
    m = bp.crop_matrix(cx, cy, side, math.radians(30), 256)
    np.testing.assert_allclose(bp.project(np.array([[128.0, 128.0]]), m), [[100, 200]], atol=1e-9)


@pytest.fixture(scope="module")
def model():
    return bp.load()


def _photo(key, source):
    import io

    from PIL import Image

    from models.common.examples import Example
    return np.asarray(Image.open(io.BytesIO(Example(key, source).jpeg_bytes())).convert("RGB"))


def test_person_photo_gives_33_landmarks_on_the_person(model):
    pose = model(_photo("person", "darknet"))
    assert pose.xy.shape == (33, 2) and pose.people == 1
    x0, y0, x1, y1 = pose.box
    nose, hip = pose.xy[bp.NAMES.index("nose")], pose.xy[bp.NAMES.index("left_hip")]
    assert x0 - 20 < nose[0] < x1 + 20 and nose[1] < hip[1]
    assert [d["name"] for d in pose.as_json()][:3] == ["nose", "left_eye_inner", "left_eye"]


def test_dog_photo_has_no_person(model):
    with pytest.raises(bp.NoPerson):
        model(_photo("dog", "darknet"))


def test_normalise_ignores_position_and_size():
    rng = np.random.default_rng(0)
    xy = rng.uniform(100, 300, (33, 2))
    f = normalise(xy)
    assert f.shape == (DIM,)
    np.testing.assert_allclose(normalise(xy * 2.5 + [40, -70]), f, atol=1e-5)
    hip = (f.reshape(-1, 2)[23] + f.reshape(-1, 2)[24]) / 2
    np.testing.assert_allclose(hip, 0, atol=1e-6)
    assert augment(f, rng).shape == f.shape


def test_cli_json_and_no_person():
    proc = subprocess.run([sys.executable, "-m", "models.pose", "/usr/share/darknet/data/person.jpg", "--json"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert len(out["landmarks"]) == 33 and set(out["landmarks"][0]) == {"name", "x", "y", "visibility"}
    proc = subprocess.run([sys.executable, "-m", "models.pose", "/usr/share/darknet/data/eagle.jpg"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stderr.strip().splitlines()[-1] == \
        "error: no person found in '/usr/share/darknet/data/eagle.jpg'"


def test_several_people_keeps_the_most_prominent(model):
    from PIL import Image

    person = _photo("person", "darknet")[:, 120:380]
    h, w = person.shape[:2]
    small = np.asarray(Image.fromarray(person).resize((int(w * 0.7), int(h * 0.7))))
    left = np.zeros_like(person)
    left[h - small.shape[0]:, :small.shape[1]] = small
    pose = model(np.concatenate([left, person], 1))
    assert pose.people == 2
    assert pose.box[0] > w * 0.9  # the bigger person, on the right
