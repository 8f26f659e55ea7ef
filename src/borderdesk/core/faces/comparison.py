"""Comparing two faces: the distance between their descriptors, a similarity score, and what the threshold means.

What is quoted and what is measured:
- Quoted (dlib's author, for this model, in dlib's model notes and its ``dnn_face_recognition_ex`` example): on
  the standard Labeled Faces in the Wild benchmark (6,000 pairs, half the same person, half not) the model is
  99.38% accurate when two faces at a distance below 0.6 are taken as the same person. No separate false-match and
  false-non-match rates are published: 0.62% of the pairs were wrong, which bounds each rate at 1.24% (all the
  errors in one half).
- Measured here: see ``benchmarks/faces_threshold.py`` and its results (one real face, offline), which says what it
  can and cannot show.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from borderdesk.core.faces.errors import FaceError
from borderdesk.core.faces.images import load_rgb
from borderdesk.core.faces.model import MODEL_NAME, face_descriptor

THRESHOLD = 0.6
PUBLISHED = (
    "dlib publishes 99.38% accuracy for this model on the Labeled Faces in the Wild benchmark at this threshold "
    "(6,000 pairs, half of the same person): 0.62% of pairs wrong, so at most 1.24% false matches and at most "
    "1.24% false non-matches; the two are not published apart"
)


@dataclass(frozen=True)
class FaceComparison:
    distance: float
    threshold: float
    model: str

    @property
    def likely_same(self) -> bool:
        return self.distance < self.threshold

    @property
    def similarity(self) -> float:
        """1 minus the distance, kept within 0 to 1: higher is more alike; the threshold is 1 - 0.6 = 0.4."""
        return min(1.0, max(0.0, 1.0 - self.distance))

    def in_words(self) -> str:
        verdict = "likely the same person" if self.likely_same else "likely not the same person"
        return (
            f"{verdict}: distance {self.distance:.2f}, threshold {self.threshold:.1f} (similarity "
            f"{self.similarity:.2f}); {PUBLISHED}. A comparison advises: you decide."
        )


def distance(first: np.ndarray, second: np.ndarray) -> float:
    return float(np.linalg.norm(first - second))


def descriptor_of(image: bytes, **limits: int) -> np.ndarray:
    """The descriptor of the one face in ``image`` (JPEG, PNG or JPEG 2000 bytes), or ``FaceError``."""
    return face_descriptor(load_rgb(image, **limits))


def compare_faces(live: bytes, reference: bytes, *, threshold: float = THRESHOLD, **limits: int) -> FaceComparison:
    """The live photo's face against the reference image's face (a chip's DG2 portrait), or ``FaceError`` saying
    which image is at fault (its message starts with "The live photo" or "The reference image")."""
    found = []
    for what, image in (("The live photo", live), ("The reference image", reference)):
        try:
            found.append(descriptor_of(image, **limits))
        except FaceError as exc:
            raise FaceError(exc.code, f"{what}: {exc.message}") from None
    return FaceComparison(distance=round(distance(found[0], found[1]), 4), threshold=threshold, model=MODEL_NAME)
