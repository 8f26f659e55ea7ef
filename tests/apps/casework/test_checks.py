"""The checks on an application and its assessment: a listed sponsor is found with the match explained, an overstay
and a refusal in the border history show (flagged, not refused), a stolen passport shows, the days already used
count against 90 in 180, a second run before the decision is stored beside the first, another post's officer is
refused and nothing is screened or stored for them, and a stale page changes nothing."""

from datetime import UTC, date, datetime, timedelta

import pytest

from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.casework.models import Application, CaseEvent, CheckRun, SupportingFile
from borderdesk.apps.casework.services.cases import act
from borderdesk.apps.casework.services.checks import latest_run, latest_runs, run_checks, start_checks
from borderdesk.apps.casework.services.lodging import lodge
from borderdesk.apps.common.errors import Conflict, Invalid, PermissionDenied
from borderdesk.apps.travellers.models import Crossing, CrossingOutcome, Direction, Stay
from borderdesk.apps.watchlists.models import Screening
from borderdesk.apps.watchlists.services import forget_screener, import_list
from tests.actors import SETUP
from tests.apps.casework.conftest import LODGED_ON, TOURIST, make_traveller

TODAY = date(2026, 3, 5)
NATIONAL = """id,name,aliases,birth_date,nationality,sex,document_numbers,reason,action
UTO-1,Sergei Volkov,Sergei Wolkow,1971-03-04,UKR,M,PV9039473:UKR,Absconded from custody,arrest
UTO-4,Marguerite Oyelaran-Smith,,1980,FRA,F,,Entry ban until 2030,refuse_entry
"""
ALL_FILES = ("travel_document_copy", "photograph", "travel_medical_insurance", "means_of_subsistence", "accommodation")


@pytest.fixture(autouse=True)
def screener_in_tmp(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    forget_screener()
    yield
    forget_screener()


@pytest.fixture
def national(db, tmp_path):
    path = tmp_path / "national.csv"
    path.write_text(NATIONAL, encoding="utf-8")
    return import_list(SETUP, "csv", path, list_name="national")


@pytest.fixture
def empty_register(monkeypatch):
    from borderdesk.apps.travel_documents import services as documents
    from borderdesk.core.documents import LostStolenRegister

    monkeypatch.setattr(documents, "_cached", (None, LostStolenRegister()))
    return documents


def _admissible(consul, case):
    return act(consul, case.reference, "find_admissible")


def _files(case, codes=ALL_FILES):
    for index, code in enumerate(codes):
        SupportingFile.objects.create(
            application=case,
            document_code=code,
            filename=f"{code}.pdf",
            content_type="application/pdf",
            size=100,
            sha256="0" * 64,
            stored_as=f"{case.pk}-{index}-{code}",
            key_id="k1",
            uploaded_at=datetime(2026, 3, 2, 10, tzinfo=UTC),
        )


def _stay(traveller, document, post, entry: date, exit_: date | None, admitted_until: date, overstay: int = 0):
    entry_crossing = Crossing.objects.create(
        traveller=traveller,
        document=document,
        post=post,
        direction=Direction.ENTRY,
        outcome=CrossingOutcome.ADMITTED,
        occurred_at=datetime.combine(entry, datetime.min.time(), tzinfo=UTC) + timedelta(hours=12),
        admitted_until=admitted_until,
    )
    exit_crossing = None
    if exit_ is not None:
        exit_crossing = Crossing.objects.create(
            traveller=traveller,
            document=document,
            post=post,
            direction=Direction.EXIT,
            outcome=CrossingOutcome.EXITED,
            occurred_at=datetime.combine(exit_, datetime.min.time(), tzinfo=UTC) + timedelta(hours=12),
        )
    return Stay.objects.create(
        traveller=traveller,
        entry=entry_crossing,
        exit=exit_crossing,
        entry_date=entry,
        exit_date=exit_,
        admitted_until=admitted_until,
        overstay_days=overstay,
    )


def _criterion(run, criterion_id):
    return next(c for c in run.results["assessment"]["criteria"] if c["id"] == criterion_id)


# --- a clean case ----------------------------------------------------------------------------------------------------


def test_a_clean_case_is_clear_and_every_criterion_met(consul, visa_case, national, empty_register):
    _admissible(consul, visa_case)
    _files(visa_case)
    Application.objects.filter(pk=visa_case.pk).update(answers={**TOURIST, "means_per_day": 100})
    run = start_checks(consul, visa_case.reference, version=2, today=TODAY)
    case = Application.objects.get(pk=visa_case.pk)
    assert case.state == "checks_running" and case.version == 3
    assert run.stage == "lodged" and run.clear, run.results["attention"]
    assessment = run.results["assessment"]
    assert assessment["all_met"] and [c["outcome"] for c in assessment["criteria"]] == ["met"] * 6
    days = _criterion(run, "ninety_in_one_eighty")
    assert days["facts"]["days_used"] == 15 and days["legal_basis"]["article"] == "s. 20(1)"
    assert _criterion(run, "means_of_subsistence")["why"].startswith("100 a day for 15 days is 1500")
    people = run.results["people"]
    assert [p["role"] for p in people] == ["applicant"] and people[0]["screening"]["summary"] == "no match"
    assert run.results["register"] == {"checked": True, "document": "P NGA A07654321", "entry": None}
    # the timeline, the audit trail and the access events say what was done
    assert CaseEvent.objects.filter(application=visa_case, kind="check", details__stage="lodged").count() == 1
    audit = AuditEvent.objects.get(action="casework.checks.run")
    assert audit.post_code == "UTB" and audit.new_values["clear"] is True
    assert AccessEvent.objects.filter(object_type="travel_document", object_id="NGA:A07654321").exists()
    assert Screening.objects.filter(purpose=f"casework checks {visa_case.reference}").count() == 1


def test_start_checks_through_the_simple_action_runs_them_too(consul, visa_case):
    _admissible(consul, visa_case)
    act(consul, visa_case.reference, "start_checks", version=2)
    run = latest_run(visa_case, "lodged")
    assert run is not None and not run.clear
    assert "no watchlist is in force: nobody was screened against a list" in run.results["attention"]
    assert _criterion(run, "no_alert")["outcome"] == "unknown"


# --- what the checks find ---------------------------------------------------------------------------------------------


def test_a_listed_sponsor_is_found_with_the_match_explained(consul, embassy, applicant, national, client_for):
    traveller, document = applicant
    case = lodge(
        consul,
        post=embassy,
        kind="short_stay_visa",
        traveller=traveller,
        document=document,
        answers=TOURIST,
        sponsor={"kind": "host", "name": "Sergei Volkov", "birth_date": "1971-03-04", "nationality": "UKR"},
        lodged_on=LODGED_ON,
    )
    _admissible(consul, case)
    run = start_checks(consul, case.reference, today=TODAY)
    sponsor = next(p for p in run.results["people"] if p["role"] == "sponsor")
    assert sponsor["name"] == "Sergei Volkov" and sponsor["relation"] == "host"
    match = sponsor["screening"]["matches"][0]
    assert match["list"] == "national" and match["entry_id"] == "UTO-1" and match["decision"] == "hit"
    assert match["score"] > 0.9 and "name" in match["explanation"] and "birth_date" in match["explanation"]
    assert not run.clear and _criterion(run, "no_alert")["outcome"] == "not_met"
    applicant_row = next(p for p in run.results["people"] if p["role"] == "applicant")
    assert applicant_row["screening"]["matches"] == []
    page = client_for(consul).get(f"/casework/{case.reference}/").content.decode()
    assert 'data-testid="screened-sponsor"' in page and "Absconded from custody" in page
    assert 'data-testid="explanation"' in page and "UTO-1" in page


def test_family_members_are_screened_with_the_principal(consul, embassy, visa_case, national):
    spouse, spouse_document = make_traveller("OYELARAN-SMITH", "MARGUERITE", "FRA", "FR1234567", date(1980, 6, 1))
    member = lodge(
        consul,
        post=embassy,
        kind="short_stay_visa",
        traveller=spouse,
        document=spouse_document,
        answers=TOURIST,
        principal=visa_case,
        relationship="spouse",
        lodged_on=LODGED_ON,
    )
    _admissible(consul, visa_case)
    run = start_checks(consul, visa_case.reference, today=TODAY)
    family = [p for p in run.results["people"] if p["role"] == "family"]
    assert [(p["reference"], p["relation"]) for p in family] == [(member.reference, "spouse")]
    assert family[0]["screening"]["hits"] == 1 and family[0]["screening"]["required_action"] == "refuse_entry"
    # and the family member's own checks screen the principal
    _admissible(consul, member)
    theirs = start_checks(consul, member.reference, today=TODAY)
    assert [p["reference"] for p in theirs.results["people"] if p["role"] == "family"] == [visa_case.reference]


def test_an_overstay_and_a_refusal_show_as_flags_not_refusals(consul, visa_case, applicant, other_port, client_for):
    traveller, document = applicant
    _stay(traveller, document, other_port, date(2025, 6, 1), date(2025, 6, 20), date(2025, 6, 15), overstay=5)
    Crossing.objects.create(
        traveller=traveller,
        document=document,
        post=other_port,
        direction=Direction.ENTRY,
        outcome=CrossingOutcome.REFUSED,
        occurred_at=datetime(2025, 9, 1, 12, tzinfo=UTC),
    )
    _admissible(consul, visa_case)
    run = start_checks(consul, visa_case.reference, today=TODAY)
    history = run.results["history"]
    assert history["counts"] == {"entries": 1, "exits": 1, "refusals": 1, "detentions": 0, "overstays": 1}
    assert history["overstays"][0]["overstay_days"] == 5 and history["overstays"][0]["admitted_until"] == "2025-06-15"
    flag = _criterion(run, "immigration_history")
    assert flag["outcome"] == "not_met" and flag["advisory"] and "not a refusal by itself" in flag["why"]
    assert "immigration_history" in run.results["assessment"]["flags"]
    assert "immigration_history" not in run.results["assessment"]["not_met"]
    assert "1 overstays on record" in run.results["attention"]
    page = client_for(consul).get(f"/casework/{visa_case.reference}/").content.decode()
    assert 'data-testid="overstays"' in page and "5 days over" in page and "flag for the officer" in page


def test_a_stay_still_open_past_its_date_is_an_overstay(consul, visa_case, applicant, other_port):
    traveller, document = applicant
    _stay(traveller, document, other_port, date(2026, 1, 10), None, date(2026, 2, 28))
    _admissible(consul, visa_case)
    run = start_checks(consul, visa_case.reference, today=TODAY)
    assert run.results["history"]["overstays"] == [
        {"entry": "2026-01-10", "exit": None, "admitted_until": "2026-02-28", "overstay_days": 5, "open": True}
    ]


def test_days_already_used_count_against_ninety_in_one_eighty(consul, visa_case, applicant, other_port):
    traveller, document = applicant
    _stay(traveller, document, other_port, date(2025, 12, 1), date(2026, 2, 20), date(2026, 2, 28))  # 82 days
    _admissible(consul, visa_case)
    run = start_checks(consul, visa_case.reference, today=TODAY)
    limit = _criterion(run, "ninety_in_one_eighty")
    assert limit["outcome"] == "not_met" and limit["facts"]["days_used"] == 97
    assert "more than 90" in limit["why"]


def test_a_stolen_passport_shows(consul, visa_case, empty_register, make_user, client_for):
    admin = make_user("registrar", "administrator", all_posts=True)
    empty_register.import_lost_stolen(
        admin,
        b"document_number,issuing_state,document_type,reported_on,reason\nA07654321,NGA,P,2026-01-15,stolen\n",
        source_name="register.csv",
    )
    _admissible(consul, visa_case)
    run = start_checks(consul, visa_case.reference, today=TODAY)
    assert run.results["register"]["entry"]["reason"] == "stolen"
    assert "travel document reported stolen on 2026-01-15" in run.results["attention"] and not run.clear
    validity = _criterion(run, "travel_document_valid")
    assert validity["outcome"] == "not_met" and "lost and stolen register" in validity["why"]
    assert AccessEvent.objects.filter(object_id="NGA:A07654321", detail="lost/stolen HIT").exists()
    page = client_for(consul).get(f"/casework/{visa_case.reference}/").content.decode()
    assert "REPORTED STOLEN on 2026-01-15" in page


def test_earlier_applications_of_the_person_are_listed_with_their_outcomes(consul, embassy, visa_case, applicant):
    traveller, document = applicant
    Application.objects.filter(pk=visa_case.pk).update(state="refused", outcome="refuse")
    second = lodge(
        consul,
        post=embassy,
        kind="short_stay_visa",
        traveller=traveller,
        document=document,
        answers=TOURIST,
        lodged_on=LODGED_ON,
    )
    _admissible(consul, second)
    run = start_checks(consul, second.reference, today=TODAY)
    assert [(a["reference"], a["outcome"], a["same_post"]) for a in run.results["earlier_applications"]] == [
        (visa_case.reference, "refuse", True)
    ]


# --- runs and stages --------------------------------------------------------------------------------------------------


def test_a_second_run_before_the_decision_is_stored_separately(consul, visa_case, client_for):
    _admissible(consul, visa_case)
    first = start_checks(consul, visa_case.reference, today=TODAY)
    with pytest.raises(Invalid) as early:
        run_checks(consul, visa_case.reference, stage="before_decision")
    assert early.value.code == "checks_not_now"
    again = run_checks(consul, visa_case.reference, stage="lodged", today=TODAY)  # a re-run while running
    act(consul, visa_case.reference, "checks_done")
    before = run_checks(consul, visa_case.reference, stage="before_decision", today=TODAY)
    assert CheckRun.objects.filter(application=visa_case).count() == 3
    assert (first.stage, again.stage, before.stage) == ("lodged", "lodged", "before_decision")
    assert first.pk != again.pk and before.run_at >= again.run_at >= first.run_at
    assert latest_run(visa_case, "before_decision") == before and latest_run(visa_case, "lodged") == again
    assert {stage: run.pk for stage, run in latest_runs(consul, visa_case.reference).items()} == {
        "lodged": again.pk,
        "before_decision": before.pk,
    }
    page = client_for(consul).get(f"/casework/{visa_case.reference}/").content.decode()
    assert 'data-testid="check-run-lodged"' in page and 'data-testid="check-run-before_decision"' in page
    assert 'href="https://legislation.utopia.example/uia-2019#s20"' in page


def test_the_page_starts_and_runs_the_checks(consul, visa_case, client_for):
    client = client_for(consul)
    page = client.get(f"/casework/{visa_case.reference}/").content.decode()
    assert 'data-testid="no-checks"' in page and 'data-testid="start-checks"' not in page  # not admissible yet
    _admissible(consul, visa_case)
    assert 'data-testid="start-checks"' in client.get(f"/casework/{visa_case.reference}/").content.decode()
    answer = client.post(f"/casework/{visa_case.reference}/start-checks", {"version": "2"})
    assert answer.status_code == 302 and Application.objects.get(pk=visa_case.pk).state == "checks_running"
    replayed = client.post(f"/casework/{visa_case.reference}/start-checks", {"version": "2"})
    assert replayed.status_code == 409 and "case_changed" in replayed.content.decode()
    assert CheckRun.objects.count() == 1
    wrong = client.post(f"/casework/{visa_case.reference}/run-checks", {"stage": "before_decision", "version": "3"})
    assert wrong.status_code == 422 and "checks_not_now" in wrong.content.decode()
    junk = client.post(f"/casework/{visa_case.reference}/run-checks", {"stage": "x" * 5000})
    assert junk.status_code == 422 and "unknown_check_stage" in junk.content.decode()
    rerun = client.post(f"/casework/{visa_case.reference}/run-checks", {"stage": "lodged", "version": "3"})
    assert rerun.status_code == 302 and CheckRun.objects.count() == 2


def test_a_stale_version_changes_nothing(consul, visa_case):
    _admissible(consul, visa_case)
    with pytest.raises(Conflict) as exc:
        start_checks(consul, visa_case.reference, version=1)
    assert exc.value.code == "case_changed"
    assert Application.objects.get(pk=visa_case.pk).state == "admissible" and not CheckRun.objects.exists()
    assert not Screening.objects.exists()


# --- who may ---------------------------------------------------------------------------------------------------------


def test_another_posts_officer_is_refused_and_nothing_is_screened(consul, caseworker, visa_case, client_for):
    _admissible(consul, visa_case)
    accesses = AccessEvent.objects.count()
    for call in (
        lambda: start_checks(caseworker, visa_case.reference),
        lambda: run_checks(caseworker, visa_case.reference, stage="lodged"),
        lambda: latest_runs(caseworker, visa_case.reference),
    ):
        with pytest.raises(PermissionDenied):
            call()
    response = client_for(caseworker).post(f"/casework/{visa_case.reference}/start-checks", {"version": "2"})
    assert response.status_code == 403 and "OKAFOR" not in response.content.decode()
    assert Application.objects.get(pk=visa_case.pk).state == "admissible"
    assert not CheckRun.objects.exists() and not Screening.objects.exists()
    assert AccessEvent.objects.count() == accesses


def test_a_reader_without_work_sees_the_runs_but_no_buttons(consul, case_senior, visa_case, client_for):
    _admissible(consul, visa_case)
    start_checks(consul, visa_case.reference, today=TODAY)
    page = client_for(case_senior).get(f"/casework/{visa_case.reference}/").content.decode()
    assert 'data-testid="check-run-lodged"' in page and 'data-testid="run-checks"' not in page
    refused = client_for(case_senior).post(f"/casework/{visa_case.reference}/run-checks", {"stage": "lodged"})
    assert refused.status_code == 403 and CheckRun.objects.count() == 1
