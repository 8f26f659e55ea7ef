"""Entry rules as code: stay calculators, dated rule packs with legal citations, and traced recommendations.

Plain Python: no Django, no I/O except reading pack files when asked to (``load_pack``, ``bundled_pack``).
Rules recommend; officers decide. No result of this package is ever a refusal, only a recommendation with reasons.

Stay calculator (90 days in any 180, or any limit/window)
    ``calculate_stay(stays, on, limit=90, window=180, entry_on=None) -> StayResult`` with ``days_used``,
    ``days_remaining``, ``overstay_days``, ``latest_exit`` (last day of a stay begun on ``entry_on`` that keeps every
    day within the limit; None when they cannot enter at all). ``Stay(entry, exit=None, basis=StayBasis...)``:
    entry and exit days both count; ``exit=None`` counts up to ``on``; stays under a long-stay visa or residence
    permit do not count. ``calculate_stay_request(dict)`` takes the JSON of ``borderdesk stay calc``
    (CONTRACTS.md section 2) and ``StayResult.to_dict()`` gives its output. Bad input raises ``StayInputError``
    (codes ``end_before_start``, ``overlapping_stays``, ``malformed_date``, ``missing_field``, ``invalid_limit``,
    ``entry_overlaps_stay``, ``malformed_input``). A stay record may carry ``"basis": "long_stay_visa"`` or
    ``"residence_permit"``; such stays are counted in ``stays_not_counted`` instead of ``days_used``.

Rule packs
    A pack is a directory: ``pack.yaml`` (id, version, title, jurisdiction, valid_from/valid_to, include, rules)
    plus included files (``refusal_grounds``, ``visa_policy``). Every rule has ``valid_from``/``valid_to``, a
    ``legal_basis`` (instrument, article, url, optional text), a ``check`` from ``CHECKS`` and, for each of the
    check's failures, the code of a refusal ground in the pack's catalogue. Parameters are lists of dated values,
    each with a legal basis (its own or its parameter's); the values must cover the rule's life without gaps or
    overlaps. ``parse_pack({file: text})`` (no I/O), ``load_pack(directory)`` and ``bundled_pack("uto" |
    "schengen")`` return an immutable ``RulePack`` or raise ``PackLoadError`` whose ``issues`` list every
    ``PackIssue(file, path, code, message)``. ``validate_pack(texts)`` returns the issues without raising.
    ``PackRegistry`` holds published versions: ``publish(pack)``, ``publish_documents(texts)`` (nothing changes
    when the pack does not load, so the version in force stays in force), ``in_force(pack_id, on)``,
    ``evaluate(pack_id, situation, on, visa_matrix)``. A day outside the pack or every rule raises
    ``NotInForceError`` (``no_rule_in_force``); a needed value missing on the day, ``no_value_in_force``.

Visa requirement
    ``VisaMatrix.from_csv(text, source)`` reads the passport-index layout ``Passport,Destination,Requirement``
    (days, ``visa free``, ``visa on arrival``, ``eta``, ``e-visa``, ``visa required``, ``no admission``, ``-1``);
    malformed rows raise ``VisaMatrixError`` with ``line``. ``matrix.requirement(passport, destination)`` ->
    ``VisaRequirement(requirement: Requirement, days)``; unknown codes raise ``unknown_nationality`` /
    ``unknown_destination``. A pack's ``visa_policy`` either lists dated nationality groups itself or takes a
    matrix for its destination (pass ``visa_matrix=`` to the evaluation).

Entry evaluation
    ``situation_from_dict(dict) -> Situation`` (raises ``SituationError`` with ``path``), then
    ``evaluate_entry(pack, situation, on, visa_matrix=None) -> Recommendation``: ``outcome`` (``Outcome.ADMIT``,
    ``ADMIT_WITH_CONDITIONS``, ``REFER_TO_SECONDARY``, ``REFUSE_RECOMMENDED``), ``refusal_grounds``
    (``RefusalGround`` with legal basis), ``reasons`` and ``conditions`` (stable codes), ``admit_until`` (earliest of
    planned departure, stay-limit latest exit, authorisation validity, visa-free period, visa on arrival), ``days_used``
    / ``days_left`` (earlier stays in the window ending on the day of entry, before this entry counts),
    ``details`` (visa requirement, visa on arrival terms, means required) and ``trace`` (a ``TraceNode`` tree
    naming every rule, value and fact used). ``Recommendation.to_dict()`` is JSON-ready and holds the pack id
    and version, so a recorded decision can store exactly what was applied.
    ``assess_visa_on_arrival(pack, situation, on)`` gives eligibility, fee, length, entries and missing documents.

All deliberate errors derive from ``RulesError`` (``code``, ``message``, ``details``, ``to_dict()``).
"""

from borderdesk.core.rules.checks import CHECKS, CheckSpec
from borderdesk.core.rules.errors import (
    NotInForceError,
    PackIssue,
    PackLoadError,
    RulesError,
    SituationError,
    StayInputError,
    VisaMatrixError,
)
from borderdesk.core.rules.evaluate import Outcome, Recommendation, evaluate_entry
from borderdesk.core.rules.loader import bundled_pack, bundled_pack_names, load_pack, parse_pack
from borderdesk.core.rules.pack import (
    DatedValue,
    LegalBasis,
    Parameter,
    RefusalGround,
    Rule,
    RulePack,
    Validity,
    VisaDetermination,
    VisaGroup,
    VisaPolicy,
)
from borderdesk.core.rules.registry import PackRegistry, validate_pack
from borderdesk.core.rules.situation import (
    AlertAction,
    Authorisation,
    AuthorisationType,
    IssuingStateStatus,
    Situation,
    TravelDocument,
    WatchlistAlert,
    nationality_code,
    situation_from_dict,
    situation_to_dict,
)
from borderdesk.core.rules.stay import (
    Stay,
    StayBasis,
    StayHistory,
    StayResult,
    calculate_stay,
    calculate_stay_request,
    stays_from_records,
)
from borderdesk.core.rules.trace import TraceNode
from borderdesk.core.rules.visa_matrix import Requirement, VisaMatrix, VisaRequirement
from borderdesk.core.rules.visa_on_arrival import VisaOnArrivalAssessment, assess_visa_on_arrival

__all__ = [
    "CHECKS",
    "CheckSpec",
    "RulesError",
    "StayInputError",
    "VisaMatrixError",
    "SituationError",
    "NotInForceError",
    "PackIssue",
    "PackLoadError",
    "Stay",
    "StayBasis",
    "StayHistory",
    "StayResult",
    "calculate_stay",
    "calculate_stay_request",
    "stays_from_records",
    "DatedValue",
    "LegalBasis",
    "Parameter",
    "RefusalGround",
    "Rule",
    "RulePack",
    "Validity",
    "VisaDetermination",
    "VisaGroup",
    "VisaPolicy",
    "parse_pack",
    "load_pack",
    "bundled_pack",
    "bundled_pack_names",
    "validate_pack",
    "PackRegistry",
    "Requirement",
    "VisaMatrix",
    "VisaRequirement",
    "AlertAction",
    "Authorisation",
    "AuthorisationType",
    "IssuingStateStatus",
    "Situation",
    "TravelDocument",
    "WatchlistAlert",
    "situation_from_dict",
    "situation_to_dict",
    "nationality_code",
    "Outcome",
    "Recommendation",
    "evaluate_entry",
    "TraceNode",
    "VisaOnArrivalAssessment",
    "assess_visa_on_arrival",
]
