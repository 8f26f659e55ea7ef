"""The procedure's panels and forms on a claim's page: what each officer sees and may send, errors shown with
what was typed kept, a form sent without a live opening answered with the opening form."""

from borderdesk.apps.asylum.models import Claim
from tests.apps.asylum import steps
from tests.apps.asylum.test_evidence import _png


def _page(http, claim):
    return http.get(f"/asylum/claims/{claim.reference}/")


def test_the_officer_works_the_claim_through_the_page(client_for, claim, asylum_officer, unit_senior):
    steps.register(claim)
    steps.open_for(asylum_officer, claim)
    http = client_for(asylum_officer)
    page = _page(http, claim).content.decode()
    assert 'data-testid="admissible-form"' in page and 'data-testid="inadmissible-form"' in page
    base = f"/asylum/claims/{claim.reference}"
    assert http.post(f"{base}/admissible", {"version": steps.version(claim)}).status_code == 302
    answer = http.post(
        f"{base}/interviews/schedule",
        {"version": steps.version(claim), "scheduled_for": steps.soon(), "language": "fr", "interpreter": "Layla H"},
    )
    assert answer.status_code == 422 and "language_not_spoken" in answer.content.decode()
    assert 'value="Layla H"' in answer.content.decode()  # what was typed is kept
    http.post(
        f"{base}/interviews/schedule",
        {"version": steps.version(claim), "scheduled_for": steps.soon(), "language": "ar", "interpreter": "Layla H"},
    )
    interview = Claim.objects.get(pk=claim.pk).interviews.get()
    http.post(f"{base}/interviews/{interview.pk}/record", {"version": steps.version(claim), "record_text": "Q/A"})
    page = _page(http, claim).content.decode()
    assert 'data-status="not confirmed"' in page and 'data-testid="no-confirmed-interview"' in page
    http.post(f"{base}/interviews/{interview.pk}/confirm", {"version": steps.version(claim), "remarks": ""})
    upload = http.post(
        f"{base}/documents/add", {"version": steps.version(claim), "title": "Press card", "file": _doc()}
    )
    assert upload.status_code == 302
    answer = http.post(
        f"{base}/decision/propose",
        {"version": steps.version(claim), "outcome": "refugee_status", "reasons": "Well-founded fear."},
    )
    assert answer.status_code == 302 and Claim.objects.get(pk=claim.pk).state == "decision_proposed"
    assert http.post(f"{base}/decision/approve", {"version": steps.version(claim)}).status_code == 403

    steps.open_for(unit_senior, claim, "review")
    senior = client_for(unit_senior)
    page = _page(senior, claim).content.decode()
    assert 'data-testid="review-forms"' in page and "Well-founded fear." in page
    stale = senior.post(f"{base}/decision/approve", {"version": "1"})
    assert stale.status_code == 409 and "claim_changed" in stale.content.decode()
    assert senior.post(f"{base}/decision/approve", {"version": steps.version(claim)}).status_code == 302
    page = _page(senior, claim).content.decode()
    assert 'data-testid="permit-card"' in page
    card = senior.get(f"{base}/permit.pdf")
    assert card.status_code == 200 and card.content.startswith(b"%PDF")
    document = Claim.objects.get(pk=claim.pk).documents.get()
    got = senior.get(f"{base}/documents/{document.pk}")
    assert got.status_code == 200 and got.content == _png()


def _doc():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("card.png", _png(), "image/png")


def test_a_form_sent_without_an_opening_asks_for_it_again(client_for, claim, asylum_officer):
    steps.register(claim)
    answer = client_for(asylum_officer).post(f"/asylum/claims/{claim.reference}/admissible", {"version": "2"})
    assert answer.status_code == 409 and "opening_required" in answer.content.decode()
    assert Claim.objects.get(pk=claim.pk).state == "registered"


def test_another_units_officer_is_refused(client_for, claim, outsider_officer):
    answer = client_for(outsider_officer).post(f"/asylum/claims/{claim.reference}/admissible", {"version": "1"})
    assert answer.status_code == 403
