"""The booth's live photo and its comparison with a reference portrait: sealed at rest, kept only as configured,
every view logged and scoped to the post, every comparison stored with the inspection and audited."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.common.errors import Conflict, Invalid, PermissionDenied
from borderdesk.apps.inspection import services
from borderdesk.apps.inspection.models import FaceComparison, LivePhoto
from borderdesk.core.audit.actions import AuditAction
from tests.apps.inspection.conftest import TODAY, passport
from tests.faces import no_face, portrait, reencoded


@pytest.fixture
def inspection(officer, session):
    return services.start_inspection(officer, session, passport(), today=TODAY)


@pytest.fixture
def intruder(make_user, other_port):
    return make_user("elsewhere", "senior_officer", posts=[other_port.code])


def _raw_sealed(photo: LivePhoto) -> bytes:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT sealed FROM {LivePhoto._meta.db_table} WHERE id = %s", [photo.pk])
        return bytes(cursor.fetchone()[0])


def test_the_photo_is_sealed_at_rest_and_opens_for_the_post(officer, inspection):
    image = reencoded(portrait(), quality=90)
    photo, comparison = services.take_live_photo(officer, inspection, image)
    assert comparison is None  # no reference portrait given
    raw = _raw_sealed(photo)
    assert b"\xff\xd8\xff" not in raw and b"JFIF" not in raw and image[100:140] not in raw
    shown, media_type = services.view_live_photo(officer, photo.pk, purpose="test")
    assert shown == image and media_type == "image/jpeg"


def test_every_view_of_the_photo_is_an_access_event(officer, inspection):
    photo, _ = services.take_live_photo(officer, inspection, portrait())
    before = AccessEvent.objects.count()
    services.view_live_photo(officer, photo.pk, purpose="booth live photo")
    services.view_live_photo(officer, photo.pk, purpose="booth live photo")
    events = list(AccessEvent.objects.order_by("-pk")[:2])
    assert AccessEvent.objects.count() == before + 2
    assert all(f"live photo {photo.pk}" in event.detail for event in events)


def test_another_posts_officer_can_neither_take_nor_see_the_photo(officer, inspection, intruder):
    photo, _ = services.take_live_photo(officer, inspection, portrait())
    with pytest.raises(PermissionDenied):
        services.view_live_photo(intruder, photo.pk, purpose="curious")
    with pytest.raises(PermissionDenied):
        services.take_live_photo(intruder, inspection, portrait())
    assert LivePhoto.objects.filter(inspection=inspection).count() == 1


def test_a_comparison_is_stored_with_the_inspection_and_audited(officer, inspection):
    photo, comparison = services.take_live_photo(
        officer, inspection, reencoded(portrait(), scale=0.5), reference=portrait(), reference_source="chip DG2"
    )
    assert comparison.likely_same and comparison.distance < comparison.threshold == 0.6
    assert comparison.model == "dlib_face_recognition_resnet_model_v1"
    event = AuditEvent.objects.filter(action=AuditAction.INSPECTION_FACE_COMPARE).get()
    assert event.new_values["distance"] == comparison.distance and event.new_values["likely_same"] is True
    again = services.compare_with_reference(officer, inspection, portrait(), reference_source="chip DG2")
    assert again.live_photo == photo and again.distance == comparison.distance
    assert FaceComparison.objects.filter(inspection=inspection).count() == 2


@pytest.mark.parametrize(
    ("live", "reference", "code"),
    [
        (no_face, None, "no_face_found"),
        (portrait, no_face, "no_face_found"),
        (lambda: reencoded(portrait())[:5000], None, "image_truncated"),
        (lambda: b"not an image", None, "image_unreadable"),
    ],
)
def test_bad_images_are_refused_with_their_code_and_nothing_is_stored(officer, inspection, live, reference, code):
    with pytest.raises(Invalid) as raised:
        services.take_live_photo(officer, inspection, live(), reference=reference() if reference else None)
    assert raised.value.code == code
    assert not LivePhoto.objects.exists() and not FaceComparison.objects.exists()


def test_comparing_before_any_photo_is_kept_says_so(officer, inspection):
    with pytest.raises(Conflict) as raised:
        services.compare_with_reference(officer, inspection, portrait(), reference_source="chip DG2")
    assert raised.value.code == "no_live_photo"


def test_a_photo_past_its_time_is_purged_and_no_longer_shown(officer, admin_user, inspection, settings):
    settings.BORDERDESK_LIVE_PHOTO_KEEP_DAYS = 7
    photo, _ = services.take_live_photo(officer, inspection, portrait())
    assert photo.keep_until - photo.taken_at == timedelta(days=7)
    assert services.purge_live_photos(admin_user, now=timezone.now() + timedelta(days=6)) == 0
    assert services.purge_live_photos(admin_user, now=timezone.now() + timedelta(days=8)) == 1
    photo.refresh_from_db()
    assert photo.sealed is None and photo.key == "" and photo.purged_at is not None
    with pytest.raises(Conflict) as raised:
        services.view_live_photo(officer, photo.pk, purpose="test")
    assert raised.value.code == "live_photo_not_kept"
    assert AuditEvent.objects.filter(action=AuditAction.INSPECTION_LIVE_PHOTO_PURGE).count() == 1
    assert services.purge_live_photos(admin_user, now=timezone.now() + timedelta(days=9)) == 0  # nothing left


def test_an_officer_may_not_purge(officer):
    with pytest.raises(PermissionDenied):
        services.purge_live_photos(officer)


def test_an_agency_that_keeps_no_photos_still_gets_the_comparison(officer, inspection, settings):
    settings.BORDERDESK_LIVE_PHOTO_KEEP_DAYS = 0
    photo, comparison = services.take_live_photo(officer, inspection, portrait(), reference=portrait())
    photo.refresh_from_db()
    assert photo.sealed is None and photo.purged_at is not None and comparison.distance == 0.0


def test_the_booth_shows_the_photo_alone_when_no_reference_is_known(officer, inspection, client_for):
    client = client_for(officer)
    page = client.post(f"/inspections/{inspection.pk}/live-photo", {"photo": _upload(portrait())})
    assert page.status_code == 200
    body = page.content.decode()
    assert "No reference portrait is known yet" in body and 'capture="user"' in body
    photo = LivePhoto.objects.get()
    image = client.get(f"/live-photos/{photo.pk}")
    assert image.status_code == 200 and "no-store" in image["Cache-Control"] and image.content == portrait()


def test_the_booth_shows_the_comparison_in_words_and_the_decision_is_untouched(officer, inspection, client_for):
    services.take_live_photo(officer, inspection, reencoded(portrait()), reference=portrait())
    body = client_for(officer).get(f"/inspections/{inspection.pk}/").content.decode()
    assert "Likely the same person: distance 0." in body and "threshold 0.6" in body and "99.38%" in body
    inspection.refresh_from_db()
    assert inspection.status == "open" and not inspection.decisions.exists()


def test_the_booth_refuses_a_face_less_or_oversized_upload_with_a_clear_message(officer, inspection, client_for):
    client = client_for(officer)
    page = client.post(f"/inspections/{inspection.pk}/live-photo", {"photo": _upload(no_face())})
    assert page.status_code == 422 and "no_face_found" in page.content.decode()
    huge = client.post(f"/inspections/{inspection.pk}/live-photo", {"photo": _upload(b"\xff" * (11 * 1024 * 1024))})
    assert huge.status_code == 422 and "image_too_large" in huge.content.decode()
    missing = client.post(f"/inspections/{inspection.pk}/live-photo", {})
    assert missing.status_code == 422 and "photo_missing" in missing.content.decode()
    assert not LivePhoto.objects.exists()


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("photo.jpg", data, content_type="image/jpeg")


def test_the_purge_command_drops_what_is_due(officer, inspection, capsys):
    from borderdesk.cli import main

    due, _ = services.take_live_photo(officer, inspection, portrait())
    kept, _ = services.take_live_photo(officer, inspection, portrait())
    LivePhoto.objects.filter(pk=due.pk).update(keep_until=timezone.now() - timedelta(seconds=1))
    assert main(["faces", "purge", "--json"]) == 0
    assert capsys.readouterr().out.strip() == '{"purged": 1}'
    assert list(LivePhoto.objects.filter(sealed__isnull=False)) == [kept]


def test_no_photo_is_taken_once_the_traveller_is_decided(officer, inspection):
    services.decide(
        officer, inspection, kind="refer", idempotency_key="r", version=inspection.version, remarks="check", today=TODAY
    )
    with pytest.raises(Conflict) as raised:
        services.take_live_photo(officer, inspection, portrait())
    assert raised.value.code == "not_decidable" and not LivePhoto.objects.exists()
