"""#19: the booth's live photo is compared with the portrait of the chip read at the same inspection, whichever of
the two comes first; a chip portrait with no face in it leaves the chip read as it is and says why."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from borderdesk.apps.common.errors import Invalid
from borderdesk.apps.inspection import services
from borderdesk.apps.inspection.models import FaceComparison
from borderdesk.apps.inspection.services.chip import chip_portrait
from borderdesk.apps.travel_documents.models import ChipRead
from borderdesk.apps.travel_documents.trust_store import import_trust_files
from tests.apps.inspection.conftest import TODAY, passport
from tests.apps.travel_documents.chips import utopia
from tests.core.documents.chip.pki import make_dg2
from tests.faces import portrait, reencoded

PAGE = passport(expiry=TODAY + timedelta(days=3000))


@pytest.fixture(scope="module")
def world():
    world = utopia(mrz=PAGE)
    world.data_groups[2] = make_dg2(reencoded(portrait(), scale=0.5, quality=85))  # the traveller's own face
    return world


@pytest.fixture
def inspection(officer, session, admin_user, world):
    import_trust_files(admin_user, [("utopia.der", world.trust["csca.der"])])
    return services.start_inspection(officer, session, PAGE, today=TODAY)


def test_a_photo_taken_after_the_chip_read_is_compared_with_the_chips_portrait(officer, inspection, world):
    chip = services.read_chip_at_booth(officer, inspection, list(world.files.items()))
    assert chip.verdict == "genuine"
    _photo, comparison = services.take_live_photo(officer, inspection, reencoded(portrait(), quality=70))
    assert comparison is not None and comparison.distance < comparison.threshold
    assert comparison.reference_source == "chip's DG2 portrait (genuine)"


def test_a_chip_read_after_the_photo_compares_them_at_the_booth(officer, inspection, world, client_for):
    services.take_live_photo(officer, inspection, reencoded(portrait(), quality=70))
    assert not FaceComparison.objects.exists()
    uploads = [SimpleUploadedFile(name, data) for name, data in world.files.items()]
    page = client_for(officer).post(f"/inspections/{inspection.pk}/chip", {"chip_files": uploads})
    assert page.status_code == 200
    assert "The live photo was compared with the chip&#x27;s portrait" in page.content.decode()
    comparison = FaceComparison.objects.get()
    assert comparison.inspection_id == inspection.pk and comparison.distance < comparison.threshold


def test_a_chip_portrait_without_a_face_keeps_the_read_and_says_why(officer, inspection, world):
    faceless = world.files | {"DG2": make_dg2(reencoded(portrait(), scale=0.05))}  # too small to hold a face
    services.take_live_photo(officer, inspection, reencoded(portrait(), quality=70))
    services.read_chip_at_booth(officer, inspection, list(faceless.items()))
    with pytest.raises(Invalid) as refused:
        services.compare_with_chip(officer, inspection)
    assert refused.value.code == "no_face_found"
    assert chip_portrait(inspection)[1] == "chip's DG2 portrait (not genuine)"  # whole, in its 40 characters
    assert ChipRead.objects.filter(inspection=inspection).count() == 1 and not FaceComparison.objects.exists()
