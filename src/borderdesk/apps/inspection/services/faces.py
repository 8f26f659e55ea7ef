"""The booth's live photo of the traveller and its comparison with a reference portrait (the chip's DG2 image):
taking the photo (sealed at rest, kept as the agency configures), comparing it, viewing it (every view an access
event) and purging photos past their time. A comparison is advice shown to the officer: it never decides."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.common.errors import Conflict, Invalid
from borderdesk.apps.common.sealing import keyring
from borderdesk.apps.common.services import atomic_block, pk_of, post_code_of, service
from borderdesk.apps.inspection.models import FaceComparison, Inspection, LivePhoto
from borderdesk.apps.inspection.services._common import DECIDABLE, inspection_post
from borderdesk.apps.inspection.services.chip import chip_portrait
from borderdesk.core import faces
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework.uploads import FileDamaged, FileKeys, seal, unseal

SETTING = "BORDERDESK_BIOMETRIC_KEYS"
LOCAL_KEY_FILE = "biometric-key"
MEDIA_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "JPEG2000": "image/jp2"}


def biometric_keys() -> FileKeys:
    return keyring(SETTING, LOCAL_KEY_FILE)


def _bound_name(photo: LivePhoto) -> str:
    return f"inspection|live_photo|{photo.pk}|image"


def _invalid(exc: faces.FaceError) -> Invalid:
    return Invalid(exc.message, code=exc.code)


def photo_post(photo, *_, **__) -> str:
    return post_code_of(LivePhoto, pk_of(photo, field="photo"), what="live_photo", path="inspection__post__code")


# The faces are found and described (about a second of CPU) before a transaction is opened: only the writes hold one.
@service(Perm.BORDER_INSPECTION_DECIDE, post=inspection_post, atomic=False)
def take_live_photo(
    actor, inspection, image: bytes, *, reference: bytes | None = None, reference_source: str = ""
) -> tuple[LivePhoto, FaceComparison | None]:
    """Store the booth's photo of the traveller (refused unless it shows exactly one face) and, when a reference
    portrait is given, compare the two. A reference that cannot be compared is refused with its code before
    anything is stored. The photo's bytes are sealed, or not kept at all when the agency keeps none."""
    inspection = Inspection.objects.select_related("post").get(pk=pk_of(inspection, field="inspection"))
    if inspection.status not in DECIDABLE:
        raise Conflict(
            f"This traveller is {inspection.get_status_display().lower()}: a photo is taken while they are inspected.",
            code="not_decidable",
        )
    if reference is None and (portrait := chip_portrait(inspection)) is not None:
        reference, reference_source = portrait
    try:
        if reference is None:
            faces.descriptor_of(image)  # refused unless it shows exactly one face
            compared = None
        else:
            compared = faces.compare_faces(image, reference)
    except faces.FaceError as exc:
        raise _invalid(exc) from None
    with atomic_block():
        photo = _store_photo(actor, inspection, image)
        comparison = _store_comparison(actor, inspection, photo, compared, reference_source) if compared else None
    return photo, comparison


@service(Perm.BORDER_INSPECTION_DECIDE, post=inspection_post, atomic=False)
def compare_with_reference(actor, inspection, reference: bytes, *, reference_source: str) -> FaceComparison:
    """The seam for the chip read: compare the inspection's latest kept live photo with ``reference`` (the DG2
    portrait's bytes), store and audit the result."""
    inspection = Inspection.objects.select_related("post").get(pk=pk_of(inspection, field="inspection"))
    photo = inspection.live_photos.filter(sealed__isnull=False).last()
    if photo is None:
        raise Conflict("Take the traveller's live photo first: no photo of them is kept.", code="no_live_photo")
    try:
        compared = faces.compare_faces(_unsealed(photo), reference)
    except faces.FaceError as exc:
        raise _invalid(exc) from None
    with atomic_block():
        return _store_comparison(actor, inspection, photo, compared, reference_source)


@service(Perm.BORDER_INSPECTION_DECIDE, post=inspection_post, atomic=False)
def compare_with_chip(actor, inspection) -> FaceComparison | None:
    """After a chip read: compare the inspection's kept live photo, if there is one, with the chip's portrait."""
    inspection_id = pk_of(inspection, field="inspection")
    portrait = chip_portrait(inspection_id)
    if portrait is None or not LivePhoto.objects.filter(inspection_id=inspection_id, sealed__isnull=False).exists():
        return None
    return compare_with_reference(actor, inspection_id, portrait[0], reference_source=portrait[1])


def _store_photo(actor, inspection: Inspection, image: bytes) -> LivePhoto:
    days = settings.BORDERDESK_LIVE_PHOTO_KEEP_DAYS
    photo = LivePhoto.objects.create(inspection=inspection, taken_by=actor, image_format=faces.image_format(image))
    if days > 0:
        photo.key, photo.sealed = seal(image, biometric_keys(), _bound_name(photo))
        photo.keep_until = photo.taken_at + timedelta(days=days)
    else:
        photo.purged_at = photo.taken_at
    photo.save(update_fields=["key", "sealed", "keep_until", "purged_at"])
    record_change(
        actor,
        AuditAction.INSPECTION_LIVE_PHOTO_TAKE,
        photo,
        new={"inspection": inspection.pk, "kept_until": photo.keep_until.isoformat() if photo.keep_until else None},
        post_code=inspection.post.code,
    )
    return photo


def _store_comparison(actor, inspection, photo, compared: faces.FaceComparison, source: str) -> FaceComparison:
    comparison = FaceComparison.objects.create(
        inspection=inspection,
        live_photo=photo,
        reference_source=(source or "reference portrait")[:40],
        distance=compared.distance,
        threshold=compared.threshold,
        model=compared.model,
        compared_by=actor,
    )
    record_change(
        actor,
        AuditAction.INSPECTION_FACE_COMPARE,
        comparison,
        new={
            "inspection": inspection.pk,
            "live_photo": photo.pk,
            "reference": comparison.reference_source,
            "distance": compared.distance,
            "threshold": compared.threshold,
            "model": compared.model,
            "likely_same": compared.likely_same,
        },
        post_code=inspection.post.code,
    )
    return comparison


def _unsealed(photo: LivePhoto) -> bytes:
    try:
        return unseal(bytes(photo.sealed), biometric_keys(), photo.key, _bound_name(photo), setting=SETTING)
    except FileDamaged:
        raise Conflict(
            "This photo does not open: it was altered or its key is not configured. Tell an administrator.",
            code="live_photo_damaged",
        ) from None


@service(Perm.BORDER_TRAVELLER_READ, post=photo_post)
def view_live_photo(actor, photo, *, purpose: str) -> tuple[bytes, str]:
    """The photo's bytes and media type: a logged, scoped read; ``live_photo_not_kept`` once it is purged."""
    found = LivePhoto.objects.select_related("inspection__post", "inspection__traveller").get(
        pk=pk_of(photo, field="photo")
    )
    if found.sealed is None:
        raise Conflict("This photo is no longer kept (the agency's retention).", code="live_photo_not_kept")
    record_access(
        actor,
        found.inspection.traveller,
        purpose=purpose,
        post_code=found.inspection.post.code,
        detail=f"live photo {found.pk} of inspection {found.inspection_id}",
    )
    return _unsealed(found), MEDIA_TYPES.get(found.image_format, "application/octet-stream")


@service(Perm.ADMIN_REFERENCE_MANAGE)
def purge_live_photos(actor, *, now=None) -> int:
    """Drop the bytes of every live photo past its time (the row stays, saying a photo was taken); one audit event
    says how many. Safe to run at any time and again."""
    moment = now or timezone.now()
    due = LivePhoto.objects.filter(sealed__isnull=False, keep_until__lte=moment)
    purged = due.update(sealed=None, key="", purged_at=moment)
    if purged:
        record_change(
            actor,
            AuditAction.INSPECTION_LIVE_PHOTO_PURGE,
            new={"purged": purged, "up_to": moment.isoformat()},
            object_type="inspection.livephoto",
            object_id="retention",
        )
    return purged


def photos_of(inspection: Inspection) -> dict:
    """What the booth panel shows about the live photos and comparisons of an inspection its viewer was already
    allowed to open (the access event is written there; each view of a photo's image writes its own)."""
    photos = list(inspection.live_photos.all())
    comparisons = list(inspection.face_comparisons.all())
    latest = comparisons[-1] if comparisons else None
    return {
        "live_photo": photos[-1] if photos else None,
        "face_comparison": latest,
        "face_comparison_words": _in_words(latest) if latest else "",
        "live_photo_keep_days": settings.BORDERDESK_LIVE_PHOTO_KEEP_DAYS,
    }


def _in_words(comparison: FaceComparison) -> str:
    return faces.FaceComparison(comparison.distance, comparison.threshold, comparison.model).in_words()
