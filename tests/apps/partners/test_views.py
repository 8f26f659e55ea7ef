"""The referral's page and the post's list for our officers; the administrators' partner pages."""

import pytest
from django.urls import reverse

from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.partners.models import Partner, Referral
from borderdesk.apps.partners.sealing import webhook_secret
from borderdesk.apps.partners.services import deliver_due, refer
from borderdesk.apps.posts.services import create_post
from borderdesk.apps.watchlists.models import WatchList
from tests.actors import SETUP
from tests.apps.partners.conftest import PERSON


@pytest.fixture
def handover(patrol_officer, sector, police):
    return refer(
        patrol_officer,
        post=sector,
        partner=police,
        kind="handover",
        reason="Apprehended at the north beach.",
        shared=PERSON,
        source="incident_person:3",
    )


def test_the_referral_page_shows_exactly_what_was_shared_and_is_an_access_event(client_for, patrol_officer, handover):
    page = client_for(patrol_officer).get(reverse("partners:referral", args=[handover.reference]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "ERIKSSON" in text and "1974-08-12" in text and "Apprehended at the north beach." in text
    assert "Made, not acknowledged yet" in text and "referral.made" in text and 'data-testid="sign-form"' in text
    assert AccessEvent.objects.filter(object_id=str(handover.pk), actor_username="patrol").exists()


def test_another_post_s_officer_is_refused_and_it_is_recorded(client_for, make_user, handover):
    create_post(SETUP, code="UTNGT", name="Land", kind="patrol_sector", country="UTO", time_zone="Europe/Lisbon")
    elsewhere = make_user("elsewhere", "patrol_officer", posts=["UTNGT"])
    page = client_for(elsewhere).get(reverse("partners:referral", args=[handover.reference]))
    assert page.status_code == 403 and "ERIKSSON" not in page.content.decode()
    assert AuditEvent.objects.filter(action="access.denied", actor_username="elsewhere", post_code="UTPSN").exists()
    signing = client_for(elsewhere).post(
        reverse("partners:sign-handover", args=[handover.reference]), {"signature": "X"}
    )
    assert signing.status_code == 403
    assert Referral.objects.get(pk=handover.pk).handed_over_by_signature == ""


def test_an_unknown_reference_is_not_found(client_for, patrol_officer, sector):
    assert client_for(patrol_officer).get(reverse("partners:referral", args=["REF-X-2026-1"])).status_code == 404


def test_the_officer_signs_the_hand_over_once(client_for, patrol_officer, handover):
    client = client_for(patrol_officer)
    url = reverse("partners:sign-handover", args=[handover.reference])
    empty = client.post(url, {"signature": "  "})
    assert empty.status_code == 422 and "signature_required" in empty.content.decode()
    huge = client.post(url, {"signature": "x" * 5000})
    assert huge.status_code == 422 and "signature_too_long" in huge.content.decode()
    assert client.post(url, {"signature": "Officer Joao Silva"}).status_code == 302
    again = client.post(url, {"signature": "Somebody Else"})
    assert again.status_code == 409 and "already_signed" in again.content.decode()
    page = client.get(reverse("partners:referral", args=[handover.reference])).content.decode()
    assert "Signed for hand-over by Officer Joao Silva" in page
    assert AuditEvent.objects.filter(action="partners.handover.sign").count() == 1


def test_the_post_s_list_and_the_delivery_log(client_for, patrol_officer, handover, police, receiver, keys_dir):
    from borderdesk.apps.partners.services import management

    police.webhook_url = receiver.url
    police.save()
    management.set_webhook_secret(SETUP, police)
    receiver.mode = "fail"
    deliver_due(SETUP)
    client = client_for(patrol_officer)
    listing = client.get(reverse("partners:referrals")).content.decode()
    assert handover.reference in listing and "National Police" in listing and "ERIKSSON" not in listing
    page = client.get(reverse("partners:referral", args=[handover.reference])).content.decode()
    assert "Failing, retried later" in page and "HTTP 500" in page and "next attempt" in page


def test_a_border_officer_is_refused_the_referral_pages(client_for, officer, handover):
    assert client_for(officer).get(reverse("partners:referrals")).status_code == 403


# --- administration ------------------------------------------------------------------------------------------------


def test_an_administrator_adds_and_changes_a_partner(client_for, admin_user, db):
    WatchList.objects.create(name="interpol-sltd")
    client = client_for(admin_user)
    form = {"code": "coast-guard", "name": "Coast Guard", "kind": "coast_guard", "country": "uto", "is_active": "on"}
    answer = client.post(reverse("partners:new"), {**form, "watchlists": ["interpol-sltd"]})
    partner = Partner.objects.get(code="coast-guard")
    assert answer.status_code == 302 and partner.watchlists == ["interpol-sltd"] and partner.country == "UTO"
    changed = client.post(
        reverse("partners:edit", args=[partner.pk]), {**form, "webhook_url": "https://cg.example/hook"}
    )
    assert changed.status_code == 302
    partner.refresh_from_db()
    assert partner.webhook_url == "https://cg.example/hook" and partner.watchlists == []
    assert AuditEvent.objects.filter(action="partners.partner.create").count() == 1
    update = AuditEvent.objects.get(action="partners.partner.update")
    assert update.old_values["watchlists"] == ["interpol-sltd"] and update.new_values["watchlists"] == []
    assert "Coast Guard" in client.get(reverse("partners:partners")).content.decode()


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"code": "Has Spaces"}, "code_invalid"),
        ({"name": ""}, "name_required"),
        ({"name": "x" * 201}, "name_too_long"),
        ({"kind": "army"}, "kind_invalid"),
        ({"country": "Utopia"}, "country_invalid"),
        ({"webhook_url": "ftp://x.example/"}, "webhook_url_invalid"),
        ({"webhook_url": "https://x.example/" + "a" * 600}, "webhook_url_too_long"),
        ({"watchlists": ["no-such-list"]}, "unknown_watchlist"),
        ({"code": "police"}, "partner_exists"),
    ],
)
def test_bad_partner_forms_are_refused_with_a_code(client_for, admin_user, police, change, code):
    form = {"code": "new-one", "name": "New", "kind": "police", "country": "UTO", **change}
    answer = client_for(admin_user).post(reverse("partners:new"), form)
    assert answer.status_code in (409, 422) and f">{code}<" in answer.content.decode()
    assert Partner.objects.count() == 1


def test_the_code_does_not_change(client_for, admin_user, police):
    form = {"code": "other", "name": "X", "kind": "police", "country": "UTO"}
    answer = client_for(admin_user).post(reverse("partners:edit", args=[police.pk]), form)
    assert answer.status_code == 422 and "code_fixed" in answer.content.decode()


def test_the_webhook_secret_is_shown_once_and_sealed_at_rest(client_for, admin_user, police, keys_dir):
    client = client_for(admin_user)
    answer = client.post(reverse("partners:set-secret", args=[police.pk]))
    assert answer.status_code == 200 and "no-store" in answer["Cache-Control"]
    secret = answer.context["shown"]["secret"]
    assert secret in answer.content.decode()
    police.refresh_from_db()
    assert secret.encode() not in bytes(police.webhook_secret) and police.webhook_key_id == "local"
    assert webhook_secret(police) == secret.encode()
    assert secret not in client.get(reverse("partners:partner", args=[police.pk])).content.decode()
    event = AuditEvent.objects.get(action="partners.partner.secret_set")
    assert secret not in str(event.new_values)
    assert client.post(reverse("partners:set-secret", args=[police.pk])).context["shown"]["secret"] != secret


def test_the_secret_is_bound_to_its_partner(admin_user, police, customs, keys_dir):
    from borderdesk.apps.common.errors import Conflict
    from borderdesk.apps.partners.services import management

    management.set_webhook_secret(SETUP, police)
    police.refresh_from_db()
    customs.webhook_secret, customs.webhook_key_id = police.webhook_secret, police.webhook_key_id
    with pytest.raises(Conflict) as refused:
        webhook_secret(customs)
    assert refused.value.code == "webhook_secret_unreadable"


def test_the_partner_s_account_and_its_tokens(client_for, admin_user, police):
    client = client_for(admin_user)
    no_account = client.post(reverse("partners:issue-token", args=[police.pk]), {"name": "case system"})
    assert no_account.status_code == 409 and "partner_has_no_account" in no_account.content.decode()
    assert client.post(reverse("partners:create-account", args=[police.pk])).status_code == 302
    police.refresh_from_db()
    assert police.account.username == "partner-police" and police.account.roles == {"partner_agency"}
    assert not police.account.has_usable_password()
    twice = client.post(reverse("partners:create-account", args=[police.pk]))
    assert twice.status_code == 409
    issued = client.post(reverse("partners:issue-token", args=[police.pk]), {"name": "case system"})
    token = issued.context["shown"]["token"]
    assert issued.status_code == 200 and token.startswith("bdt_") and "no-store" in issued["Cache-Control"]
    assert client.get("/api/v1/partners/referrals", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    prefix = police.account.api_tokens.get().prefix
    client.post(reverse("partners:revoke-token", args=[police.pk]), {"prefix": prefix})
    assert client.get("/api/v1/partners/referrals", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"partners.partner.account_create", "accounts.token.issue", "accounts.token.revoke"} <= actions


def test_another_account_s_token_is_not_revoked_from_a_partner_s_page(client_for, admin_user, police, officer):
    from borderdesk.apps.accounts.tokens import issue_token

    token, _ = issue_token(SETUP, officer, name="e-gate")
    answer = client_for(admin_user).post(reverse("partners:revoke-token", args=[police.pk]), {"prefix": token.prefix})
    assert answer.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_officers_are_refused_the_administration(client_for, patrol_officer, police):
    client = client_for(patrol_officer)
    assert client.get(reverse("partners:partners")).status_code == 403
    assert client.post(reverse("partners:set-secret", args=[police.pk])).status_code == 403
    police.refresh_from_db()
    assert not police.webhook_key_id
