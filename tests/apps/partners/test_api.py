"""The partner's API with its own account's bearer token: only the referrals made to it, only what was shared;
acknowledging and taking custody; another partner's references answer 404 and are recorded as refusals; signed
callbacks, with stale, forged and replayed signatures refused."""

import json
import time

import pytest

from borderdesk.apps.accounts.tokens import issue_token
from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.partners.models import Referral
from borderdesk.apps.partners.services import management, refer
from borderdesk.apps.partners.services.referrals import sign_handover
from borderdesk.core.partners import sign
from tests.actors import SETUP
from tests.apps.partners.conftest import PERSON

API = "/api/v1/partners"
VIEW_FIELDS = {"reference", "kind", "reason", "shared", "made_at", "post", "state"}


def bearer(partner) -> dict:
    if partner.account_id is None:
        management.create_account(SETUP, partner)
        partner.refresh_from_db()
    _, secret = management.issue_partner_token(SETUP, partner, name="their case system")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def made(patrol_officer, sector, police, customs):
    """A hand-over to the police, a referral to the police, and a referral to customs."""

    def make(partner, kind):
        return refer(
            patrol_officer,
            post=sector,
            partner=partner,
            kind=kind,
            reason=f"{kind} for {partner.code}",
            shared=PERSON,
            source="incident_person:41",
        )

    return make(police, "handover"), make(police, "referral"), make(customs, "referral")


def post_json(client, path, data, **headers):
    return client.post(path, json.dumps(data), content_type="application/json", **headers)


def test_a_partner_lists_only_its_referrals_and_only_what_was_shared(client, police, made):
    auth = bearer(police)
    answer = client.get(f"{API}/referrals", **auth)
    assert answer.status_code == 200
    rows = answer.json()
    assert [row["reference"] for row in rows] == [made[1].reference, made[0].reference]
    assert all(set(row) == VIEW_FIELDS for row in rows)
    assert rows[0]["shared"] == PERSON and rows[0]["post"] == "UTPSN" and rows[0]["state"] == "made"
    assert "incident_person" not in answer.content.decode()
    reads = AccessEvent.objects.filter(actor_username="partner-police")
    assert sorted(reads.values_list("object_id", flat=True)) == sorted(str(r.pk) for r in made[:2])
    assert client.get(f"{API}/referrals?limit=1&offset=1", **auth).json()[0]["reference"] == made[0].reference
    assert client.get(f"{API}/referrals?limit=100000", **auth).status_code == 422


def test_reading_one_referral_is_an_access_event(client, police, made):
    auth = bearer(police)
    answer = client.get(f"{API}/referrals/{made[0].reference}", **auth)
    assert answer.status_code == 200 and answer.json()["kind"] == "handover"
    assert AccessEvent.objects.filter(actor_username="partner-police", object_id=str(made[0].pk)).count() == 1


@pytest.mark.parametrize("path", ["", "/acknowledge", "/custody"])
def test_another_partner_s_reference_is_not_found_and_recorded_as_a_refusal(client, police, made, path):
    auth = bearer(police)
    theirs = made[2].reference
    data = {"officer": "Sgt Ana", "signature": "Sgt Ana"}
    url = f"{API}/referrals/{theirs}{path}"
    answer = post_json(client, url, data, **auth) if path else client.get(url, **auth)
    assert answer.status_code == 404 and answer.json()["code"] == "referral_not_found"
    refusal = AuditEvent.objects.get(action="access.denied", actor_username="partner-police")
    assert refusal.new_values["path"] == url
    assert not AccessEvent.objects.filter(object_id=str(made[2].pk)).exists()
    assert Referral.objects.get(pk=made[2].pk).acknowledged_at is None


def test_a_reference_that_does_not_exist_is_the_same_404(client, police, made):
    answer = client.get(f"{API}/referrals/REF-NOPE-2026-000009", **bearer(police))
    assert answer.status_code == 404 and answer.json()["code"] == "referral_not_found"


def test_acknowledging_is_idempotent_and_other_data_is_a_conflict(client, police, made):
    auth = bearer(police)
    url = f"{API}/referrals/{made[1].reference}/acknowledge"
    first = post_json(client, url, {"officer": "Sgt Ana Lopes", "partner_reference": "POL-77"}, **auth)
    assert first.status_code == 200 and first.json()["state"] == "acknowledged"
    again = post_json(client, url, {"officer": "Sgt  Ana Lopes ", "partner_reference": "POL-77"}, **auth)
    assert again.status_code == 200
    other = post_json(client, url, {"officer": "Cpl Other", "partner_reference": "POL-78"}, **auth)
    assert other.status_code == 409 and other.json()["code"] == "already_acknowledged"
    referral = Referral.objects.get(pk=made[1].pk)
    assert (referral.acknowledged_by, referral.partner_reference) == ("Sgt Ana Lopes", "POL-77")
    assert AuditEvent.objects.filter(action="partners.referral.acknowledge").count() == 1


@pytest.mark.parametrize(
    ("data", "status", "code"),
    [
        ({"officer": "   "}, 422, "signature_required"),
        ({"officer": "x" * 201}, 422, "invalid_request"),
        ({"officer": "Sgt", "partner_reference": "x" * 10_000}, 422, "invalid_request"),
        ({}, 422, "invalid_request"),
    ],
)
def test_bad_acknowledgements_are_refused_and_change_nothing(client, police, made, data, status, code):
    answer = post_json(client, f"{API}/referrals/{made[1].reference}/acknowledge", data, **bearer(police))
    assert answer.status_code == status and answer.json()["code"] == code
    assert Referral.objects.get(pk=made[1].pk).acknowledged_at is None


def test_custody_passes_only_after_our_officer_signed(client, police, made, patrol_officer):
    auth = bearer(police)
    handover, referral = made[0], made[1]
    url = f"{API}/referrals/{handover.reference}/custody"
    early = post_json(client, url, {"signature": "Sgt Ana Lopes"}, **auth)
    assert early.status_code == 409 and early.json()["code"] == "handover_not_signed"

    sign_handover(patrol_officer, handover.reference, signature="Officer Joao Silva")
    taken = post_json(client, url, {"signature": "Sgt Ana Lopes"}, **auth)
    assert taken.status_code == 200 and taken.json()["state"] == "custody_passed"
    assert post_json(client, url, {"signature": "Sgt Ana Lopes"}, **auth).status_code == 200
    other = post_json(client, url, {"signature": "Cpl Other"}, **auth)
    assert other.status_code == 409 and other.json()["code"] == "custody_already_passed"
    stored = Referral.objects.get(pk=handover.pk)
    assert (stored.handed_over_by_signature, stored.taken_by_signature) == ("Officer Joao Silva", "Sgt Ana Lopes")
    event = AuditEvent.objects.get(action="partners.custody.take")
    assert event.new_values["handed_over_by"] == "Officer Joao Silva" and event.post_code == "UTPSN"

    not_handover = post_json(client, f"{API}/referrals/{referral.reference}/custody", {"signature": "S"}, **auth)
    assert not_handover.status_code == 409 and not_handover.json()["code"] == "not_a_handover"


def test_other_tokens_and_no_token_are_refused(client, police, made, make_user, customs):
    officer = make_user("primary", "border_officer", posts=["UTPSN"])
    _, officer_token = issue_token(SETUP, officer, name="x")
    answer = client.get(f"{API}/referrals", HTTP_AUTHORIZATION=f"Bearer {officer_token}")
    assert answer.status_code == 403
    assert client.get(f"{API}/referrals").status_code == 401
    assert client.get(f"{API}/referrals", HTTP_AUTHORIZATION="Bearer bdt_wrong").status_code == 401

    auth = bearer(police)
    token = police.account.api_tokens.get()
    management.revoke_partner_token(SETUP, police, token.prefix)
    assert client.get(f"{API}/referrals", **auth).status_code == 401


def test_an_inactive_partner_s_account_reaches_nothing(client, police, made):
    auth = bearer(police)
    police.is_active = False
    police.save()
    answer = client.get(f"{API}/referrals", **auth)
    assert answer.status_code == 403 and answer.json()["code"] == "no_partner"


# --- signed callbacks ----------------------------------------------------------------------------------------------


def signed(client, partner_code, secret, data, *, timestamp=None, signature=None, body=None):
    body = body if body is not None else json.dumps(data).encode()
    timestamp = int(time.time()) if timestamp is None else timestamp
    headers = {
        "HTTP_X_BORDERDESK_PARTNER": partner_code,
        "HTTP_X_BORDERDESK_TIMESTAMP": str(timestamp),
        "HTTP_X_BORDERDESK_SIGNATURE": signature or sign(secret.encode(), timestamp, body),
    }
    return client.post(f"{API}/callbacks", body, content_type="application/json", **headers)


def ack(reference, officer="Sgt Ana Lopes", partner_reference="POL-9") -> dict:
    return {
        "event": "referral.acknowledge",
        "reference": reference,
        "officer": officer,
        "partner_reference": partner_reference,
    }


def test_a_signed_callback_acknowledges_and_its_replay_is_refused(client, hooked, made):
    partner, secret = hooked
    body = json.dumps(ack(made[1].reference)).encode()
    timestamp = int(time.time())
    first = signed(client, partner.code, secret, None, body=body, timestamp=timestamp)
    assert first.status_code == 200 and first.json()["state"] == "acknowledged"
    event = AuditEvent.objects.get(action="partners.referral.acknowledge")
    assert event.actor_username == "system:signed callback of partner police"

    replay = signed(client, partner.code, secret, None, body=body, timestamp=timestamp)
    assert replay.status_code == 409 and replay.json()["code"] == "signature_replayed"


def test_a_stale_signature_has_expired(client, hooked, made):
    partner, secret = hooked
    answer = signed(client, partner.code, secret, ack(made[1].reference), timestamp=int(time.time()) - 301)
    assert answer.status_code == 401 and answer.json()["code"] == "signature_expired"
    assert Referral.objects.get(pk=made[1].pk).acknowledged_at is None


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"signature": "v1=" + "0" * 64}, 401, "signature_invalid"),
        ({"secret": "whsec_guessed"}, 401, "signature_invalid"),
        ({"partner": "customs"}, 401, "signature_invalid"),  # customs has no secret
        ({"partner": "nobody"}, 401, "signature_invalid"),
        ({"partner": ""}, 400, "signature_missing"),
        ({"signature": "sha1=abc"}, 400, "signature_malformed"),
    ],
)
def test_forged_or_unsigned_callbacks_are_refused(client, hooked, made, change, status, code):
    partner, secret = hooked
    answer = signed(
        client,
        change.get("partner", partner.code),
        change.get("secret", secret),
        ack(made[1].reference),
        signature=change.get("signature"),
    )
    assert answer.status_code == status and answer.json()["code"] == code
    assert Referral.objects.get(pk=made[1].pk).acknowledged_at is None


def test_a_signed_callback_reaches_only_the_partner_s_own_referrals(client, hooked, made):
    partner, secret = hooked
    answer = signed(client, partner.code, secret, ack(made[2].reference))
    assert answer.status_code == 404 and answer.json()["code"] == "referral_not_found"
    assert AuditEvent.objects.filter(action="access.denied", actor_username__contains="callback").exists()


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"not json", "invalid_json"),
        (json.dumps({"event": "referral.delete", "reference": "x"}).encode(), "event_invalid"),
        (json.dumps({"event": "referral.acknowledge", "reference": 5}).encode(), "invalid_field"),
        (json.dumps({"event": "referral.acknowledge", "officer": "x"}).encode(), "reference_required"),
        (b" " * 20_000, "body_too_large"),
    ],
)
def test_a_signed_but_malformed_callback_is_refused(client, hooked, made, body, code):
    partner, secret = hooked
    answer = signed(client, partner.code, secret, None, body=body)
    assert answer.status_code == 422 and answer.json()["code"] == code


@pytest.mark.parametrize(
    "content_type, status, code",
    [
        ("multipart/form-data", 400, "invalid_form_data"),  # no boundary: the form cannot be read
        ("multipart/form-data; boundary=xyz", 415, "body_not_raw"),  # read as a form: its bytes are gone
    ],
)
def test_a_callback_sent_as_a_form_is_refused_in_words(client, content_type, status, code):
    response = client.generic("POST", "/api/v1/partners/callbacks", b"--xyz--\r\n", content_type=content_type)
    assert response.status_code == status and response.json()["code"] == code
