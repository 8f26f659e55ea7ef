"""Words for codes: what an officer reads where the system keeps a stable code (a rule's reason, a screening
action, a document finding, a decision kind, an audit action...). One catalogue, marked for translation with
Django's i18n, used by the pages (the ``label`` template filter, a builtin), the printed forms and the audit
trail.

``label(code, kind=None)``: the words for ``code``, looked up in ``kind``'s table when given (``"reason"``,
``"outcome"``...: see ``KINDS``), else in every table in the order of ``KINDS``. A code the catalogue does not
know is shown in a readable form (``purpose_not_examined`` -> "Purpose not examined"), never an error.

Codes kept by a model's choices (decision kinds, statuses, alert kinds...) take their words from those choices,
so each code's words live in one place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache

from django.utils.translation import gettext_lazy as _

from borderdesk.core.audit.actions import AuditAction

OUTCOME = {
    "admit": _("Admit"),
    "admit_with_conditions": _("Admit with conditions"),
    "refer_to_secondary": _("Refer to secondary"),
    "refuse_recommended": _("Refuse entry"),
}

# How one rule came out for the traveller (core/rules RuleRun.status, visa_on_arrival).
RULE_RESULT = {
    "pass": _("Met"),
    "fail": _("Not met"),
    "refer": _("Refer to secondary"),
    "condition": _("Met, with conditions"),
    "not_in_force": _("Not in force"),
    "eligible": _("Eligible"),
    "not_eligible": _("Not eligible"),
}

# Every reason the rules core gives (core/rules/entry_checks.py, visa_on_arrival.py, evaluate.py), and the one
# the inspection adds (no_exit_recorded). Written as the finding about the traveller, not as an instruction.
REASON = {
    # travel document
    "document_false": _("False, counterfeit or forged travel document"),
    "specimen_document": _("The document is a specimen, not a real passport"),
    "issuing_state_not_recognised": _("Issuing state not recognised"),
    "issuing_state_unknown": _("Issuing state unknown to ICAO Doc 9303"),
    "document_expired": _("Travel document expired"),
    "document_validity_too_short": _("Travel document not valid long enough after departure"),
    "document_issue_date_unknown": _("Date of issue of the document not known"),
    "document_issued_too_long_ago": _("Travel document issued too long ago"),
    # visa or authorisation
    "authorisation_false": _("False, counterfeit or forged visa or authorisation"),
    "own_national": _("Own national"),
    "visa_free": _("Visa-free"),
    "nationality_not_admitted": _("Nationality not admitted"),
    "authorisation_wrong_type": _("Visa or authorisation of the wrong kind"),
    "visa_required_not_held": _("No valid visa"),
    "e_visa_not_held": _("No valid e-visa"),
    "eta_not_held": _("No valid travel authorisation (ETA)"),
    "visa_on_arrival_not_held": _("No visa on arrival"),
    "visa_free_not_held": _("Not visa-free"),
    "no_admission_not_held": _("Nationality not admitted"),
    "own_country_not_held": _("Not an own national"),
    "authorisation_not_yet_valid": _("Visa or authorisation not yet valid"),
    "authorisation_expired": _("Visa or authorisation expired"),
    "authorisation_entries_used_up": _("Visa's entries used up"),
    "residence_permit_or_long_stay_visa": _("Holds a residence permit or long-stay visa"),
    "holds_visa": _("Holds a valid visa"),
    "holds_eta": _("Holds a valid travel authorisation (ETA)"),
    "holds_e_visa": _("Holds a valid e-visa"),
    "holds_visa_on_arrival": _("Holds a visa on arrival"),
    "holds_long_stay_visa": _("Holds a long-stay visa"),
    "holds_residence_permit": _("Holds a residence permit"),
    # visa on arrival
    "visa_on_arrival_to_be_issued": _("Visa on arrival to be issued"),
    "visa_on_arrival_not_eligible": _("Not eligible for a visa on arrival"),
    "nationality_not_eligible_for_visa_on_arrival": _("Nationality not eligible for a visa on arrival"),
    "document_validity_too_short_for_visa_on_arrival": _("Passport not valid long enough for a visa on arrival"),
    "visa_on_arrival_missing_return_ticket": _("No return ticket shown (needed for a visa on arrival)"),
    "visa_on_arrival_missing_means_of_subsistence": _("No means of subsistence shown (needed for a visa on arrival)"),
    "visa_on_arrival_missing_accommodation": _("No accommodation shown (needed for a visa on arrival)"),
    # purpose, means, ticket
    "purpose_not_examined": _("Purpose of the visit not yet asked"),
    "purpose_not_stated": _("Purpose of the visit not stated"),
    "purpose_not_recognised": _("Purpose of the visit not recognised"),
    "purpose_documents_missing": _("Documents for the purpose of the visit missing"),
    "means_not_examined": _("Means of subsistence not yet examined"),
    "means_in_other_currency": _("Means of subsistence in another currency: check them"),
    "insufficient_means": _("Insufficient means of subsistence"),
    "return_ticket_not_examined": _("Return or onward ticket not yet examined"),
    "no_return_ticket": _("No return or onward ticket"),
    # stays and history
    "stays_not_counted_long_stay_or_residence": _("Stays under a long-stay visa or residence permit not counted"),
    "stay_limit_reached": _("Stay limit reached"),
    "previous_overstay": _("Overstayed before"),
    "previous_refusal": _("Refused entry before"),
    "no_exit_recorded": _("Earlier stay still open: no exit on record"),
    # watchlists, threat, minors
    "watchlist_refuse_entry": _("Watchlist: refuse entry"),
    "watchlist_arrest": _("Watchlist: arrest"),
    "watchlist_discreet_check": _("Watchlist: discreet check"),
    "watchlist_inform": _("Watchlist: inform the listing authority"),
    "public_threat_assessed": _("Assessed as a threat to public order or security"),
    "minor_alone_without_consent": _("Minor travelling alone without parental consent"),
    "minor_alone_with_consent": _("Minor travelling alone with parental consent"),
    # what limits the stay (also given as conditions)
    "planned_departure": _("Stay limited to the planned departure"),
    "stay_limited_by_visa_free_period": _("Stay limited by the visa-free period"),
    "stay_limited_by_authorisation_validity": _("Stay limited by the visa's validity"),
    "stay_limited_by_authorisation_duration": _("Stay limited by the visa's length of stay"),
    "stay_limited_by_visa_on_arrival": _("Stay limited by the visa on arrival"),
    "stay_limited_by_stay_rule": _("Stay limited by the days of stay left"),
}

# The conditions an officer may attach to an admission (the booth's admit form).
CONDITION = {
    "no_work": _("No work"),
    "register_with_police": _("Register with the police within 3 days"),
    "no_public_funds": _("No recourse to public funds"),
    "report_address": _("Report any change of address"),
}

# What a visa policy says of a nationality (core/rules Requirement).
REQUIREMENT = {
    "visa_free": _("Visa-free"),
    "visa_on_arrival": _("Visa on arrival"),
    "eta": _("Travel authorisation (ETA) required"),
    "e_visa": _("E-visa required"),
    "visa_required": _("Visa required"),
    "no_admission": _("Not admitted"),
    "own_country": _("Own national"),
}

# What a visa on arrival asks the traveller to show (core/rules visa_on_arrival KNOWN_DOCUMENTS).
VOA_DOCUMENT = {
    "return_ticket": _("Return or onward ticket"),
    "means_of_subsistence": _("Means of subsistence"),
    "accommodation": _("Accommodation"),
}

# What a watchlist entry asks of the officer (core/reference AlertAction).
ACTION = {
    "arrest": _("Arrest"),
    "refuse_entry": _("Refuse entry"),
    "discreet_check": _("Discreet check"),
    "inform": _("Inform the listing authority"),
}

# How strong a screening match is (core/screening HIT, POSSIBLE).
SCREENING_DECISION = {
    "hit": _("Hit"),
    "possible": _("Possible match"),
}

# What the screening compared, and what its number means (core/screening secondary_features and the name).
FEATURE = {
    "name": _("Name similarity"),
    "birth_date": _("Date of birth"),
    "nationality": _("Nationality"),
    "sex": _("Sex"),
    "document": _("Document number"),
}
FEATURE_MEANING = {
    "name": _("how alike the names are: 1.00 the same name, 0 nothing in common"),
    "birth_date": _("added to the name's score when the dates of birth agree, taken away when they differ"),
    "nationality": _("added when the nationality is the listed one, taken away when it is not"),
    "sex": _("taken away when the sex differs from the listed one"),
    "document": _("a listed document number makes the match near certain (at least 0.97)"),
}
SCORE_MEANING = _("on a scale from 0 to 1: the name's similarity, moved up or down by the other features below")

# Findings of the document check beyond the zone (core/documents FINDING_CODES) and the zone's own errors and
# warnings (ERROR_CODES, WARNING_CODES).
FINDING = {
    "document_expired": _("Travel document expired"),
    "document_expiring_soon": _("Travel document expires soon"),
    "insufficient_validity_after_departure": _("Not valid long enough after the planned departure"),
    "holder_minor": _("The holder is a minor"),
    "issuing_state_unknown": _("Issuing state unknown to ICAO Doc 9303"),
    "issuing_state_not_recognised": _("Issuing state not recognised"),
    "specimen_document": _("Specimen document, not a real passport"),
    "date_unavailable": _("A date could not be read from the zone"),
}
MRZ_ERROR = {
    "empty_input": _("Nothing was scanned"),
    "wrong_line_count": _("Wrong number of lines for a machine-readable zone"),
    "wrong_line_length": _("Lines of the wrong length for a machine-readable zone"),
    "invalid_character": _("A character that a machine-readable zone cannot hold"),
    "check_digit_mismatch": _("A check digit does not match"),
    "invalid_date": _("A date that is not a real date"),
    "invalid_sex": _("The sex is not F, M or X"),
    "invalid_document_code": _("Invalid document code"),
    "invalid_country_code": _("Invalid country code"),
    "invalid_name": _("Invalid name field"),
    "invalid_document_number": _("Invalid document number"),
    "unreadable_input": _("The scan could not be read"),
    "expiry_before_birth": _("The document expires before the holder's birth date"),
    "unknown_issuing_state": _("Issuing state unknown to ICAO Doc 9303"),
    "unknown_nationality": _("Nationality unknown to ICAO Doc 9303"),
    "name_truncated": _("The name was probably cut short"),
    "unusual_document_code": _("Unusual document code for this format"),
    "document_expired": _("Travel document expired"),
}

# What a travel document is, from its MRZ document code: the first letter says the kind (ICAO Doc 9303 Part 4-6:
# P passport, V visa, I, A, C other official documents), a few whole codes more (AC: crew member certificate).
DOCUMENT_TYPE = {
    "P": _("Passport"),
    "V": _("Visa"),
    "I": _("Identity card"),
    "A": _("Official travel document"),
    "C": _("Official travel document"),
    "AC": _("Crew member certificate"),
}

ROLE = {
    "border_officer": _("Border officer"),
    "senior_officer": _("Senior officer"),
    "duty_manager": _("Duty manager"),
    "caseworker": _("Caseworker"),
    "consular_officer": _("Consular officer"),
    "asylum_case_officer": _("Asylum case officer"),
    "patrol_officer": _("Patrol officer"),
    "policy_author": _("Policy author"),
    "auditor": _("Auditor"),
    "administrator": _("Administrator"),
    "partner_agency": _("Partner agency"),
    "carrier": _("Carrier"),  # --- #18 manifests ---
}

PERM = {
    "border:traveller:read": _("Read travellers' records at the border"),
    "border:inspection:decide": _("Inspect and decide at the border"),
    "border:secondary:inspect": _("Carry out secondary inspections"),
    "border:decision:approve": _("Approve refusals and detentions"),
    "border:visa_on_arrival:issue": _("Issue visas on arrival"),
    "border:queue:manage": _("Manage the secondary queue"),
    "border:roster:manage": _("Manage booths and shift rosters"),
    "border:queue:count": _("Send passport-control queue counts"),
    "border:message:send": _("Send messages and call a supervisor at the post"),
    "border:figures:read": _("Read the post's figures and export them"),
    "operations:briefing:publish": _("Publish briefings to officers"),
    "documents:mrz:check": _("Check travel documents"),
    "documents:lost_stolen:import": _("Import the lost and stolen documents register"),
    "screening:person:screen": _("Screen a person against the watchlists"),
    "screening:match:adjudicate": _("Judge watchlist matches"),
    "watchlist:list:import": _("Import watchlists"),
    "rules:stay:calculate": _("Calculate days of stay"),
    "policy:rule:edit": _("Draft entry rules"),
    "policy:rule:review": _("Review entry rules"),
    "policy:rule:publish": _("Publish entry rules"),
    "casework:application:read": _("Read applications"),
    "casework:application:decide": _("Decide applications"),
    "casework:decision:approve": _("Approve caseworkers' decisions"),
    "casework:queue:manage": _("Assign applications"),
    "asylum:claim:make": _("Record a protection claim"),
    "asylum:decision:approve": _("Review asylum decisions and assign claims"),
    "consular:visa_application:read": _("Read visa applications"),
    "consular:visa_application:decide": _("Decide visa applications"),
    "asylum:claim:read": _("Read asylum claims"),
    "asylum:claim:decide": _("Decide asylum claims"),
    "patrol:log:read": _("Read patrol logs"),
    "patrol:log:write": _("Write patrol logs"),
    "patrol:referral:make": _("Refer people to partner agencies"),
    "partner:referral:read": _("Read what was referred to the agency"),
    "partner:referral:acknowledge": _("Acknowledge referrals and take custody"),
    "audit:trail:read": _("Read the audit trail"),
    "audit:trail:verify": _("Verify the audit trail"),
    "audit:access:review": _("Review who read which records"),
    "admin:user:manage": _("Manage users"),
    "admin:post:manage": _("Manage posts"),
    "admin:reference:manage": _("Manage reference data"),
    "admin:partner:manage": _("Manage partner agencies"),
    "carrier:manifest:send": _("Send passenger and crew manifests"),  # --- #18 manifests ---
    "carrier:boarding:check": _("Ask whether a traveller may board"),
    "admin:trust:manage": _("Manage the trusted country signing certificates for ePassport chips"),  # #19 chip
}


CASE_STATE = {
    "lodged": _("Lodged"),
    "admissible": _("Admissible"),
    "inadmissible": _("Inadmissible"),
    "checks_running": _("Checks running"),
    "evidence_requested": _("Waiting for evidence from the applicant"),
    "interview_scheduled": _("Interview scheduled"),
    "assessment": _("In assessment"),
    "decision_proposed": _("Decision proposed, awaiting approval"),
    "approved": _("Approved"),
    "refused": _("Refused"),
    "applicant_notified": _("Applicant notified"),
    "appeal_lodged": _("Appeal lodged"),
    "appeal_decided": _("Appeal decided"),
    "closed": _("Closed"),
    "withdrawn": _("Withdrawn"),
}

CASE_ACTION = {
    "find_admissible": _("Admissible: the application is complete and the fee paid"),
    "find_inadmissible": _("Inadmissible: incomplete, fee unpaid or lodged at the wrong post"),
    "start_checks": _("Start the checks"),
    "checks_done": _("Checks done: go to assessment"),
    "request_evidence": _("Request evidence from the applicant"),
    "receive_evidence": _("Evidence received"),
    "schedule_interview": _("Schedule an interview"),
    "record_interview": _("Record the interview"),
    "propose_decision": _("Propose a decision"),
    "return_for_assessment": _("Return for assessment"),
    "approve": _("Approve"),
    "refuse": _("Refuse"),
    "notify": _("Applicant notified of the decision"),
    "lodge_appeal": _("Appeal lodged"),
    "decide_appeal": _("Appeal decided"),
    "close": _("Close the case"),
    "withdraw": _("Withdrawn by the applicant"),
}


# A case's supporting file, by its type (casework files: told from the content, see core/casework/uploads).
FILE_TYPE = {
    "application/pdf": _("PDF"),
    "image/jpeg": _("JPEG image"),
    "image/png": _("PNG image"),
}


# --- #18 manifests: what a carrier's message got wrong (core/manifests ERROR_CODES and the import's own), what an
# officer should look at twice in a traveller's row, and the lists a flight's manifests hold ---
MANIFEST = {
    "truncated": _("The message ends early: what should follow never came"),
    "segment_count_mismatch": _("The message's trailer (UNT) counts another number of segments"),
    "declared_count_mismatch": _("The carrier's count of travellers (CNT) differs from the travellers listed"),
    "unknown_message_type": _("Neither a passenger list nor a crew list"),
    "missing_interchange_trailer": _("The interchange has no end (UNZ)"),
    "bad_date": _("A date that is no real date"),
    "bad_character": _("Characters outside the character set the message declares"),
    "missing_column": _("A CSV manifest with no surname column"),
    "bad_row": _("A CSV row that cannot be read in full"),
    "flight_mismatch": _("A CSV row names another flight"),
    "unreadable_input": _("Nothing could be read"),
    "flight_unknown": _("No flight can be read: the message is joined to no flight"),
    "arrival_time_unknown": _("No arrival time was sent"),
    "no_arrival_post": _("The flight lands where the agency has no post"),
    "no_document": _("A traveller with no travel document"),
    "already_listed": _("Listed already on this flight: counted once"),
    "value_too_long": _("A value too long to store: cut (the message as received keeps it whole)"),
    "document_expired": _("Document expired by the day of arrival"),
    "shared_document": _("Another traveller on the flight gives the same document"),
    # pre-arrival screening (manifests.prearrival REASONS)
    "watchlist_hit": _("Watchlist hit"),
    "watchlist_possible": _("Possible watchlist match, to adjudicate"),
    "lost_stolen_document": _("Document reported lost or stolen"),
    "visa_required_none_on_record": _("Needs a visa or authorisation: none valid on record"),
    "no_admission": _("The entry rules admit no holder of this nationality"),
    "earlier_overstay": _("Overstayed before"),
    "earlier_refusal": _("Refused or detained at a border before"),
    "passengers": _("Passenger list"),
    "crew": _("Crew list"),
}


# --- #19 chip: the chip's verdict and what failed (core/documents/chip ERROR_CODES), in an officer's words ---
CHIP = {
    "genuine": _("Genuine: the chip's data is signed by a trusted country signing CA"),
    "not_genuine": _("NOT GENUINE: the chip's data was altered or its signature does not hold"),
    "unverifiable": _("Unverifiable: this system cannot decide (no trusted certificate or an unknown algorithm)"),
    "sod_unreadable": _("The chip's security object (EF.SOD) is missing or cannot be read"),
    "dg_missing": _("A data group every chip must hold was not read"),
    "dg_not_in_sod": _("A data group that the security object does not list"),
    "hash_mismatch": _("A data group differs from what the issuing state signed: it was altered or swapped"),
    "unsupported_algorithm": _("An algorithm or key this system cannot check"),
    "ds_certificate_missing": _("The document signer's certificate is missing"),
    "bad_signature": _("The security object's signature does not hold"),
    "csca_not_found": _("No trusted country signing CA for this document signer: import its certificate"),
    "ds_not_signed_by_csca": _("The document signer was not signed by the country signing CA it names"),
    "ds_revoked": _("The document signer's certificate is revoked"),
    "ds_not_yet_valid": _("The document signer's certificate was not yet valid when it signed"),
    "ds_expired": _("The document signer's certificate had expired when it signed"),
    "csca_expired": _("The country signing CA was not valid when it issued the document signer"),
    "mrz_mismatch": _("The chip's MRZ differs from the printed MRZ"),
}


def _audit_actions() -> Mapping[str, str]:
    # The audit trail's words live with its actions in the audit core (core/audit/actions.py LABELS), which the
    # trail's pages, filters and CSV export read too: one place for them.
    return {action.value: action.label for action in AuditAction}


def _choices(model_module: str, name: str) -> Callable[[], Mapping[str, str]]:
    def load() -> Mapping[str, str]:
        from importlib import import_module

        return dict(getattr(import_module(model_module), name).choices)

    return load


# The tables, in the order a lookup without a kind tries them. A table is a mapping, or a function giving one
# (model choices: read when first asked, after the apps are loaded).
KINDS: dict[str, Mapping[str, str] | Callable[[], Mapping[str, str]]] = {
    "outcome": OUTCOME,
    "reason": REASON,
    "rule_result": RULE_RESULT,
    "condition": CONDITION,
    "action": ACTION,
    "screening_decision": SCREENING_DECISION,
    "feature": FEATURE,
    "finding": FINDING,
    "mrz_error": MRZ_ERROR,
    "document_type": DOCUMENT_TYPE,
    "requirement": REQUIREMENT,
    "voa_document": VOA_DOCUMENT,
    "decision_kind": _choices("borderdesk.apps.inspection.models", "DecisionKind"),
    "status": _choices("borderdesk.apps.inspection.models", "Status"),
    "approval": _choices("borderdesk.apps.inspection.models", "Approval"),
    "alert_kind": _choices("borderdesk.apps.inspection.models", "AlertKind"),
    "channel": _choices("borderdesk.apps.inspection.models", "Channel"),
    "purpose": _choices("borderdesk.apps.inspection.models", "Purpose"),
    "visa_kind": _choices("borderdesk.apps.visas.models", "VisaKind"),
    "visa_status": _choices("borderdesk.apps.visas.models", "VisaStatus"),
    "crossing_outcome": _choices("borderdesk.apps.travellers.models", "CrossingOutcome"),
    "direction": _choices("borderdesk.apps.posts.models", "Direction"),
    "verdict": _choices("borderdesk.apps.watchlists.models", "Verdict"),
    "role": ROLE,
    "perm": PERM,
    "case_state": CASE_STATE,
    "case_action": CASE_ACTION,
    "audit_action": _audit_actions,
    "file_type": FILE_TYPE,
    "manifest": MANIFEST,  # #18
    "chip": CHIP,  # #19
}


@cache
def table(kind: str) -> Mapping[str, str]:
    """The codes of ``kind`` and their words; an unknown kind is a programming error (KeyError)."""
    entry = KINDS[kind]
    return entry() if callable(entry) else entry


def label(code, kind: str | None = None) -> str:
    """The words for ``code`` (a string or a str enum); "" for no code."""
    if code is None or code == "":
        return ""
    code = getattr(code, "value", code)
    code = code if isinstance(code, str) else str(code)
    for name in (kind,) if kind else KINDS:
        text = table(name).get(code)
        if text is not None:
            return str(text)
    return readable(code)


def document_type(document_code: str) -> str:
    """What a document with this MRZ document code is: "Passport" for P, PO, PD...; the code itself when unknown."""
    code = (document_code or "").strip().upper()
    words = DOCUMENT_TYPE.get(code) or DOCUMENT_TYPE.get(code[:1])
    return str(words) if words else code


def labelled(code, kind: str | None = None) -> bool:
    """Whether the catalogue has words for ``code`` (rather than the readable fallback)."""
    code = getattr(code, "value", code)
    return any(code in table(name) for name in ((kind,) if kind else KINDS))


# What the admin records for reference data: "<app>.<model>.create|update|delete" (audit/admin.py).
_ADMIN_ACTION = re.compile(r"^[a-z_]+\.(?P<model>[a-z_]+)\.(?P<verb>create|update|delete)$")
_ADMIN_VERBS = {"create": _("created"), "update": _("updated"), "delete": _("deleted")}


def readable(code: str) -> str:
    """A code the catalogue lacks, made readable: ``purpose_not_examined`` -> "Purpose not examined",
    ``border:traveller:read`` -> "Border traveller read", ``posts.lane.update`` -> "Lane updated"."""
    admin = _ADMIN_ACTION.match(code)
    if admin:
        return f"{readable(admin['model'])} {_ADMIN_VERBS[admin['verb']]}"
    words = re.sub(r"[_.:\-]+", " ", code).strip()
    if not words:
        return code
    return words[0].upper() + (words[1:].lower() if words.isupper() else words[1:])


_NOT_ADDED = {"name", "document"}  # a score of its own, and a floor: the others are added to the name's score


def explained_features(explanation: Mapping[str, Mapping]) -> list[dict]:
    """A screening match's explanation (feature -> score and detail) with the words for each feature and what
    its number means: the name's similarity is a score from 0 to 1, the others move it up or down."""
    return [
        {
            "code": key,
            "label": label(key, "feature"),
            "meaning": str(FEATURE_MEANING.get(key, "")),
            "number": f"{value['score']:.2f}" if key in _NOT_ADDED else f"{value['score']:+.2f}",
            "detail": value.get("detail", ""),
            "compared": value.get("compared", ""),
        }
        for key, value in explanation.items()
    ]
