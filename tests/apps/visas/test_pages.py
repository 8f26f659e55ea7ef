"""The visa page (linked from the booth panel), its annul and revoke forms, the sticker, and the API read for gates:
scoped to the post, logged, refusing others without showing the holder."""

from borderdesk.apps.audit.models import AccessEvent
from borderdesk.apps.visas.models import Visa, VisaStatus
from borderdesk.apps.visas.services import revoke_visa
from tests.apps.inspection.conftest import passport
from tests.apps.visas.conftest import GERMAN, NIGERIAN

HOLDER = ("OKAFOR", "CHINEDU", "A07654321")


def test_the_booth_panel_links_to_the_visa_page(client_for, officer, session, e_visa):
    visa = e_visa[1]
    panel = client_for(officer).post("/booth/scan", {"scan": passport(**NIGERIAN)}).content.decode()
    assert f'href="/visas/{visa.number}/"' in panel and 'data-testid="visa-link"' in panel


def test_an_officer_reads_the_visa_of_a_traveller_at_their_booth(client_for, officer, e_visa):
    visa = e_visa[1]
    response = client_for(officer).get(f"/visas/{visa.number.lower()}/")
    page = response.content.decode()
    assert response.status_code == 200 and all(value in page for value in HOLDER)
    assert "Valid today" in page and 'data-testid="annul"' not in page  # a primary-line officer does not end visas
    access = AccessEvent.objects.latest("seq")
    assert (access.purpose, access.detail, access.post_code) == ("visa record", visa.number, "TST")


def test_a_senior_officer_annuls_a_visa_on_arrival_from_its_page(client_for, senior, voa):
    visa = voa[1]
    client = client_for(senior)
    assert 'data-testid="annul"' in client.get(f"/visas/{visa.number}/").content.decode()
    done = client.post(f"/visas/{visa.number}/annul", {"reason": "misprinted birth date"})
    assert done.status_code == 302 and done["Location"] == f"/visas/{visa.number}/"
    page = client.get(done["Location"]).content.decode()
    assert "Annulled" in page and "misprinted birth date" in page
    assert "Visa annulled (issued in error)" in page and "visas.visa.annul" not in page
    twice = client.post(f"/visas/{visa.number}/annul", {"reason": "again"})
    assert twice.status_code == 409 and "visa_not_valid" in twice.content.decode()
    sticker = client.get(f"/visas/{visa.number}/sticker.pdf")
    assert sticker.status_code == 409 and "visa_not_valid" in sticker.content.decode()


def test_the_revoke_form_says_what_is_wrong(client_for, senior, voa, settings):
    visa = voa[1]
    client = client_for(senior)
    huge = client.post(f"/visas/{visa.number}/revoke", {"reason": "x" * 300_000, "legal_ground": "s.31"})
    assert huge.status_code in (413, 422)
    long = client.post(
        f"/visas/{visa.number}/revoke",
        {"reason": "y" * (settings.BORDERDESK_TEXT_MAX_CHARS + 1), "legal_ground": "s.31"},
    )
    assert long.status_code == 422 and "value_too_long" in long.content.decode()
    bad_date = client.post(
        f"/visas/{visa.number}/revoke", {"reason": "fraud", "legal_ground": "s.31", "effective_on": "31/12"}
    )
    assert bad_date.status_code == 422 and "invalid_date" in bad_date.content.decode()
    assert Visa.objects.get(pk=visa.pk).status == VisaStatus.VALID
    done = client.post(f"/visas/{visa.number}/revoke", {"reason": "fraud", "legal_ground": "s.31"})
    assert done.status_code == 302 and Visa.objects.get(pk=visa.pk).status == VisaStatus.REVOKED


def test_another_posts_officer_gets_a_refusal_that_shows_nothing(client_for, elsewhere, voa):
    visa = voa[1]
    client = client_for(elsewhere)
    accesses = AccessEvent.objects.count()
    for response in (
        client.get(f"/visas/{visa.number}/"),
        client.post(f"/visas/{visa.number}/annul", {"reason": "misprint"}),
        client.post(f"/visas/{visa.number}/revoke", {"reason": "fraud", "legal_ground": "s.31"}),
        client.get(f"/visas/{visa.number}/sticker.pdf"),
        client.get(f"/api/v1/visas/{visa.number}"),
    ):
        body = response.content.decode().upper()
        assert response.status_code == 403 and "not_your_post".upper() in body
        assert not any(value in body for value in (GERMAN["surname"], GERMAN["given"], GERMAN["number"]))
    assert AccessEvent.objects.count() == accesses and Visa.objects.get(pk=visa.pk).status == VisaStatus.VALID
    assert client.get("/visas/V99999999/").status_code == 404


def test_a_gate_reads_a_visa_and_sees_it_revoked(client_for, officer, senior, e_visa):
    visa = e_visa[1]
    client = client_for(officer)
    read = client.get(f"/api/v1/visas/{visa.number}").json()
    assert read["status"] == "valid" and read["valid_today"] is True and read["holder"]["surname"] == "OKAFOR"
    assert read["holder"]["document_number"] == "A07654321" and read["entries_used"] == 0
    revoke_visa(senior, visa.number, reason="fraud", legal_ground="s.31", post_code="TST")
    again = client.get(f"/api/v1/visas/{visa.number}", {"post": "TST"}).json()
    assert again["status"] == "revoked" and again["valid_today"] is False and again["ended_on"]
    other = client.get(f"/api/v1/visas/{visa.number}", {"post": "OTH"})
    assert other.status_code in (403, 422)
