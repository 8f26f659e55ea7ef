"""Visa on arrival: who may get one at the border, for how long, how many entries, at what fee, on what papers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from borderdesk.core.rules.dates import add_months
from borderdesk.core.rules.pack import RulePack
from borderdesk.core.rules.rule_run import Context, RuleRun
from borderdesk.core.rules.situation import AlertAction, Situation
from borderdesk.core.rules.trace import TraceNode
from borderdesk.core.rules.visa_matrix import Requirement, VisaMatrix

# Which fact of the situation shows each document a pack may require: True shown, False not held, None not yet
# examined (the officer has still to see it: listed to check, but it makes no one ineligible).
_DOCUMENT_FACTS = {
    "return_ticket": lambda situation: situation.return_ticket,
    "means_of_subsistence": lambda situation: None if situation.means_amount is None else situation.means_amount > 0,
    "accommodation": lambda situation: situation.accommodation,
}
KNOWN_DOCUMENTS = frozenset(_DOCUMENT_FACTS)


@dataclass(slots=True)
class VisaOnArrivalAssessment:
    eligible: bool
    reasons: list[str] = field(default_factory=list)
    fee_amount: float | None = None
    fee_currency: str = ""
    length_of_stay_days: int | None = None
    entries: int | None = None
    valid_until: date | None = None
    documents_required: list[str] = field(default_factory=list)
    documents_missing: list[str] = field(default_factory=list)
    documents_to_check: list[str] = field(default_factory=list)
    trace: TraceNode | None = None

    def to_dict(self) -> dict:
        return {
            "eligible": self.eligible,
            "reasons": self.reasons,
            "fee": {"amount": self.fee_amount, "currency": self.fee_currency},
            "length_of_stay_days": self.length_of_stay_days,
            "entries": self.entries,
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "documents_required": self.documents_required,
            "documents_missing": self.documents_missing,
            "documents_to_check": self.documents_to_check,
        }


def assess_visa_on_arrival(
    pack: RulePack, situation: Situation, day: date, matrix: VisaMatrix | None = None, parent: TraceNode | None = None
) -> VisaOnArrivalAssessment:
    """Eligibility and terms of a visa on arrival on ``day``; the trace goes under ``parent`` when given."""
    parent = parent or TraceNode("decision", "visa_on_arrival")
    rule = pack.rule_for_check("visa_on_arrival", day)
    if rule is None:
        parent.add("rule", "visa_on_arrival", "not_in_force")
        return VisaOnArrivalAssessment(False, ["no_visa_on_arrival_scheme"], trace=parent)
    run = RuleRun.start(rule, Context(pack, situation, day, matrix), parent)
    assessment = _assess(run, situation, day)
    run.finish()
    assessment.reasons = list(run.reasons)
    run.node.result = "eligible" if assessment.eligible else "not_eligible"
    assessment.trace = run.node
    return assessment


def _assess(run: RuleRun, situation: Situation, day: date) -> VisaOnArrivalAssessment:
    ineligible = []
    policy = run.context.pack.visa_policy.determine(situation.nationality, day, run.context.matrix)
    run.node.add(
        "determination",
        "visa_requirement",
        policy.requirement.requirement,
        source=policy.source,
        legal_basis=policy.legal_basis.to_dict(),
    )
    if policy.requirement.requirement is not Requirement.VISA_ON_ARRIVAL:
        ineligible.append("nationality_not_eligible_for_visa_on_arrival")
    length = int(run.value("length_of_stay_days"))
    months = int(run.value("min_document_validity_months"))
    if run.fact("document.expiry", situation.document.expiry) < add_months(day, months):
        ineligible.append("document_validity_too_short_for_visa_on_arrival")
    alert = run.fact("watchlist_alert.action", situation.watchlist_alert.action if situation.watchlist_alert else None)
    if alert is AlertAction.REFUSE_ENTRY:
        ineligible.append("watchlist_refuse_entry")
    required = list(run.value("documents_required"))
    held = {name: run.fact(f"document_held.{name}", _DOCUMENT_FACTS[name](situation)) for name in required}
    missing = [name for name, shown in held.items() if shown is False]
    to_check = [name for name, shown in held.items() if shown is None]
    ineligible.extend(f"visa_on_arrival_missing_{name}" for name in missing)
    for reason in ineligible:
        run.note(reason)
    fee = run.value("fee")
    amount = fee.get("by_nationality", {}).get(situation.nationality, fee["default"])
    return VisaOnArrivalAssessment(
        eligible=not ineligible,
        fee_amount=amount,
        fee_currency=fee["currency"],
        length_of_stay_days=length,
        entries=int(run.value("entries")),
        valid_until=date.fromordinal(day.toordinal() + length - 1),
        documents_required=required,
        documents_missing=missing,
        documents_to_check=to_check,
    )
