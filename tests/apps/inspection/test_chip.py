"""#19 at the booth: the chip's files beside the scan; a chip that is not genuine is a hard stop on admission the
rules cannot override; its face image is shown only through a scoped, logged read."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from borderdesk.apps.audit.models import AccessEvent
from borderdesk.apps.common.errors import Conflict, NotFound, PermissionDenied
from borderdesk.apps.inspection import services
from borderdesk.apps.inspection.models import Decision, Status
from borderdesk.apps.travel_documents.models import ChipRead
from borderdesk.apps.travel_documents.trust_store import import_trust_files
from tests.apps.inspection.conftest import TODAY, passport
from tests.apps.travel_documents.chips import swapped_face, utopia

PAGE = passport(expiry=TODAY + timedelta(days=3000))


@pytest.fixture(scope="module")
def world():
    return utopia(mrz=PAGE)


@pytest.fixture
def inspection(officer, session, admin_user, world):
    import_trust_files(admin_user, [("utopia.der", world.trust["csca.der"])])
    return services.start_inspection(officer, session, PAGE, today=TODAY)


def read(officer, inspection, files: dict[str, bytes]):
    return services.read_chip_at_booth(officer, inspection, list(files.items()))


def admit(officer, inspection, **kwargs):
    inspection.refresh_from_db()
    return services.decide(officer, inspection, kind="admit", idempotency_key="k", version=inspection.version,
                           today=TODAY, **kwargs)  # fmt: skip


def test_a_genuine_chip_that_matches_the_page_lets_the_officer_admit(officer, inspection, world):
    chip = read(officer, inspection, world.files)
    assert chip.verdict == "genuine" and chip.inspection == inspection
    assert chip.report["steps"]["mrz_matches_print"] is True
    assert admit(officer, inspection).kind == "admit"


def test_a_swapped_face_blocks_admission_whatever_the_rules_say(officer, inspection, world):
    chip = read(officer, inspection, swapped_face(world))
    assert chip.verdict == "not_genuine" and [e["code"] for e in chip.report["errors"]] == ["hash_mismatch"]
    read(officer, inspection, world.files)  # a genuine read afterwards does not wash the first
    with pytest.raises(Conflict) as refused:
        admit(officer, inspection, departure_reason="looks fine to me")
    assert refused.value.code == "chip_not_genuine"
    inspection.refresh_from_db()
    assert inspection.status == Status.OPEN and not Decision.objects.exists()
    referred = services.decide(officer, inspection, kind="refer", idempotency_key="r", version=inspection.version,
                               remarks="chip not genuine", today=TODAY)  # fmt: skip
    assert referred.kind == "refer"


def test_a_chip_of_another_document_is_not_genuine(officer, inspection):
    other = utopia(mrz=passport(number="TH7654321", expiry=TODAY + timedelta(days=3000)), country="XY")
    import_trust_files(officer.__class__.objects.get(username="admin"), [("other.der", other.trust["csca.der"])])
    chip = read(officer, inspection, other.files)
    assert chip.verdict == "not_genuine" and chip.report["steps"]["mrz_matches_print"] is False
    assert chip.report["errors"][0]["message"].endswith("document number")


def test_a_chip_of_a_country_not_trusted_is_amber_and_does_not_block(officer, inspection):
    chip = read(officer, inspection, utopia(mrz=PAGE, country="XX").files)
    assert chip.verdict == "unverifiable" and chip.report["errors"][0]["code"] == "csca_not_found"
    assert admit(officer, inspection).kind == "admit"


def test_bad_files_are_refused_and_nothing_is_kept(officer, inspection):
    from borderdesk.apps.common.errors import Invalid

    with pytest.raises(Invalid) as refused:
        read(officer, inspection, {"passport.jpg": b"\xff\xd8"})
    assert refused.value.code == "chip_file_unknown" and not ChipRead.objects.exists()


def test_the_face_is_a_logged_scoped_read(officer, inspection, world, make_user, other_port, session):
    chip = read(officer, inspection, world.files)
    assert services.chip_face(officer, inspection.pk, chip.pk).startswith(b"\x89PNG")
    logged = AccessEvent.objects.filter(purpose="chip face image", object_id=str(inspection.traveller_id))
    assert logged.count() == 1 and logged.get().post_code == "TST"
    elsewhere = make_user("elsewhere", "border_officer", posts=[other_port.code])
    with pytest.raises(PermissionDenied):
        services.chip_face(elsewhere, inspection.pk, chip.pk)
    another = services.start_inspection(officer, session, passport(number="TH0000001"), today=TODAY)
    with pytest.raises(NotFound):
        services.chip_face(officer, another.pk, chip.pk)  # a read of one inspection is not reached through another


def test_the_booth_uploads_the_files_and_shows_the_verdict_the_errors_and_the_face(client_for, officer, inspection,
                                                                                    world):  # fmt: skip
    client = client_for(officer)
    uploads = [SimpleUploadedFile(name, data) for name, data in swapped_face(world).items()]
    panel = client.post(f"/inspections/{inspection.pk}/chip", {"chip_files": uploads}).content.decode()
    assert 'data-verdict="not_genuine"' in panel and "NOT GENUINE" in panel
    assert "altered or swapped (DG2)" in panel and 'data-testid="chip-blocks-admission"' in panel
    chip = ChipRead.objects.get()
    face = client.get(f"/inspections/{inspection.pk}/chip/{chip.pk}/face.png")
    assert face.status_code == 200 and face["Content-Type"] == "image/png" and "no-store" in face["Cache-Control"]
    admission = {"kind": "admit", "idempotency_key": "x", "version": inspection.version}
    refused = client.post(f"/inspections/{inspection.pk}/decide", admission).content.decode()
    assert "chip_not_genuine" in refused
