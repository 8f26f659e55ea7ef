from datetime import date

import pytest

from borderdesk.core.documents import (
    FINDING_CODES,
    CheckPolicy,
    age_on,
    document_checks,
    expires_within,
    is_expired,
    is_minor,
    issuing_state_status,
    parse_mrz,
    specimen_reasons,
    validity_after_departure,
)

from .zones import TD3, TODAY, changed, rechecked, text

SPECIMEN = parse_mrz(text(TD3), today=TODAY)  # expires 2012-04-15, born 1974-08-12, Utopia
ORDINARY = parse_mrz(
    text(
        rechecked(changed(changed(changed(TD3, 0, 2, "SWE"), 0, 5, "LARSSON<<KARIN<<<<<<"), 1, 0, "X12345678"), "TD3")
    ),
    today=TODAY,
)


def test_expired_and_expiring():
    assert is_expired(SPECIMEN, date(2012, 4, 16)) is True
    assert is_expired(SPECIMEN, date(2012, 4, 15)) is False
    assert expires_within(SPECIMEN, date(2012, 1, 16), 90) is True
    assert expires_within(SPECIMEN, date(2012, 1, 15), 90) is False
    assert expires_within(SPECIMEN, date(2012, 4, 16), 90) is False  # already expired, not "expiring"


def test_validity_after_departure():
    validity = validity_after_departure(SPECIMEN, date(2012, 1, 16), required_days=90)
    assert (validity.days, validity.meets_minimum) == (90, True)
    validity = validity_after_departure(SPECIMEN, date(2012, 1, 17), required_days=90)
    assert (validity.days, validity.meets_minimum) == (89, False)
    assert validity_after_departure(SPECIMEN, date(2012, 5, 1)).days == -16


@pytest.mark.parametrize(
    "born, on, age",
    [
        (date(1974, 8, 12), date(1992, 8, 11), 17),
        (date(1974, 8, 12), date(1992, 8, 12), 18),
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
    ],
)
def test_age_on(born, on, age):
    assert age_on(born, on) == age


def test_minor_with_configurable_age_of_majority():
    assert is_minor(SPECIMEN, date(1992, 8, 11)) is True
    assert is_minor(SPECIMEN, date(1992, 8, 12)) is False
    assert is_minor(SPECIMEN, date(1994, 8, 11), adult_age=21) is True


def test_issuing_state_status():
    assert issuing_state_status(SPECIMEN) == "known"
    assert issuing_state_status(SPECIMEN, unrecognised_states={"UTO"}) == "not_recognised"
    unknown = parse_mrz(text(rechecked(changed(TD3, 0, 2, "QQQ"), "TD3")), today=TODAY)
    assert issuing_state_status(unknown) == "unknown"


def test_specimens_are_recognised():
    reasons = specimen_reasons(SPECIMEN)
    assert len(reasons) == 3  # number, holder, state
    assert specimen_reasons(ORDINARY) == []
    word = parse_mrz(text(rechecked(changed(TD3, 1, 28, "SPECIMEN<<<<<<"), "TD3")), today=TODAY)
    assert "the zone contains the word SPECIMEN" in specimen_reasons(word)


def test_document_checks_report():
    policy = CheckPolicy(
        expiry_warning_days=120, required_validity_after_departure_days=90, unrecognised_states=frozenset({"UTO"})
    )
    report = document_checks(SPECIMEN, on=date(1992, 1, 1), departure=date(2012, 2, 1), policy=policy)
    assert report.codes() == [
        "insufficient_validity_after_departure",
        "holder_minor",
        "issuing_state_not_recognised",
        "specimen_document",
        "specimen_document",
        "specimen_document",
    ]
    assert report.age == 17 and report.validity_after_departure.days == 74


def test_document_checks_on_an_ordinary_document():
    report = document_checks(ORDINARY, on=date(2011, 1, 1), departure=date(2011, 2, 1))
    assert report.findings == [] and report.age == 36
    assert document_checks(ORDINARY, on=date(2012, 3, 1)).codes() == ["document_expiring_soon"]
    assert document_checks(ORDINARY, on=date(2013, 1, 1)).codes() == ["document_expired"]


def test_unreadable_dates_are_reported_not_guessed():
    broken = parse_mrz(text(rechecked(changed(changed(TD3, 1, 13, "741399"), 1, 21, "121399"), "TD3")), today=TODAY)
    assert document_checks(broken, on=TODAY).codes()[:2] == ["date_unavailable", "date_unavailable"]


def test_every_finding_code_is_documented():
    seen = {
        "document_expired",
        "document_expiring_soon",
        "insufficient_validity_after_departure",
        "holder_minor",
        "issuing_state_unknown",
        "issuing_state_not_recognised",
        "specimen_document",
        "date_unavailable",
    }
    assert seen == set(FINDING_CODES)


def test_a_country_that_issues_uto_documents_does_not_call_them_specimens():
    from borderdesk.core.documents import CheckPolicy, MrzFields, document_checks, generate_mrz

    fields = MrzFields(
        document_code="P",
        issuing_state="UTO",
        surname="RAMOS",
        given_names="ANA",
        document_number="UT1234567",
        nationality="UTO",
        birth_date=date(1990, 2, 3),
        sex="F",
        expiry_date=date(2031, 5, 1),
    )
    utopian = parse_mrz("\n".join(generate_mrz("TD3", fields)), today=date(2026, 1, 1))
    assert specimen_reasons(utopian) == ["issuing state UTO is the ICAO specimen state"]
    home = CheckPolicy(specimen_states=frozenset())
    assert specimen_reasons(utopian, home.specimen_states) == []
    assert "specimen_document" not in document_checks(utopian, date(2026, 1, 1), policy=home).codes()
