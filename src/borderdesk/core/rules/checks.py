"""The kinds of check a rule may name, and what each needs from its pack.

A pack's rule says ``check: travel_document`` and gives the check's parameters and, for each of the check's
failures, the refusal ground in the pack's catalogue. The loader validates rules against :data:`CHECKS`; the
evaluator (:mod:`borderdesk.core.rules.evaluate`) runs them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CheckSpec:
    name: str
    description: str
    failures: tuple[str, ...] = ()  # each must map to a refusal ground
    parameters: tuple[str, ...] = ()  # each must be given, with a value over the whole life of the rule


CHECKS: dict[str, CheckSpec] = {
    spec.name: spec
    for spec in (
        CheckSpec(
            "travel_document",
            "valid travel document: validity after departure, age since issue",
            failures=("document_invalid", "document_false"),
            parameters=("min_validity_after_departure_months", "max_age_years"),
        ),
        CheckSpec(
            "authorisation",
            "visa, ETA, e-visa, residence permit or visa on arrival as the policy requires",
            failures=("no_valid_authorisation", "authorisation_false"),
        ),
        CheckSpec(
            "visa_on_arrival",
            "eligibility, fee, length and entries of a visa issued at the border",
            parameters=("length_of_stay_days", "entries", "min_document_validity_months", "documents_required", "fee"),
        ),
        CheckSpec(
            "purpose",
            "purpose of stay stated and justified by documents",
            failures=("purpose_not_justified",),
            parameters=("documents_by_purpose",),
        ),
        CheckSpec(
            "means_of_subsistence",
            "sufficient means for the stay and the return",
            failures=("insufficient_means",),
            parameters=("amount_per_day", "currency"),
        ),
        CheckSpec(
            "stay_limit",
            "short stays within a rolling window (e.g. 90 days in any 180)",
            failures=("stay_limit_exhausted",),
            parameters=("limit_days", "window_days"),
        ),
        CheckSpec(
            "watchlist",
            "alerts for refusal of entry in the watchlists (SIS, national lists)",
            failures=("alert_refuse_entry",),
        ),
        CheckSpec(
            "public_threat",
            "threat to public policy, internal security, public health, relations",
            failures=("threat",),
        ),
        CheckSpec("return_ticket", "onward or return ticket held"),
        CheckSpec("minor_alone", "a minor travelling alone carries the consent of those with parental authority"),
        CheckSpec("immigration_history", "earlier overstays and refusals of entry"),
    )
}
