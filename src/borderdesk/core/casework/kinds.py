"""Kinds of application as data: what a short-stay visa, a work permit or an extension of stay asks of the
applicant, what it costs whom, by when it must be decided, who decides it and which letters it sends.

A kind is a YAML document (the bundled ones are in ``casework/kinds/*.yaml``; adding one needs no code). It is
checked whole before anything is returned: the first thing wrong ends in a :class:`KindError` with a stable code
and the path of the bad field (``documents[2].when.field``); unknown keys are errors, so a typo never passes.
Every value that is law (the kind itself, each supporting document, the fee and its reductions and exemptions, the
decision deadline, the four-eyes rule) carries its legal basis, as the rule packs' values do.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cache
from importlib import resources

import yaml

from borderdesk.core.casework.deadlines import Period
from borderdesk.core.reference import nationality_code

# The values of borderdesk.core.access.Role. The cores are independent of each other, so casework keeps its own
# copy; tests/core/casework/test_kinds.py fails as soon as the two differ.
ROLE_NAMES = frozenset(
    {
        "border_officer",
        "senior_officer",
        "duty_manager",
        "caseworker",
        "consular_officer",
        "asylum_case_officer",
        "patrol_officer",
        "policy_author",
        "auditor",
        "administrator",
        "partner_agency",
        "carrier",
    }
)
# Where a kind may be lodged, as the post kinds (apps/posts PostKind values) that take it.
LODGING_POSTS = {"office": frozenset({"inland_office"}), "consulate": frozenset({"consulate", "embassy"})}
LODGING_POSTS["both"] = LODGING_POSTS["office"] | LODGING_POSTS["consulate"]
OUTCOMES = ("approve", "refuse")
LETTERS = ("decision", "evidence_request", "interview_invitation")
MAX_PERIOD_DAYS = 3650  # no law gives ten years to decide; a longer period is a typo (and would be slow to count)
_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")


class KindError(ValueError):
    """A kind of application that does not load: ``code`` is stable, ``path`` names the first bad field."""

    def __init__(self, code: str, message: str, path: str = "") -> None:
        super().__init__(f"{path or '<kind>'}: {message}")
        self.code, self.message, self.path = code, message, path

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "path": self.path}


class FieldType(StrEnum):
    TEXT = "text"
    DATE = "date"  # an ISO date, YYYY-MM-DD
    NUMBER = "number"
    CHOICE = "choice"
    BOOLEAN = "boolean"
    COUNTRY = "country"  # a nationality or state code (ICAO 9303 / ISO 3166 alpha-3)


Answer = str | int | float | bool


@dataclass(frozen=True)
class LegalBasis:
    instrument: str
    article: str
    url: str
    text: str = ""


@dataclass(frozen=True)
class Condition:
    """Asked or required only when the answer to ``field`` is one of ``values``."""

    field: str
    values: tuple[Answer, ...]
    country: bool = False  # the field takes a nationality code: an alias (D for DEU) counts as its code

    def holds(self, answers: Mapping[str, object]) -> bool:
        answer = answers.get(self.field)
        if isinstance(answer, date):
            answer = answer.isoformat()
        elif self.country and isinstance(answer, str):
            answer = nationality_code(answer) or answer
        return answer in self.values


@dataclass(frozen=True)
class FormField:
    key: str
    label: str
    type: FieldType
    required: bool
    choices: tuple[str, ...] = ()
    when: Condition | None = None


@dataclass(frozen=True)
class SupportingDocument:
    code: str
    title: str
    required: bool
    legal_basis: LegalBasis
    when: Condition | None = None


@dataclass(frozen=True)
class Fee:
    """What one applicant pays (``exempt``: nothing, by the provision cited)."""

    amount: Decimal
    currency: str
    legal_basis: LegalBasis
    exempt: bool = False


@dataclass(frozen=True)
class FeeRate:
    """A reduced (or raised) amount, or with ``exempt`` no fee at all, for the listed nationalities."""

    nationalities: frozenset[str]
    amount: Decimal
    legal_basis: LegalBasis
    exempt: bool = False


@dataclass(frozen=True)
class FeeSchedule:
    currency: str
    default: Decimal
    legal_basis: LegalBasis
    rates: tuple[FeeRate, ...] = ()  # no nationality is in two of them

    def for_nationality(self, code: str) -> Fee:
        for rate in self.rates:
            if code in rate.nationalities:
                return Fee(rate.amount, self.currency, rate.legal_basis, rate.exempt)
        return Fee(self.default, self.currency, self.legal_basis)


@dataclass(frozen=True)
class DecisionDeadline:
    period: Period
    legal_basis: LegalBasis


@dataclass(frozen=True)
class FourEyes:
    """The outcomes a senior officer must approve before they take effect (empty: none)."""

    outcomes: frozenset[str]
    legal_basis: LegalBasis | None = None


@dataclass(frozen=True)
class Letters:
    """Ids of the letter templates this kind sends."""

    decision: str
    evidence_request: str
    interview_invitation: str


# What an assessment criterion checks (``assessment[].check``) and the keys each one takes besides id, check,
# title and legal_basis (all required: a criterion spells out its numbers). See ``assessment.py``.
CHECKS: dict[str, tuple[str, ...]] = {
    "document_validity": ("margin_months",),
    "means_of_subsistence": ("field", "per", "minimum", "document"),
    "proof_of_means": ("document",),
    "short_stay_limit": ("limit", "window"),
    "clean_history": (),
    "required_documents": (),
    "watchlist_clear": (),
    "sponsor_present": ("field",),
    "lodged_before_stay_ends": ("field",),
}
NEEDS_INTENDED_STAY = frozenset({"short_stay_limit"})


@dataclass(frozen=True)
class IntendedStay:
    """Where the answers say the stay applied for starts and ends: ``start`` (a date field) and either ``until``
    (a date field) or ``length`` (a number field) counted in ``unit`` (days or months)."""

    start: str
    until: str = ""
    length: str = ""
    unit: str = ""


@dataclass(frozen=True)
class Criterion:
    """One rule a kind's applications are assessed against: what it checks (``check``, one of ``CHECKS``), in
    words (``title``), by which law, with the numbers and fields it uses (``params``, as key and value pairs)."""

    id: str
    check: str
    title: str
    legal_basis: LegalBasis
    params: tuple[tuple[str, object], ...] = ()

    def param(self, name: str, default: object = None) -> object:
        return dict(self.params).get(name, default)


@dataclass(frozen=True)
class ApplicationKind:
    id: str
    title: str
    legal_basis: LegalBasis
    lodged_at: str  # office, consulate or both
    form: tuple[FormField, ...]
    documents: tuple[SupportingDocument, ...]
    fee: FeeSchedule
    decision_deadline: DecisionDeadline
    deciders: frozenset[str]  # role names (borderdesk.core.access.Role values)
    four_eyes: FourEyes
    letters: Letters
    description: str = ""
    intended_stay: IntendedStay | None = None
    assessment: tuple[Criterion, ...] = ()

    def may_be_lodged_at(self, post_kind: str) -> bool:
        return post_kind in LODGING_POSTS[self.lodged_at]

    def needs_approval(self, outcome: str) -> bool:
        return outcome in self.four_eyes.outcomes


# -- what the app asks of a kind --------------------------------------------------------------------------------


def visible_fields(kind: ApplicationKind, answers: Mapping[str, object]) -> list[FormField]:
    """The fields asked, given the answers so far: a field whose condition's field is not asked is not asked."""
    shown: dict[str, FormField] = {}
    for field in kind.form:  # a condition names an earlier field, so one pass settles every field
        if field.when is None or (field.when.field in shown and field.when.holds(answers)):
            shown[field.key] = field
    return list(shown.values())


def missing_answers(kind: ApplicationKind, answers: Mapping[str, object]) -> list[str]:
    """Keys of the required fields asked and not answered (False and 0 are answers; blank text is not)."""
    return [field.key for field in visible_fields(kind, answers) if field.required and _blank(answers.get(field.key))]


def answer_problems(kind: ApplicationKind, answers: Mapping[str, object]) -> dict[str, str]:
    """What is wrong with the answers given, by field key: a question the form does not ask, or an answer of the
    wrong type (a choice not offered, an unknown country, a date not YYYY-MM-DD). Blank answers are left to
    :func:`missing_answers`."""
    fields = {field.key: field for field in kind.form}
    problems: dict[str, str] = {}
    for key, value in answers.items():
        field = fields.get(key)
        if field is None:
            problems[str(key)] = f"{key!r} is not a question of the {kind.title} form"
        elif not _blank(value):
            try:
                _answer(field, value, key)
            except KindError as error:
                problems[key] = error.message
    return problems


def required_documents(kind: ApplicationKind, answers: Mapping[str, object]) -> list[SupportingDocument]:
    """The supporting documents the applicant must give, given their answers."""
    asked = {field.key for field in visible_fields(kind, answers)}
    return [
        document
        for document in kind.documents
        if document.required
        and (document.when is None or (document.when.field in asked and document.when.holds(answers)))
    ]


def fee_for(kind: ApplicationKind, nationality: str) -> Fee:
    """The fee for a national of ``nationality`` (a code or an alias such as ``D``); unknown codes are refused."""
    code = nationality_code(nationality)
    if code is None:
        raise KindError("unknown_nationality", f"{nationality!r} is no known nationality code", "nationality")
    return kind.fee.for_nationality(code)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# -- loading ----------------------------------------------------------------------------------------------------


class _KindYamlLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so that a date is checked like any other answer value."""


_KindYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_kind(source: str | Mapping) -> ApplicationKind:
    """An :class:`ApplicationKind` from YAML text or an already parsed mapping; :class:`KindError` if it is bad."""
    if isinstance(source, str):
        try:
            source = yaml.load(source, Loader=_KindYamlLoader)  # a SafeLoader subclass
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            raise KindError("yaml_syntax", f"not valid YAML{where}") from None
    return _kind(source)


def bundled_kinds() -> dict[str, ApplicationKind]:
    """The kinds shipped in ``borderdesk/core/casework/kinds/``, by id."""
    return {kind.id: kind for kind in _bundled()}


def bundled_kind(kind_id: str) -> ApplicationKind:
    kinds = bundled_kinds()
    if kind_id not in kinds:
        raise KindError("unknown_kind", f"no kind of application {kind_id!r}; there are: {', '.join(sorted(kinds))}")
    return kinds[kind_id]


@cache
def _bundled() -> tuple[ApplicationKind, ...]:
    root = resources.files("borderdesk.core.casework") / "kinds"
    kinds = []
    for entry in sorted(root.iterdir(), key=lambda entry: entry.name):
        if not entry.name.endswith(".yaml"):
            continue
        try:
            kind = load_kind(entry.read_text(encoding="utf-8"))
        except KindError as error:
            raise KindError(error.code, f"{entry.name}: {error.message}", error.path) from None
        if f"{kind.id}.yaml" != entry.name:
            raise KindError("malformed_input", f"{entry.name}: a kind's file is named after its id", "id")
        kinds.append(kind)
    return tuple(kinds)


_KIND_KEYS = (
    "id",
    "title",
    "legal_basis",
    "lodged_at",
    "form",
    "documents",
    "fee",
    "decision_deadline",
    "deciders",
    "four_eyes",
    "letters",
)


def _kind(value: object) -> ApplicationKind:
    kind = _mapping(value, "", _KIND_KEYS, ("description", "intended_stay", "assessment"))
    # Read in the order the keys are written, so that the first bad field is the first one reported.
    kind_id, title = _identifier(kind, "id", ""), _text(kind, "title", "")
    description = _text(kind, "description", "") if "description" in kind else ""
    legal_basis = _legal_basis(kind["legal_basis"], "legal_basis")
    lodged_at = _word(kind, "lodged_at", "", tuple(LODGING_POSTS))
    form = _form(kind["form"], "form")
    fields = {field.key: field for field in form}
    documents = _documents(kind["documents"], "documents", fields)
    fee = _fee(kind["fee"], "fee")
    deadline = _deadline(kind["decision_deadline"], "decision_deadline")
    deciders = _deciders(kind["deciders"], "deciders")
    four_eyes = _four_eyes(kind["four_eyes"], "four_eyes")
    letters = _letters(kind["letters"], "letters")
    stay = _intended_stay(kind["intended_stay"], "intended_stay", fields) if "intended_stay" in kind else None
    criteria = _criteria(kind["assessment"], "assessment", fields, documents, stay) if "assessment" in kind else ()
    return ApplicationKind(
        id=kind_id,
        title=title,
        legal_basis=legal_basis,
        lodged_at=lodged_at,
        form=form,
        documents=documents,
        fee=fee,
        decision_deadline=deadline,
        deciders=deciders,
        four_eyes=four_eyes,
        letters=letters,
        description=description,
        intended_stay=stay,
        assessment=criteria,
    )


def _field_of(
    entry: Mapping, key: str, path: str, fields: Mapping[str, FormField], types: tuple[FieldType, ...]
) -> str:
    """The key of a form field a criterion or the intended stay reads, which must be of one of ``types``."""
    name = entry[key]
    field = fields.get(name) if isinstance(name, str) else None
    if field is None or field.type not in types:
        kinds = " or ".join(t.value for t in types)
        raise KindError("unknown_field_reference", f"{name!r} is not a {kinds} field of the form", _join(path, key))
    return field.key


def _intended_stay(value: object, path: str, fields: Mapping[str, FormField]) -> IntendedStay:
    if isinstance(value, dict) and "until" not in value and ("length" in value or "unit" in value):
        entry = _mapping(value, path, ("from", "length", "unit"))
        return IntendedStay(
            start=_field_of(entry, "from", path, fields, (FieldType.DATE,)),
            length=_field_of(entry, "length", path, fields, (FieldType.NUMBER,)),
            unit=_word(entry, "unit", path, ("days", "months")),
        )
    entry = _mapping(value, path, ("from", "until"))
    return IntendedStay(
        start=_field_of(entry, "from", path, fields, (FieldType.DATE,)),
        until=_field_of(entry, "until", path, fields, (FieldType.DATE,)),
    )


def _criteria(
    value: object,
    path: str,
    fields: Mapping[str, FormField],
    documents: tuple[SupportingDocument, ...],
    stay: IntendedStay | None,
) -> tuple[Criterion, ...]:
    criteria: list[Criterion] = []
    for index, item in enumerate(_list(value, path, non_empty=True)):
        where = f"{path}[{index}]"
        if not isinstance(item, dict):
            raise KindError("malformed_input", "expected a mapping with id, check, title, legal_basis", where)
        if "check" not in item:
            raise KindError("missing_field", "check is required", _join(where, "check"))
        check = item["check"]
        if not isinstance(check, str) or check not in CHECKS:
            known = ", ".join(CHECKS)
            raise KindError("unknown_check", f"{check!r} is not a check; checks: {known}", _join(where, "check"))
        params = CHECKS[check]
        entry = _mapping(item, where, ("id", "check", "title", "legal_basis", *params))
        criterion_id = _identifier(entry, "id", where)
        if any(c.id == criterion_id for c in criteria):
            raise KindError("duplicate", f"criterion {criterion_id!r} is listed twice", _join(where, "id"))
        if any(c.check == check for c in criteria):
            raise KindError("duplicate", f"the check {check!r} is used twice", _join(where, "check"))
        title = _text(entry, "title", where)
        basis = _legal_basis(entry["legal_basis"], _join(where, "legal_basis"))
        values = tuple((name, _criterion_param(entry, name, where, fields, documents)) for name in params)
        if check == "short_stay_limit" and values[0][1] >= values[1][1]:  # type: ignore[operator]
            raise KindError("malformed_input", "the limit must be shorter than the window", _join(where, "limit"))
        needs_stay = check in NEEDS_INTENDED_STAY or (check == "means_of_subsistence" and dict(values)["per"] == "day")
        if needs_stay and stay is None:
            raise KindError("missing_field", f"the check {check!r} needs the kind's intended_stay", "intended_stay")
        criteria.append(Criterion(criterion_id, str(check), title, basis, values))
    return tuple(criteria)


def _criterion_param(
    entry: Mapping, name: str, path: str, fields: Mapping[str, FormField], documents: tuple[SupportingDocument, ...]
) -> object:
    check = entry["check"]
    if name == "field":
        types = {
            "means_of_subsistence": (FieldType.NUMBER,),
            "sponsor_present": (FieldType.TEXT,),
            "lodged_before_stay_ends": (FieldType.DATE,),
        }[check]
        return _field_of(entry, name, path, fields, types)
    if name == "document":
        code = entry[name]
        if not isinstance(code, str) or all(document.code != code for document in documents):
            raise KindError("unknown_document", f"{code!r} is not a document of this kind", _join(path, name))
        return code
    if name == "per":
        return _word(entry, name, path, ("day", "month"))
    if name == "minimum":
        return _amount(entry[name], _join(path, name))
    # margin_months, limit, window: whole numbers of days or months
    number = entry[name]
    low = 0 if name == "margin_months" else 1
    if not isinstance(number, int) or isinstance(number, bool) or not low <= number <= MAX_PERIOD_DAYS:
        raise KindError(
            "malformed_input", f"{name} is a whole number from {low} to {MAX_PERIOD_DAYS}", _join(path, name)
        )
    return number


def _form(value: object, path: str) -> tuple[FormField, ...]:
    fields: dict[str, FormField] = {}
    for index, item in enumerate(_list(value, path, non_empty=True)):
        where = f"{path}[{index}]"
        entry = _mapping(item, where, ("key", "label", "type", "required"), ("choices", "when"))
        key = _identifier(entry, "key", where)
        if key in fields:
            raise KindError("duplicate", f"the form asks {key!r} twice", _join(where, "key"))
        label = _text(entry, "label", where)
        field_type = FieldType(_word(entry, "type", where, tuple(FieldType)))
        required = _bool(entry, "required", where)
        choices = _choices(entry, where, field_type)
        when = _condition(entry["when"], _join(where, "when"), fields) if "when" in entry else None
        fields[key] = FormField(key, label, field_type, required, choices, when)
    return tuple(fields.values())


def _choices(entry: Mapping, where: str, field_type: FieldType) -> tuple[str, ...]:
    path = _join(where, "choices")
    if field_type is not FieldType.CHOICE:
        if "choices" in entry:
            raise KindError("malformed_input", f"a {field_type} field has no choices", path)
        return ()
    if "choices" not in entry:
        raise KindError("missing_field", "a choice field lists its choices", path)
    choices = _list(entry["choices"], path, non_empty=True)
    for index, choice in enumerate(choices):
        if not isinstance(choice, str) or not _IDENTIFIER.match(choice):
            raise KindError(
                "malformed_input", f"{choice!r}: a choice is a lower-case word (quote yes/no)", f"{path}[{index}]"
            )
        if choice in choices[:index]:
            raise KindError("duplicate", f"choice {choice!r} is listed twice", f"{path}[{index}]")
    return tuple(choices)


def _condition(value: object, path: str, fields: Mapping[str, FormField]) -> Condition:
    entry = _mapping(value, path, ("field",), ("equals", "in"))
    name = entry["field"]
    if not isinstance(name, str) or name not in fields:
        raise KindError("unknown_condition_field", f"{name!r} is not a field asked before this", _join(path, "field"))
    if ("equals" in entry) == ("in" in entry):
        both = "equals" in entry
        code, at = ("malformed_input", _join(path, "in")) if both else ("missing_field", path)
        raise KindError(code, "give either equals (a value) or in (a list)", at)
    if "equals" in entry:
        values, paths = [entry["equals"]], [_join(path, "equals")]
    else:
        values = _list(entry["in"], _join(path, "in"), non_empty=True)
        paths = [f"{path}.in[{index}]" for index in range(len(values))]
    field = fields[name]
    answers = tuple(_answer(field, item, at) for item, at in zip(values, paths, strict=True))
    return Condition(name, answers, country=field.type is FieldType.COUNTRY)


def _answer(field: FormField, value: object, path: str) -> Answer:
    """A value a condition compares the answer to ``field`` with, checked against that field's type."""
    if isinstance(value, date):
        value = value.isoformat()
    if field.type is FieldType.CHOICE:
        if value not in field.choices:
            raise KindError("unknown_choice", f"{value!r} is not a choice of {field.key!r}", path)
    elif field.type is FieldType.BOOLEAN:
        if not isinstance(value, bool):
            raise KindError("malformed_input", f"{field.key!r} is answered true or false", path)
    elif field.type is FieldType.NUMBER:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise KindError("malformed_input", f"{field.key!r} is answered with a number", path)
    elif field.type is FieldType.COUNTRY:
        code = nationality_code(value) if isinstance(value, str) else None
        if code is None:
            raise KindError("unknown_nationality", f"{value!r} is no known nationality code", path)
        value = code
    elif field.type is FieldType.DATE:
        if not isinstance(value, str) or not _is_iso_date(value):
            raise KindError("malformed_input", f"{value!r} is not a date in the form YYYY-MM-DD", path)
    elif not isinstance(value, str) or not value:
        raise KindError("malformed_input", f"{field.key!r} is answered with a text", path)
    assert isinstance(value, (str, int, float, bool))  # narrowed by the branches above
    return value


def _documents(value: object, path: str, fields: Mapping[str, FormField]) -> tuple[SupportingDocument, ...]:
    documents: list[SupportingDocument] = []
    for index, item in enumerate(_list(value, path, non_empty=True)):
        where = f"{path}[{index}]"
        entry = _mapping(item, where, ("code", "title", "required", "legal_basis"), ("when",))
        code = _identifier(entry, "code", where)
        if any(document.code == code for document in documents):
            raise KindError("duplicate", f"document {code!r} is listed twice", _join(where, "code"))
        documents.append(
            SupportingDocument(
                code,
                _text(entry, "title", where),
                _bool(entry, "required", where),
                _legal_basis(entry["legal_basis"], _join(where, "legal_basis")),
                _condition(entry["when"], _join(where, "when"), fields) if "when" in entry else None,
            )
        )
    return tuple(documents)


def _fee(value: object, path: str) -> FeeSchedule:
    entry = _mapping(value, path, ("currency", "default", "legal_basis"), ("overrides", "exemptions"))
    currency = entry["currency"]
    if not isinstance(currency, str) or not re.fullmatch(r"[A-Z]{3}", currency):
        raise KindError("malformed_input", f"{currency!r} is not a 3-letter currency code", _join(path, "currency"))
    rates: list[FeeRate] = []
    for index, item in enumerate(_list(entry.get("overrides", []), _join(path, "overrides"))):
        where = f"{path}.overrides[{index}]"
        rate = _mapping(item, where, ("nationalities", "amount", "legal_basis"))
        rates.append(
            FeeRate(
                _nationalities(rate["nationalities"], _join(where, "nationalities"), rates),
                _amount(rate["amount"], _join(where, "amount")),
                _legal_basis(rate["legal_basis"], _join(where, "legal_basis")),
            )
        )
    for index, item in enumerate(_list(entry.get("exemptions", []), _join(path, "exemptions"))):
        where = f"{path}.exemptions[{index}]"
        exemption = _mapping(item, where, ("nationalities", "legal_basis"))
        rates.append(
            FeeRate(
                _nationalities(exemption["nationalities"], _join(where, "nationalities"), rates),
                Decimal(0),
                _legal_basis(exemption["legal_basis"], _join(where, "legal_basis")),
                exempt=True,
            )
        )
    return FeeSchedule(
        currency,
        _amount(entry["default"], _join(path, "default")),
        _legal_basis(entry["legal_basis"], _join(path, "legal_basis")),
        tuple(rates),
    )


def _nationalities(value: object, path: str, earlier: list[FeeRate]) -> frozenset[str]:
    codes: set[str] = set()
    for index, item in enumerate(_list(value, path, non_empty=True)):
        code = nationality_code(item) if isinstance(item, str) else None
        if code is None:
            raise KindError("unknown_nationality", f"{item!r} is no known nationality code", f"{path}[{index}]")
        if code in codes or any(code in rate.nationalities for rate in earlier):
            raise KindError("duplicate", f"{code} already has a fee", f"{path}[{index}]")
        codes.add(code)
    return frozenset(codes)


def _amount(value: object, path: str) -> Decimal:
    amount = Decimal(str(value)) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    if amount is None or not amount.is_finite() or amount < 0 or int(amount.as_tuple().exponent) < -2:
        raise KindError("malformed_input", f"{value!r} is not an amount (0 or more, at most 2 decimals)", path)
    return amount


def _deadline(value: object, path: str) -> DecisionDeadline:
    entry = _mapping(value, path, ("days", "count", "legal_basis"))
    days = entry["days"]
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_PERIOD_DAYS:
        message = f"{days!r}: a legal period is a whole number of days from 1 to {MAX_PERIOD_DAYS}"
        raise KindError("malformed_input", message, _join(path, "days"))
    working = _word(entry, "count", path, ("calendar", "working")) == "working"
    return DecisionDeadline(Period(days, working), _legal_basis(entry["legal_basis"], _join(path, "legal_basis")))


def _deciders(value: object, path: str) -> frozenset[str]:
    roles = _list(value, path, non_empty=True)
    for index, role in enumerate(roles):
        if not isinstance(role, str) or role not in ROLE_NAMES:
            raise KindError("unknown_role", f"{role!r}; roles are {', '.join(sorted(ROLE_NAMES))}", f"{path}[{index}]")
    return frozenset(roles)


def _four_eyes(value: object, path: str) -> FourEyes:
    entry = _mapping(value, path, ("outcomes",), ("legal_basis",))
    outcomes = _list(entry["outcomes"], _join(path, "outcomes"))
    for index, outcome in enumerate(outcomes):
        if outcome not in OUTCOMES:
            raise KindError(
                "unknown_outcome", f"{outcome!r}; outcomes are approve and refuse", f"{path}.outcomes[{index}]"
            )
        if outcome in outcomes[:index]:
            raise KindError("duplicate", f"{outcome!r} is listed twice", f"{path}.outcomes[{index}]")
    if outcomes and "legal_basis" not in entry:
        raise KindError(
            "missing_field", "an approval by a senior officer needs its legal basis", _join(path, "legal_basis")
        )
    basis = _legal_basis(entry["legal_basis"], _join(path, "legal_basis")) if "legal_basis" in entry else None
    return FourEyes(frozenset(outcomes), basis)


def _letters(value: object, path: str) -> Letters:
    entry = _mapping(value, path, LETTERS)
    return Letters(*(_identifier(entry, name, path) for name in LETTERS))


def _legal_basis(value: object, path: str) -> LegalBasis:
    entry = _mapping(value, path, ("instrument", "article", "url"), ("text",))
    url = _text(entry, "url", path)
    if not url.startswith(("https://", "http://")):
        raise KindError("malformed_input", f"{url!r} is not an http(s) address", _join(path, "url"))
    text = _text(entry, "text", path) if "text" in entry else ""
    return LegalBasis(_text(entry, "instrument", path), _text(entry, "article", path), url, text)


# -- small readers: each raises KindError with the path of what it reads -----------------------------------------


def _mapping(value: object, path: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict:
    if not isinstance(value, dict):
        raise KindError("malformed_input", f"expected a mapping with {', '.join(required)}", path)
    for key in value:
        if key not in required and key not in optional:
            known = ", ".join(required + optional)
            raise KindError("unknown_field", f"unknown key {key!r}; known keys: {known}", _join(path, str(key)))
    for key in required:
        if key not in value:
            raise KindError("missing_field", f"{key} is required", _join(path, key))
    return value


def _list(value: object, path: str, non_empty: bool = False) -> list:
    if not isinstance(value, list):
        raise KindError("malformed_input", "expected a list", path)
    if non_empty and not value:
        raise KindError("missing_field", "the list needs at least one entry", path)
    return value


def _text(entry: Mapping, key: str, path: str) -> str:
    value = entry[key]
    if not isinstance(value, str) or not value.strip():
        raise KindError("malformed_input", f"{key} must be a non-empty text", _join(path, key))
    return value


def _identifier(entry: Mapping, key: str, path: str) -> str:
    value = _text(entry, key, path)
    if not _IDENTIFIER.match(value):
        raise KindError("malformed_input", f"{value!r}: use lower-case letters, digits and _", _join(path, key))
    return value


def _word(entry: Mapping, key: str, path: str, allowed: tuple[str, ...]) -> str:
    value = entry[key]
    if value not in allowed:
        raise KindError("malformed_input", f"{value!r}; use one of {', '.join(allowed)}", _join(path, key))
    return str(value)


def _bool(entry: Mapping, key: str, path: str) -> bool:
    value = entry[key]
    if not isinstance(value, bool):
        raise KindError("malformed_input", f"{key} is true or false", _join(path, key))
    return value


def _is_iso_date(text: str) -> bool:
    try:
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text)) and date.fromisoformat(text) is not None
    except ValueError:
        return False


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
