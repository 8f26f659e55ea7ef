"""Assessment against a kind's rules: each bundled kind declares criteria with their law; each criterion is met, not
met or unknown over the facts with a sentence why; the document's validity follows the dates exactly; a history
is a flag, never a refusal; any answers at all get an assessment; a bad criterion in a kind is refused."""

from __future__ import annotations

import json
from datetime import date, timedelta
from importlib import resources

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from borderdesk.core.casework import KindError, bundled_kind, bundled_kinds, load_kind
from borderdesk.core.casework.assessment import Facts, Outcome, add_months, assess, intended_stay
from borderdesk.core.casework.kinds import CHECKS

ON = date(2026, 3, 2)
TOURIST = {
    "purpose": "tourism",
    "arrival_date": "2026-04-01",
    "departure_date": "2026-04-15",
    "entries": "single",
    "previous_visa": False,
}
SHORT_STAY_FILES = frozenset(
    {"travel_document_copy", "photograph", "travel_medical_insurance", "means_of_subsistence", "accommodation"}
)
KIND_DIR = resources.files("borderdesk.core.casework") / "kinds"


def _raw(kind_id: str) -> dict:
    return json.loads(json.dumps(yaml.safe_load((KIND_DIR / f"{kind_id}.yaml").read_text(encoding="utf-8"))))


def _results(kind_id: str, **facts) -> dict:
    facts.setdefault("on", ON)
    facts.setdefault("lodged_on", ON)
    return {r.id: r for r in assess(bundled_kind(kind_id), Facts(**facts)).results}


# --- the bundled kinds ---------------------------------------------------------------------------------------------


def test_every_bundled_kind_is_assessed_with_the_law_cited():
    used = set()
    for kind in bundled_kinds().values():
        assert kind.assessment, kind.id
        ids = [c.id for c in kind.assessment]
        assert len(ids) == len(set(ids))
        for criterion in kind.assessment:
            assert criterion.legal_basis.url.startswith("https://") and criterion.legal_basis.article
            assert criterion.title
            used.add(criterion.check)
        assert {"required_documents", "watchlist_clear", "clean_history", "document_validity"} <= {
            c.check for c in kind.assessment
        }
    assert used == set(CHECKS), "every kind of check is used by a bundled kind"
    assert "sponsor_present" in {c.check for c in bundled_kind("family_reunification").assessment}
    assert "short_stay_limit" in {c.check for c in bundled_kind("short_stay_visa").assessment}
    assert "lodged_before_stay_ends" in {c.check for c in bundled_kind("extension_of_stay").assessment}


def test_a_clean_short_stay_application_meets_every_criterion():
    results = assess(
        bundled_kind("short_stay_visa"),
        Facts(
            on=ON,
            lodged_on=ON,
            answers={**TOURIST, "means_per_day": 75},
            document_expiry=date(2026, 7, 15),
            documents_present=SHORT_STAY_FILES,
            days_used=15,
            watchlist_screened=1,
        ),
    )
    assert results.all_met and not results.not_met and not results.flags and not results.unknown
    data = results.to_dict()
    assert json.loads(json.dumps(data)) == data  # stored as JSON in the check run
    means = next(c for c in data["criteria"] if c["id"] == "means_of_subsistence")
    assert means["facts"]["total"] == 1125 and means["facts"]["needed"] == 1125 and means["facts"]["days"] == 15
    assert means["legal_basis"]["url"] == "https://legislation.utopia.example/uia-2019#s10"


def test_the_document_must_be_valid_three_months_after_departure():
    short = _results("short_stay_visa", answers=TOURIST, document_expiry=date(2026, 7, 14))["travel_document_valid"]
    assert short.outcome is Outcome.NOT_MET
    assert (
        short.why
        == "Valid only until 2026-07-14; needed until 2026-07-15 (3 months after the stay's last day, 2026-04-15)."
    )
    assert _results("short_stay_visa", answers=TOURIST, document_expiry=None)["travel_document_valid"].outcome is (
        Outcome.UNKNOWN
    )
    reported = _results(
        "short_stay_visa",
        answers=TOURIST,
        document_expiry=date(2031, 1, 1),
        document_reported="stolen, reported 2026-01-15",
    )["travel_document_valid"]
    assert reported.outcome is Outcome.NOT_MET and "lost and stolen register" in reported.why
    none = _results("short_stay_visa", answers=TOURIST, has_document=False)["travel_document_valid"]
    assert none.outcome is Outcome.UNKNOWN


@settings(max_examples=300, deadline=None)
@given(
    arrival=st.dates(date(2000, 1, 1), date(2090, 12, 31)),
    length=st.integers(0, 120),
    expiry=st.dates(date(2000, 1, 1), date(2099, 12, 31)),
)
def test_document_validity_follows_the_dates_exactly(arrival, length, expiry):
    departure = arrival + timedelta(days=length)
    answers = {**TOURIST, "arrival_date": arrival.isoformat(), "departure_date": departure.isoformat()}
    result = _results("short_stay_visa", answers=answers, document_expiry=expiry)["travel_document_valid"]
    needed = add_months(departure, 3)
    assert result.outcome is (Outcome.MET if expiry >= needed else Outcome.NOT_MET)
    assert result.facts["valid_until_needed"] == needed.isoformat()


@given(st.dates(date(1, 1, 1), date(9990, 12, 31)), st.integers(0, 100))
def test_adding_months_keeps_the_day_or_the_months_last(day, months):
    later = add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later.day == day.day or (later.day < day.day and (later + timedelta(days=1)).day == 1)


def test_the_intended_stay_from_the_answers():
    assert intended_stay(bundled_kind("short_stay_visa"), TOURIST).days == 15
    long_stay = intended_stay(bundled_kind("long_stay_visa"), {"arrival_date": "2026-01-31", "length_months": 1})
    assert (long_stay.start, long_stay.end) == (date(2026, 1, 31), date(2026, 2, 27))
    extension = intended_stay(
        bundled_kind("extension_of_stay"), {"current_stay_ends": "2026-03-10", "days_requested": 20}
    )
    assert extension.end == date(2026, 3, 30)
    assert (
        intended_stay(bundled_kind("work_permit"), {"contract_start": "2026-05-01", "contract_months": 0}).end is None
    )
    assert intended_stay(bundled_kind("short_stay_visa"), {**TOURIST, "departure_date": "2026-03-01"}).end is None
    assert intended_stay(bundled_kind("short_stay_visa"), {"arrival_date": "not a date"}) is None
    assert intended_stay(bundled_kind("permanent_residence"), {}) is None


def test_an_open_ended_contract_leaves_the_validity_to_the_officer_unless_expired():
    answers = {"contract_start": "2026-05-01", "contract_months": 0, "employer_name": "Acme"}
    valid = _results("work_permit", answers=answers, document_expiry=date(2030, 1, 1))["travel_document_valid"]
    assert valid.outcome is Outcome.UNKNOWN and "open-ended" in valid.why
    expired = _results("work_permit", answers=answers, document_expiry=date(2026, 1, 1))["travel_document_valid"]
    assert expired.outcome is Outcome.NOT_MET


# --- means, the stay limit, history, documents, watchlists, sponsor, time of lodging ---------------------------------


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 500), st.booleans())
def test_means_per_day_or_the_document(per_day, has_document):
    present = frozenset({"means_of_subsistence"}) if has_document else frozenset()
    result = _results("short_stay_visa", answers={**TOURIST, "means_per_day": per_day}, documents_present=present)
    means = result["means_of_subsistence"]
    assert means.outcome is (Outcome.MET if per_day >= 75 or has_document else Outcome.NOT_MET)
    if per_day < 75 and has_document:
        assert "check it" in means.why


def test_means_not_declared_are_shown_by_the_document_or_missing():
    assert _results("short_stay_visa", answers=TOURIST)["means_of_subsistence"].outcome is Outcome.NOT_MET
    shown = _results("short_stay_visa", answers=TOURIST, documents_present=frozenset({"means_of_subsistence"}))
    assert shown["means_of_subsistence"].outcome is Outcome.MET


def test_a_refugee_sponsor_need_not_show_income():
    refugee = {
        "sponsor_name": "A",
        "sponsor_status": "refugee",
        "sponsor_permit_number": "R1",
        "relationship": "spouse",
    }
    assert _results("family_reunification", answers=refugee)["sponsor_income"].outcome is Outcome.MET
    citizen = {
        "sponsor_name": "A",
        "sponsor_status": "citizen",
        "relationship": "spouse",
        "sponsor_monthly_income": 1200,
    }
    low = _results("family_reunification", answers=citizen)["sponsor_income"]
    assert low.outcome is Outcome.NOT_MET and "1200 a month, less than the 1600 required" in low.why
    assert _results("family_reunification", answers={**citizen, "sponsor_monthly_income": 2000})[
        "sponsor_income"
    ].outcome is (Outcome.MET)


def test_proof_of_means_only_where_the_answers_call_for_it():
    work = {"purpose": "work", "arrival_date": "2026-04-01", "length_months": 12, "employer_name": "Acme"}
    assert _results("long_stay_visa", answers=work)["means_of_subsistence"].outcome is Outcome.MET
    study = {**work, "purpose": "study", "institution_name": "Uni"}
    assert _results("long_stay_visa", answers=study)["means_of_subsistence"].outcome is Outcome.NOT_MET


def test_ninety_days_in_one_eighty():
    within = _results("short_stay_visa", answers=TOURIST, days_used=90)["ninety_in_one_eighty"]
    over = _results("short_stay_visa", answers=TOURIST, days_used=91)["ninety_in_one_eighty"]
    unknown = _results("short_stay_visa", answers=TOURIST, days_used=None)["ninety_in_one_eighty"]
    assert (within.outcome, over.outcome, unknown.outcome) == (Outcome.MET, Outcome.NOT_MET, Outcome.UNKNOWN)
    assert over.why == "91 days in the 180 days up to 2026-04-15, this stay's 15 included: more than 90."


def test_a_history_is_a_flag_for_the_officer_never_a_ground():
    assessment = assess(
        bundled_kind("permanent_residence"), Facts(on=ON, lodged_on=ON, refusals=1, overstays=2, watchlist_screened=1)
    )
    history = next(r for r in assessment.results if r.id == "immigration_history")
    assert history.outcome is Outcome.NOT_MET and history.advisory
    assert (
        history.why == "On record: 1 refusal of entry, 2 overstays. For the officer to weigh; not a refusal by itself."
    )
    assert history in assessment.flags and history not in assessment.not_met
    unread = _results("permanent_residence", history_known=False)["immigration_history"]
    assert unread.outcome is Outcome.UNKNOWN


def test_required_documents_follow_the_answers():
    family = {**TOURIST, "purpose": "family_visit", "host_name": "B", "host_relationship": "sibling"}
    documents = _results("short_stay_visa", answers=family, documents_present=SHORT_STAY_FILES)["supporting_documents"]
    assert documents.outcome is Outcome.NOT_MET and documents.facts["missing"] == ["sponsor_letter"]
    assert "1 of 6 required documents missing" in documents.why


def test_watchlists():
    def outcome(**facts):
        return _results("short_stay_visa", answers=TOURIST, **facts)["no_alert"].outcome

    assert outcome() is Outcome.UNKNOWN  # nobody screened
    assert outcome(watchlist_screened=3) is Outcome.MET
    assert outcome(watchlist_screened=3, watchlist_possibles=1) is Outcome.UNKNOWN
    assert outcome(watchlist_screened=3, watchlist_errors=1) is Outcome.UNKNOWN
    assert outcome(watchlist_screened=3, watchlist_hits=1, watchlist_possibles=2) is Outcome.NOT_MET


def test_a_sponsor_is_named_in_the_answers_or_on_the_application():
    answers = {"sponsor_status": "citizen", "relationship": "spouse"}
    assert _results("family_reunification", answers=answers)["sponsor_in_utopia"].outcome is Outcome.NOT_MET
    named = _results("family_reunification", answers=answers, sponsor_name="Ada Lovelace")["sponsor_in_utopia"]
    assert named.outcome is Outcome.MET and named.why == "Named: Ada Lovelace."


def test_an_extension_is_lodged_before_the_stay_ends_as_the_record_has_it():
    answers = {"current_permission": "visa_free", "current_stay_ends": "2026-03-10", "days_requested": 10}
    in_time = _results("extension_of_stay", answers=answers, lodged_on=date(2026, 3, 10))["lodged_in_time"]
    late = _results("extension_of_stay", answers=answers, lodged_on=date(2026, 3, 11))["lodged_in_time"]
    assert (in_time.outcome, late.outcome) == (Outcome.MET, Outcome.NOT_MET)
    record = _results(
        "extension_of_stay", answers=answers, lodged_on=date(2026, 3, 10), admitted_until=date(2026, 3, 5)
    )
    assert record["lodged_in_time"].outcome is Outcome.NOT_MET
    assert "as the border record has it (the applicant answered 2026-03-10)" in record["lodged_in_time"].why
    assert _results("extension_of_stay", answers={})["lodged_in_time"].outcome is Outcome.UNKNOWN


JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["2026-02-30", "0001-01-01", "9999-12-31", "2026-04-01", "refugee", "study", "1e309", "NaN"]),
)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(sorted(bundled_kinds())),
    st.dictionaries(st.sampled_from(sorted({f.key for k in bundled_kinds().values() for f in k.form})), JUNK),
    st.one_of(st.none(), st.dates()),
    st.one_of(st.none(), st.integers(0, 10**6)),
)
def test_any_answers_get_an_assessment(kind_id, answers, expiry, days_used):
    assessment = assess(
        bundled_kind(kind_id),
        Facts(on=ON, lodged_on=ON, answers=answers, document_expiry=expiry, days_used=days_used),
    )
    assert len(assessment.results) == len(bundled_kind(kind_id).assessment)
    for result in assessment.results:
        assert result.outcome in Outcome and result.why.endswith(".")
    json.dumps(assessment.to_dict(), allow_nan=False)


# --- a bad criterion in a kind is refused -----------------------------------------------------------------------------


def _with(kind_id: str, change) -> dict:
    data = _raw(kind_id)
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "code", "path"),
    [
        (lambda d: d["assessment"][0].update(check="vibes"), "unknown_check", "assessment[0].check"),
        (lambda d: d["assessment"][0].pop("check"), "missing_field", "assessment[0].check"),
        (lambda d: d["assessment"][0].update(margin_month=3), "unknown_field", "assessment[0].margin_month"),
        (lambda d: d["assessment"][0].pop("margin_months"), "missing_field", "assessment[0].margin_months"),
        (lambda d: d["assessment"][0].update(margin_months=-1), "malformed_input", "assessment[0].margin_months"),
        (lambda d: d["assessment"][1].update(field="purpose"), "unknown_field_reference", "assessment[1].field"),
        (lambda d: d["assessment"][1].update(document="bank"), "unknown_document", "assessment[1].document"),
        (lambda d: d["assessment"][1].update(per="week"), "malformed_input", "assessment[1].per"),
        (lambda d: d["assessment"][2].update(limit=180), "malformed_input", "assessment[2].limit"),
        (lambda d: d["assessment"][3].update(id="travel_document_valid"), "duplicate", "assessment[3].id"),
        (lambda d: d["assessment"].append(dict(d["assessment"][3], id="again")), "duplicate", "assessment[6].check"),
        (lambda d: d.pop("intended_stay"), "missing_field", "intended_stay"),
        (lambda d: d["intended_stay"].update(until="entries"), "unknown_field_reference", "intended_stay.until"),
        (lambda d: d["intended_stay"].update(length="x"), "unknown_field", "intended_stay.length"),
        (lambda d: d.update(assessment=[]), "missing_field", "assessment"),
    ],
)
def test_a_bad_criterion_is_refused_with_its_path(change, code, path):
    with pytest.raises(KindError) as error:
        load_kind(_with("short_stay_visa", change))
    assert (error.value.code, error.value.path) == (code, path)


def test_an_extension_counts_days_and_a_long_stay_months():
    with pytest.raises(KindError) as error:
        load_kind(_with("long_stay_visa", lambda d: d["intended_stay"].update(unit="weeks")))
    assert error.value.path == "intended_stay.unit"
    assert load_kind(_raw("long_stay_visa")) == bundled_kind("long_stay_visa")
