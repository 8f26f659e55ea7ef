"""What each kind of check does with a traveller's situation. Registered by name in :data:`RUNNERS`.

Every runner reads facts through ``run.fact`` and values through ``run.value`` so that the trace names them.
A failure maps to a refusal ground of the pack; a referral sends the traveller to secondary inspection; a condition
admits with conditions. Only officers decide.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from borderdesk.core.rules.dates import add_months, add_years
from borderdesk.core.rules.rule_run import RuleRun
from borderdesk.core.rules.situation import AlertAction, Authorisation, AuthorisationType, IssuingStateStatus
from borderdesk.core.rules.stay import calculate_stay
from borderdesk.core.rules.visa_matrix import Requirement
from borderdesk.core.rules.visa_on_arrival import assess_visa_on_arrival


def travel_document(run: RuleRun) -> None:
    situation, day = run.context.situation, run.context.day
    if run.fact("document.false", situation.document.false):
        run.fail("document_false", "document_false")
    if run.fact("document.specimen", situation.document.specimen):
        run.fail("document_false", "specimen_document")  # a specimen is never a genuine traveller's document
    state = run.fact("document.issuing_state_status", situation.document.issuing_state_status)
    if state is IssuingStateStatus.NOT_RECOGNISED:
        run.fail("document_invalid", "issuing_state_not_recognised")
    elif state is IssuingStateStatus.UNKNOWN:
        run.refer("issuing_state_unknown")
    expiry = run.fact("document.expiry", situation.document.expiry)
    departure = run.fact("planned_departure", situation.planned_departure)
    months = int(run.value("min_validity_after_departure_months"))
    if expiry < day:
        run.fail("document_invalid", "document_expired")
    elif expiry < add_months(departure, months):
        run.fail("document_invalid", "document_validity_too_short")
    issued = run.fact("document.issued", situation.document.issued)
    max_age = int(run.value("max_age_years"))
    if issued is None:
        run.note("document_issue_date_unknown")
    elif add_years(issued, max_age) < day:
        run.fail("document_invalid", "document_issued_too_long_ago")


_ACCEPTED = {
    Requirement.VISA_REQUIRED: {AuthorisationType.VISA, AuthorisationType.E_VISA},
    Requirement.E_VISA: {AuthorisationType.VISA, AuthorisationType.E_VISA},
    Requirement.ETA: {AuthorisationType.VISA, AuthorisationType.E_VISA, AuthorisationType.ETA},
    Requirement.VISA_ON_ARRIVAL: {AuthorisationType.VISA, AuthorisationType.E_VISA, AuthorisationType.VISA_ON_ARRIVAL},
}
_EXEMPTING = {AuthorisationType.RESIDENCE_PERMIT, AuthorisationType.LONG_STAY_VISA}


def authorisation(run: RuleRun) -> None:
    context = run.context
    policy = context.pack.visa_policy.determine(context.situation.nationality, context.day, context.matrix)
    run.node.add(
        "determination",
        "visa_requirement",
        policy.requirement.requirement,
        days=policy.requirement.days,
        source=policy.source,
        legal_basis=policy.legal_basis.to_dict(),
    )
    run.extra["visa_requirement"] = policy
    held = context.situation.authorisation
    run.fact("authorisation.type", held.type if held else None)
    if held is not None and run.fact("authorisation.false", held.false):
        run.fail("authorisation_false", "authorisation_false")
        return
    if held is not None and held.type in _EXEMPTING:
        _check_held(run, held, "residence_permit_or_long_stay_visa")
        return
    requirement = policy.requirement.requirement
    if requirement is Requirement.OWN_COUNTRY:
        run.note("own_national")
    elif requirement is Requirement.VISA_FREE:
        run.note("visa_free")
        if policy.requirement.days:
            run.limit(
                date.fromordinal(context.day.toordinal() + policy.requirement.days - 1),
                "stay_limited_by_visa_free_period",
            )
    elif requirement is Requirement.NO_ADMISSION:
        run.fail("no_valid_authorisation", "nationality_not_admitted")
    elif held is not None and held.type in _ACCEPTED[requirement]:
        _check_held(run, held, f"holds_{held.type.value}")
    elif requirement is Requirement.VISA_ON_ARRIVAL and held is None:
        _offer_visa_on_arrival(run)
    else:
        reason = "authorisation_wrong_type" if held is not None else f"{requirement.value}_not_held"
        run.fail("no_valid_authorisation", reason)


def _check_held(run: RuleRun, held: Authorisation, reason: str) -> None:
    day = run.context.day
    run.fact("authorisation.valid_from", held.valid_from)
    run.fact("authorisation.valid_to", held.valid_to)
    if day < held.valid_from:
        run.fail("no_valid_authorisation", "authorisation_not_yet_valid")
    elif held.valid_to < day:
        run.fail("no_valid_authorisation", "authorisation_expired")
    elif _entries_used_up(run, held):
        run.fail("no_valid_authorisation", "authorisation_entries_used_up")
    else:
        run.note(reason)
        run.limit(held.valid_to, "stay_limited_by_authorisation_validity")
        if held.duration_days:
            run.limit(
                date.fromordinal(day.toordinal() + held.duration_days - 1), "stay_limited_by_authorisation_duration"
            )


def _entries_used_up(run: RuleRun, held: Authorisation) -> bool:
    allowed = run.fact("authorisation.entries_allowed", held.entries_allowed)
    used = run.fact("authorisation.entries_used", held.entries_used)
    return allowed is not None and used >= allowed


def _offer_visa_on_arrival(run: RuleRun) -> None:
    context = run.context
    assessment = assess_visa_on_arrival(context.pack, context.situation, context.day, context.matrix, run.node)
    run.extra["visa_on_arrival"] = assessment
    if assessment.eligible and assessment.valid_until is not None:  # an eligible assessment always has one
        run.condition("visa_on_arrival_to_be_issued")
        run.limit(assessment.valid_until, "stay_limited_by_visa_on_arrival")
    else:
        for reason in assessment.reasons:
            run.note(reason)
        run.fail("no_valid_authorisation", "visa_on_arrival_not_eligible")


def purpose(run: RuleRun) -> None:
    situation = run.context.situation
    stated = run.fact("purpose", situation.purpose)
    documents = set(run.fact("purpose_documents", list(situation.purpose_documents)))
    by_purpose = run.value("documents_by_purpose")
    if stated is None:
        run.note("purpose_not_examined")
    elif not stated:
        run.fail("purpose_not_justified", "purpose_not_stated")
    elif stated not in by_purpose:
        run.refer("purpose_not_recognised")
    elif not documents & set(by_purpose[stated]):
        run.fail("purpose_not_justified", "purpose_documents_missing")


def means_of_subsistence(run: RuleRun) -> None:
    situation, day = run.context.situation, run.context.day
    per_day = float(run.value("amount_per_day"))
    currency = run.value("currency")
    days = run.fact("planned_stay_days", (situation.planned_departure - day).days + 1)
    amount = run.fact("means.amount", situation.means_amount)
    if amount is None:
        run.extra["means_required"] = {"amount": per_day * days, "currency": currency}
        run.note("means_not_examined")
        return
    held_currency = run.fact("means.currency", situation.means_currency or currency)
    run.node.add("fact", "means.required", per_day * days, currency=currency)
    run.extra["means_required"] = {"amount": per_day * days, "currency": currency}
    if held_currency != currency:
        run.refer("means_in_other_currency")
    elif amount < per_day * days:
        run.fail("insufficient_means", "insufficient_means")


def stay_limit(run: RuleRun) -> None:
    situation, day = run.context.situation, run.context.day
    limit, window = int(run.value("limit_days")), int(run.value("window_days"))
    history = run.fact("stay_history", [f"{s.entry}..{s.exit or ''} {s.basis.value}" for s in situation.stay_history])
    result = calculate_stay(situation.stay_history, on=day, limit=limit, window=window, entry_on=day)
    run.fact("days_used_before_entry", result.days_used)
    run.fact("latest_exit", result.latest_exit)
    run.extra["stay"] = result
    if history and result.stays_not_counted:
        run.note("stays_not_counted_long_stay_or_residence")
    if result.latest_exit is None:
        run.fail("stay_limit_exhausted", "stay_limit_reached")
    else:
        run.limit(result.latest_exit, "stay_limited_by_stay_rule")


def watchlist(run: RuleRun) -> None:
    alert = run.context.situation.watchlist_alert
    action = run.fact("watchlist_alert.action", alert.action if alert else None)
    if alert is not None:
        run.fact("watchlist_alert.list", alert.list)
    if action is AlertAction.REFUSE_ENTRY:
        run.fail("alert_refuse_entry", "watchlist_refuse_entry")
    elif action in (AlertAction.ARREST, AlertAction.DISCREET_CHECK):
        run.refer(f"watchlist_{action.value}")
    elif action is AlertAction.INFORM:
        run.condition("watchlist_inform")


def public_threat(run: RuleRun) -> None:
    if run.fact("threat_assessed", run.context.situation.threat_assessed):
        run.fail("threat", "public_threat_assessed")


def return_ticket(run: RuleRun) -> None:
    held = run.fact("return_ticket", run.context.situation.return_ticket)
    if held is None:
        run.note("return_ticket_not_examined")
    elif not held:
        run.refer("no_return_ticket")


def minor_alone(run: RuleRun) -> None:
    situation = run.context.situation
    alone = run.fact("minor", situation.minor) and run.fact("travelling_alone", situation.travelling_alone)
    if alone and not run.fact("consent_letter", situation.consent_letter):
        run.refer("minor_alone_without_consent")
    elif alone:
        run.note("minor_alone_with_consent")


def immigration_history(run: RuleRun) -> None:
    situation = run.context.situation
    if run.fact("previous_overstays", situation.previous_overstays):
        run.refer("previous_overstay")
    if run.fact("previous_refusals", situation.previous_refusals):
        run.note("previous_refusal")


# Checks that other checks run for themselves, never on their own (visa on arrival runs inside authorisation).
RUN_BY_OTHER_CHECKS = frozenset({"visa_on_arrival"})

RUNNERS: dict[str, Callable[[RuleRun], None]] = {
    "travel_document": travel_document,
    "authorisation": authorisation,
    "purpose": purpose,
    "means_of_subsistence": means_of_subsistence,
    "stay_limit": stay_limit,
    "watchlist": watchlist,
    "public_threat": public_threat,
    "return_ticket": return_ticket,
    "minor_alone": minor_alone,
    "immigration_history": immigration_history,
}
