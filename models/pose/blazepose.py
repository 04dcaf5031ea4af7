"""BlazePose, two stages, as MediaPipe runs it (without the MediaPipe runtime).

1. Detector (`pose_detection.tflite`, 224×224, pixels in -1..1): the photo is letterboxed to a square;
   the SSD head gives 2254 anchor boxes, each with a score and 4 keypoints (mid-hip, a point that sets
   the body's size and tilt, mid-shoulder, a point for the upper body). Scores above MIN_SCORE are merged
   by weighted non-maximum suppression; several people → we keep the most prominent one (largest body:
   distance from the mid-hip to the size point).
2. Region of interest: a square centred on the mid-hip, side 2 × 1.25 × |hip → size point|, turned so
   the body stands upright (MediaPipe's AlignmentPointsRects + RectTransformation settings).
3. Landmarks (`pose_landmark_full.tflite`, 256×256, pixels in 0..1): the crop gives 39 points × (x, y,
   z, visibility, presence) in crop pixels and a pose score; the first 33 are the body, projected back
   through the same rotation to pixels of the photo as given. Visibility is a logit → sigmoid.
Weights: PyPI `mediapipe` 0.10.21 (Apache-2.0), installed --no-deps for its files only; sha256-checked.
"""
from __future__ import annotations

import functools
import math
import threading
import warnings
from dataclasses import dataclass

import numpy as np

from models.common.weights import resolve

DETECTOR = ("modules/pose_detection/pose_detection.tflite",
            "9ba9dd3d42efaaba86b4ff0122b06f29c4122e756b329d89dca1e297fd8f866c")
LANDMARKER = ("modules/pose_landmark/pose_landmark_full.tflite",
              "e9a5c5cb17f736fafd4c2ec1da3b3d331d6edbe8a0d32395855aeb2cdfd64b9f")
DET_SIZE, LM_SIZE = 224, 256
MIN_SCORE = 0.5  # detector score to count as a person
NMS_IOU = 0.3
MIN_POSE_SCORE = 0.5  # landmark model's "a pose is in this crop" score
ROI_SCALE = 1.25
STRIDES = (8, 16, 32, 32, 32)

NAMES = (
    "nose", "left_eye_inner", "left_eye", "left_eye_outer", "right_eye_inner", "right_eye", "right_eye_outer",
    "left_ear", "right_ear", "mouth_left", "mouth_right", "left_shoulder", "right_shoulder", "left_elbow",
    "right_elbow", "left_wrist", "right_wrist", "left_pinky", "right_pinky", "left_index", "right_index",
    "left_thumb", "right_thumb", "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle",
    "right_ankle", "left_heel", "right_heel", "left_foot_index", "right_foot_index",
)
CONNECTIONS = (
    (0, 1), (1, 2), (2, 3), (3, 7), (0, 4), (4, 5), (5, 6), (6, 8), (9, 10), (11, 12), (11, 13), (13, 15),
    (15, 17), (15, 19), (15, 21), (17, 19), (12, 14), (14, 16), (16, 18), (16, 20), (16, 22), (18, 20),
    (11, 23), (12, 24), (23, 24), (23, 25), (24, 26), (25, 27), (26, 28), (27, 29), (28, 30), (29, 31),
    (30, 32), (27, 31), (28, 32),
)


class NoPerson(ValueError):
    """No person in the photo."""


@dataclass(frozen=True)
class Pose:
    xy: np.ndarray  # (33, 2) pixels of the photo as given
    visibility: np.ndarray  # (33,) 0..1
    score: float  # detector score of the chosen person
    people: int  # people the detector found (we keep the most prominent)
    box: tuple[float, float, float, float]  # the chosen person's box (x0, y0, x1, y1) in pixels

    def as_json(self) -> list[dict]:
        return [{"name": n, "x": round(float(x), 1), "y": round(float(y), 1), "visibility": round(float(v), 3)}
                for n, (x, y), v in zip(NAMES, self.xy, self.visibility)]


def anchors() -> np.ndarray:
    """(2254, 2) anchor centres, normalised 0..1, in the detector's output order (SSD, fixed size)."""
    out, layer = [], 0
    while layer < len(STRIDES):
        stride, same = STRIDES[layer], 0
        while layer + same < len(STRIDES) and STRIDES[layer + same] == stride:
            same += 1
        size = math.ceil(DET_SIZE / stride)
        per_cell = 2 * same  # aspect ratio 1 plus the interpolated scale, for each layer of this stride
        ys, xs = np.meshgrid((np.arange(size) + 0.5) / size, (np.arange(size) + 0.5) / size, indexing="ij")
        cells = np.stack([xs.ravel(), ys.ravel()], 1)
        out.append(np.repeat(cells, per_cell, axis=0))
        layer += same
    return np.concatenate(out).astype(np.float32)


def sigmoid(x):
    return 1 / (1 + np.exp(-np.clip(np.asarray(x, np.float64), -100, 100)))


def decode_detections(raw: np.ndarray, scores: np.ndarray, anchor_xy: np.ndarray) -> np.ndarray:
    """(N, 13) rows [score, x0, y0, x1, y1, kp0x, kp0y, …, kp3y] above MIN_SCORE, normalised to the letterbox."""
    score = sigmoid(scores.reshape(-1))
    keep = score >= MIN_SCORE
    raw, score, a = raw[keep], score[keep], anchor_xy[keep]
    cx, cy = raw[:, 0] / DET_SIZE + a[:, 0], raw[:, 1] / DET_SIZE + a[:, 1]
    w, h = raw[:, 2] / DET_SIZE, raw[:, 3] / DET_SIZE
    kps = raw[:, 4:12].reshape(-1, 4, 2) / DET_SIZE + a[:, None, :]
    box = np.stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], 1)
    return np.concatenate([score[:, None], box, kps.reshape(-1, 8)], 1)


def iou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    x0, y0 = np.maximum(a[0], b[:, 0]), np.maximum(a[1], b[:, 1])
    x1, y1 = np.minimum(a[2], b[:, 2]), np.minimum(a[3], b[:, 3])
    inter = np.clip(x1 - x0, 0, None) * np.clip(y1 - y0, 0, None)
    area = lambda r: (r[..., 2] - r[..., 0]) * (r[..., 3] - r[..., 1])  # noqa: E731
    return inter / np.maximum(area(a) + area(b) - inter, 1e-9)


def weighted_nms(dets: np.ndarray) -> list[np.ndarray]:
    """MediaPipe's weighted NMS: overlapping boxes are averaged, weighted by score."""
    order = dets[np.argsort(-dets[:, 0])]
    people = []
    while len(order):
        overlap = iou(order[0, 1:5], order[:, 1:5]) > NMS_IOU
        group = order[overlap]
        merged = order[0].copy()
        merged[1:] = (group[:, 1:] * group[:, :1]).sum(0) / group[:, 0].sum()
        people.append(merged)
        order = order[~overlap]
    return people


def letterbox(img: np.ndarray, size: int) -> tuple[np.ndarray, float, float, float]:
    """Square `size` image with the photo centred (zero padding): (pixels, scale, pad_x, pad_y) in pixels."""
    from PIL import Image

    h, w = img.shape[:2]
    scale = size / max(h, w)
    nw, nh = max(1, round(w * scale)), max(1, round(h * scale))
    out = np.zeros((size, size, 3), np.uint8)
    px, py = (size - nw) // 2, (size - nh) // 2
    out[py:py + nh, px:px + nw] = np.asarray(Image.fromarray(img).resize((nw, nh), Image.BILINEAR))
    return out, scale, px, py


def roi_from_detection(det: np.ndarray, scale: float, px: float, py: float) -> tuple[float, float, float, float]:
    """(cx, cy, side, rotation radians) of the landmark crop, in photo pixels."""
    kp = det[5:13].reshape(4, 2) * DET_SIZE
    kp = (kp - [px, py]) / scale
    (x0, y0), (x1, y1) = kp[0], kp[1]
    rotation = math.pi / 2 - math.atan2(-(y1 - y0), x1 - x0)
    rotation = rotation - 2 * math.pi * math.floor((rotation + math.pi) / (2 * math.pi))
    side = 2 * math.hypot(x1 - x0, y1 - y0) * ROI_SCALE
    return float(x0), float(y0), side, rotation


def crop_matrix(cx: float, cy: float, side: float, rotation: float, size: int) -> np.ndarray:
    """2×3 affine map from crop coordinates (u, v in 0..size) to photo coordinates (x, y):
    p = centre + R(rotation) · ((u / size − ½) · side, (v / size − ½) · side)."""
    c, s, k = math.cos(rotation), math.sin(rotation), side / size
    return np.array([[c * k, -s * k, cx - (c - s) * side / 2],
                     [s * k, c * k, cy - (s + c) * side / 2]], np.float64)


def crop(img: np.ndarray, m: np.ndarray, size: int) -> np.ndarray:
    """The rotated square crop as a size × size RGB array (zeros outside the photo)."""
    from PIL import Image

    return np.asarray(Image.fromarray(img).transform((size, size), Image.AFFINE, tuple(m.ravel()), Image.BILINEAR))


def project(points: np.ndarray, m: np.ndarray) -> np.ndarray:
    """Crop coordinates (N, 2) → photo coordinates."""
    return np.asarray(points, np.float64) @ m[:, :2].T + m[:, 2]


class BlazePose:
    """The two TFLite interpreters, loaded once; `__call__` is thread-safe (one photo at a time)."""

    def __init__(self):
        import tensorflow as tf

        self._lock = threading.Lock()
        with warnings.catch_warnings():  # tf.lite.Interpreter's deprecation notice: ai-edge-litert is not on PyPI here
            warnings.simplefilter("ignore")
            self._det = tf.lite.Interpreter(model_path=str(resolve("mediapipe", *DETECTOR)), num_threads=2)
            self._lm = tf.lite.Interpreter(model_path=str(resolve("mediapipe", *LANDMARKER)), num_threads=2)
        for it in (self._det, self._lm):
            it.allocate_tensors()
        self._anchors = anchors()

    @staticmethod
    def _run(it, x: np.ndarray) -> dict[str, np.ndarray]:
        it.set_tensor(it.get_input_details()[0]["index"], x[None].astype(np.float32))
        it.invoke()
        return {d["name"]: it.get_tensor(d["index"])[0] for d in it.get_output_details()}

    def detect(self, img: np.ndarray) -> tuple[list[np.ndarray], float, float, float]:
        boxed, scale, px, py = letterbox(img, DET_SIZE)
        out = self._run(self._det, boxed / 127.5 - 1.0)
        return weighted_nms(decode_detections(out["Identity"], out["Identity_1"], self._anchors)), scale, px, py

    def __call__(self, img: np.ndarray) -> Pose:
        """33 landmarks of the most prominent person in an RGB uint8 photo, or NoPerson."""
        img = np.ascontiguousarray(img[..., :3], dtype=np.uint8)
        with self._lock:
            people, scale, px, py = self.detect(img)
            if not people:
                raise NoPerson("no person found in the photo")
            size = [math.hypot(d[7] - d[5], d[8] - d[6]) for d in people]  # |mid-hip → size point|
            det = people[int(np.argmax(size))]
            m = crop_matrix(*roi_from_detection(det, scale, px, py), LM_SIZE)
            out = self._run(self._lm, crop(img, m, LM_SIZE) / 255.0)
        if float(sigmoid(out["Identity_1"].reshape(-1)[0])) < MIN_POSE_SCORE:
            raise NoPerson("no person found in the photo")
        lm = out["Identity"].reshape(39, 5)[:33]
        box = (det[1:5].reshape(2, 2) * DET_SIZE - [px, py]) / scale
        return Pose(project(lm[:, :2], m), sigmoid(lm[:, 3]), float(det[0]), len(people),
                    tuple(float(v) for v in box.ravel()))


@functools.cache
def load() -> BlazePose:
    return BlazePose()
