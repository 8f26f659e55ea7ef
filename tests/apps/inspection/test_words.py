"""The booth panel shows words, not codes: the recommendation and its reasons, the visa policy, the watchlist's
required action and what each number of a match's explanation means."""

import re
from html import unescape

import pytest
from django.template.loader import render_to_string

from borderdesk.apps.inspection import services
from borderdesk.apps.inspection.models import Inspection
from borderdesk.apps.policy.models import Evaluation
from tests.apps.inspection.conftest import TODAY, passport
from tests.apps.inspection.test_pending_elsewhere import LISTED, national_list  # noqa: F401 (a fixture)
from tests.rosters import put_on_shift


def text_of(html: str) -> str:
    """What a reader sees: the page without its tags and attributes."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.fixture
def booth_client(client_for, officer, port):
    client = client_for(officer)
    put_on_shift(officer, port)
    client.post("/booth/open", {"booth": port.booths.get(code="A01").pk})
    return client


def scan(client, **fields) -> str:
    response = client.post("/booth/scan", {"scan": passport(**fields)})
    assert response.status_code == 200
    return text_of(response.content.decode())


def test_a_visa_free_visitor_reads_admit_and_the_reasons_in_words(booth_client):
    text = scan(booth_client)  # Thailand: visa-free for 30 days
    assert "Rules recommend: Admit" in text
    assert "Passport THA TH1234567" in text
    assert "Purpose not justified (ground UIA-12-1-e: Utopia Immigration Act 2019 s. 12(1)(e))" in text  # refuse form
    assert "Purpose of the visit not yet asked" in text and "Means of subsistence not yet examined" in text
    assert "the visa policy for this nationality: Visa-free" in text
    for code in ("ADMIT", "purpose_not_examined", "means_not_examined", "return_ticket_not_examined", "visa_free"):
        assert code not in text


def test_a_traveller_without_the_visa_they_need_reads_no_valid_visa(booth_client):
    text = scan(booth_client, surname="OKAFOR", given="CHIDI", number="A01234567", nationality="AFG")
    assert "Rules recommend: Refuse entry" in text
    assert "No valid visa" in text
    assert "visa_required_not_held" not in text and "refuse_recommended" not in text.lower()


def test_a_watchlist_hit_reads_the_action_and_what_each_number_means(booth_client, national_list):
    text = scan(booth_client, **LISTED)
    assert "Required action: Refuse entry" in text
    assert "Watchlists Required action: Refuse entry Hit · Rustam Karimov" in text
    assert "Name similarity" in text and "How alike the names are: 1.00 the same name" in text
    assert "Date of birth +0.12" in text and "Added to the name's score when the dates of birth agree" in text
    assert "on a scale from 0 to 1: the name's similarity, moved up or down" in text
    assert "Document number 0.97 listed document UZ7654321" in text
    assert "Watchlist: refuse entry" in text  # the rules' reason
    for code in ("refuse_entry", "REFUSEENTRY", "HIT", "birth_date", "watchlist_refuse_entry"):
        assert code not in text


def test_a_refusal_waiting_for_approval_names_its_grounds_in_words(client_for, officer, session, senior, second_senior):
    inspection = services.start_inspection(officer, session, passport(), today=TODAY)
    services.decide(
        senior,
        inspection,
        kind="refuse",
        grounds=["UIA-12-1-e"],
        departure_reason="purpose contradicted by the traveller's own documents",
        idempotency_key="refusal",
        version=inspection.version,
        today=TODAY,
    )
    text = text_of(client_for(second_senior).get(f"/inspections/{inspection.pk}/").content.decode())
    assert "Refuse entry by senior — grounds: Purpose not justified (UIA-12-1-e)" in text
    assert "on the grounds: Purpose not justified (UIA-12-1-e)" in text


def test_the_booth_shows_the_rules_trace_kept_once_in_their_evaluation(booth_client):
    """The inspection keeps the recommendation without its trace; the panel's "why" shows the trace of the
    evaluation it names, exactly as the rules gave it."""
    response = booth_client.post("/booth/scan", {"scan": passport()})
    inspection = Inspection.objects.latest("pk")
    assert "trace" not in inspection.recommendation
    trace = Evaluation.objects.get(pk=inspection.recommendation["evaluation_id"]).recommendation["trace"]
    why = render_to_string("inspection/_trace.html", {"node": trace})
    assert "Why (rules and facts used)" in response.content.decode()
    assert why in response.content.decode() and "Rule <strong>" in why
