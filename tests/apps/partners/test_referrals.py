"""Referring and handing over to a partner agency: exactly the fields chosen, at the officer's own post."""

from datetime import date

import pytest

from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.common.errors import Invalid, NotFound, PermissionDenied
from borderdesk.apps.partners import services
from borderdesk.apps.partners.models import Alert, Referral
from borderdesk.apps.posts.services import create_post
from borderdesk.core.partners import REASON_MAX
from tests.actors import SETUP
from tests.apps.partners.conftest import PERSON


def refer(actor, post, partner, **changes):
    fields = dict(post=post, partner=partner, kind="handover", reason="Apprehended on the beach.", shared=PERSON)
    return services.refer(actor, **{**fields, **changes})


def test_a_referral_stores_exactly_what_is_shared_and_queues_an_alert(patrol_officer, sector, police):
    referral = refer(patrol_officer, sector, police, source="incident_person:7")

    year = sector.local_date().year
    assert referral.reference == f"REF-UTPSN-{year}-000001"
    assert referral.shared == PERSON
    alert = Alert.objects.get(referral=referral)
    assert (alert.event, alert.partner, alert.state) == ("referral.made", police, "pending")
    assert alert.payload["shared"] == PERSON and alert.payload["reference"] == referral.reference
    assert "source" not in alert.payload and "incident_person:7" not in str(alert.payload)
    event = AuditEvent.objects.get(action="partners.referral.make")
    assert event.new_values["fields_shared"] == sorted(PERSON) and event.post_code == "UTPSN"
    assert "ERIKSSON" not in str(event.new_values)  # the trail names the fields, the referral keeps the values


def test_references_count_on_within_the_post_s_year(patrol_officer, sector, police):
    first, second = refer(patrol_officer, sector, police), refer(patrol_officer, sector, police)
    assert second.reference.endswith("000002") and first.reference != second.reference


def test_dates_are_shared_as_iso_text(patrol_officer, sector, police):
    referral = refer(patrol_officer, sector, police, shared={"birth_date": date(1974, 8, 12)})
    assert referral.shared == {"birth_date": "1974-08-12"}


def test_another_post_is_refused_and_nothing_is_stored(patrol_officer, police, db):
    elsewhere = create_post(
        SETUP, code="UTNGT", name="Land crossing", kind="patrol_sector", country="UTO", time_zone="Europe/Lisbon"
    )
    with pytest.raises(PermissionDenied):
        refer(patrol_officer, elsewhere, police)
    assert not Referral.objects.exists() and not Alert.objects.exists()


def test_a_border_officer_may_not_refer(make_user, sector, police):
    officer = make_user("primary", "border_officer", posts=[sector.code])
    with pytest.raises(PermissionDenied):
        refer(officer, sector, police)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"shared": {**PERSON, "criminal_record": "x"}}, "field_not_shareable"),
        ({"shared": {}}, "nothing_shared"),
        ({"shared": ["surname"]}, "shared_invalid"),
        ({"shared": {"surname": {"nested": 1}}}, "value_invalid"),
        ({"shared": {"remarks": "x" * 100_000}}, "value_too_long"),
        ({"reason": "x" * (REASON_MAX + 1)}, "reason_too_long"),
        ({"reason": "   "}, "reason_required"),
        ({"kind": "rendition"}, "kind_invalid"),
        ({"source": "s" * 61}, "source_too_long"),
    ],
)
def test_bad_input_is_refused_with_a_code_and_stores_nothing(patrol_officer, sector, police, changes, code):
    with pytest.raises(Invalid) as refused:
        refer(patrol_officer, sector, police, **changes)
    assert refused.value.code == code
    assert not Referral.objects.exists() and not Alert.objects.exists()


def test_an_inactive_partner_is_refused(patrol_officer, sector, police):
    police.is_active = False
    police.save()
    with pytest.raises(Invalid) as refused:
        refer(patrol_officer, sector, police)
    assert refused.value.code == "partner_inactive"
    assert police not in services.partners_for_referral()


def test_an_unknown_partner_or_person_is_not_found(patrol_officer, sector, police):
    with pytest.raises(NotFound) as refused:
        refer(patrol_officer, sector, 999_999)
    assert refused.value.code == "partner_not_found"
    with pytest.raises(NotFound) as refused:
        refer(patrol_officer, sector, police, traveller=999_999)
    assert refused.value.code == "traveller_not_found"


def test_partners_for_referral_lists_the_active_ones(police, customs):
    assert services.partners_for_referral() == [customs, police]
    assert set(services.SHAREABLE) >= {"surname", "birth_date", "health_needs", "circumstances", "occurred_at"}
