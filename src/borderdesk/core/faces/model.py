"""dlib's face recognition model (a ResNet giving a 128-number descriptor per face) with its face finder and
68-point landmark model, from the files the ``face-recognition-models`` package ships: no network. Loaded once per
process, the first time a face is compared."""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

import numpy as np

from borderdesk.core.faces.errors import FaceError

MODEL_NAME = "dlib_face_recognition_resnet_model_v1"
# What dlib's face finder (HOG) finds with this score or less is not counted as a face. Measured on the
# astronaut test photo: her face scores 1.1 to 1.5 at sizes from 256 to 512 pixels, the badge on her suit 0.12
# (a second "face" at 0.0); a face under about 50 pixels across falls below too and is better retaken.
_MIN_DETECTION_SCORE = 0.3
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _models() -> tuple[Any, Any, Any]:
    import dlib
    import face_recognition_models as files

    return (
        dlib.get_frontal_face_detector(),
        dlib.shape_predictor(files.pose_predictor_model_location()),
        dlib.face_recognition_model_v1(files.face_recognition_model_location()),
    )


def models() -> tuple[Any, Any, Any]:
    with _lock:  # two first requests at once load the 120 MB of models once
        return _models()


def face_descriptor(rgb: np.ndarray) -> np.ndarray:
    """The descriptor of the one face on ``rgb``, or ``FaceError`` ``no_face_found`` / ``several_faces``."""
    detector, landmarks, recognizer = models()
    # Upsampled once when the image is small (a chip's DG2 portrait is often 240 × 320): faces from about 40 pixels.
    upsample = 1 if max(rgb.shape[:2]) <= 800 else 0
    boxes, scores, _ = detector.run(rgb, upsample, _MIN_DETECTION_SCORE)
    faces = [box for box, score in zip(boxes, scores, strict=True) if score > _MIN_DETECTION_SCORE]
    if not faces:
        raise FaceError(
            "no_face_found", "No face was found on this image: the face should be frontal, lit and uncovered."
        )
    if len(faces) > 1:
        raise FaceError(
            "several_faces", f"{len(faces)} faces were found on this image: take a photo of the traveller alone."
        )
    shape = landmarks(rgb, faces[0])
    return np.array(recognizer.compute_face_descriptor(rgb, shape), dtype=np.float64)
