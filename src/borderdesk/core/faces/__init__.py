"""Face comparison: a live photo against a reference portrait (a chip's DG2 image) with dlib's face recognition
model. It gives a distance and what its threshold means; it never decides."""

from borderdesk.core.faces.comparison import (
    PUBLISHED,
    THRESHOLD,
    FaceComparison,
    compare_faces,
    descriptor_of,
    distance,
)
from borderdesk.core.faces.errors import FaceError
from borderdesk.core.faces.images import MAX_BYTES, MAX_PIXELS, image_format, load_rgb
from borderdesk.core.faces.model import MODEL_NAME

__all__ = [
    "MAX_BYTES",
    "MAX_PIXELS",
    "MODEL_NAME",
    "PUBLISHED",
    "THRESHOLD",
    "FaceComparison",
    "FaceError",
    "compare_faces",
    "descriptor_of",
    "distance",
    "image_format",
    "load_rgb",
]
