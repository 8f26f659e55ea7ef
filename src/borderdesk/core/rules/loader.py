"""Read and validate a rule pack written in YAML.

A pack is a manifest (``pack.yaml``) plus the files it ``include``s; their top-level keys are merged (a key may
appear in one file only). The whole pack is checked before anything is returned, and every problem is reported as
a :class:`PackIssue` (file, path in the document, code) inside one :class:`PackLoadError`. Nothing half-loaded
ever escapes, so a caller that keeps its current pack until :func:`parse_pack` returns never loses it.

:func:`parse_pack` does no I/O (it takes the texts); :func:`load_pack` reads a directory, :func:`bundled_pack`
one of the packs shipped in ``borderdesk/core/rules/packs/``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from datetime import date
from importlib import resources
from pathlib import Path

import yaml

from borderdesk.core.reference import NATIONALITY_CODES, nationality_code
from borderdesk.core.rules.checks import CHECKS, CheckSpec
from borderdesk.core.rules.errors import PackIssue, PackLoadError, RulesError
from borderdesk.core.rules.pack import (
    DatedValue,
    LegalBasis,
    Parameter,
    RefusalGround,
    Rule,
    RulePack,
    Validity,
    VisaGroup,
    VisaPolicy,
)
from borderdesk.core.rules.visa_matrix import Requirement, VisaRequirement, parse_requirement
from borderdesk.core.rules.visa_on_arrival import KNOWN_DOCUMENTS

MANIFEST = "pack.yaml"
_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_.-]*$")


class _PackYamlLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so that a bad date is reported with its path instead of crashing."""


_PackYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _yaml(text: str) -> object:
    return yaml.load(text, Loader=_PackYamlLoader)  # a SafeLoader subclass


_TOP_LEVEL_KEYS = {
    "id",
    "version",
    "title",
    "jurisdiction",
    "description",
    "valid_from",
    "valid_to",
    "include",
    "rules",
    "refusal_grounds",
    "visa_policy",
}


def parse_pack(documents: Mapping[str, str]) -> RulePack:
    """Build a :class:`RulePack` from ``{file name: YAML text}``; the manifest is ``pack.yaml``."""
    reader = _Reader(documents)
    pack = reader.read()
    if reader.issues or pack is None:  # read() gives None only with an issue to say why
        raise PackLoadError(reader.issues)
    return pack


def load_pack(directory: str | Path) -> RulePack:
    """Read ``directory/pack.yaml`` and the files it includes, then :func:`parse_pack` them."""
    directory = Path(directory)
    texts = {MANIFEST: _read_text(directory, MANIFEST)}
    try:
        manifest = _yaml(texts[MANIFEST]) or {}
    except yaml.YAMLError:
        manifest = {}  # parse_pack reports the syntax error with its position
    includes = manifest.get("include") if isinstance(manifest, dict) else None
    for name in includes if isinstance(includes, list) else []:
        if isinstance(name, str) and "/" not in name and "\\" not in name:
            texts[name] = _read_text(directory, name)
    return parse_pack(texts)


def bundled_pack(name: str) -> RulePack:
    """One of the packs shipped with Borderdesk: ``"uto"`` (Utopia, the demo country) or ``"schengen"``."""
    if name not in bundled_pack_names():
        raise RulesError("unknown_pack", f"no bundled rule pack {name!r}; there are: {', '.join(bundled_pack_names())}")
    return load_pack(Path(str(resources.files("borderdesk.core.rules") / "packs" / name)))


def bundled_pack_names() -> list[str]:
    root = resources.files("borderdesk.core.rules") / "packs"
    return sorted(entry.name for entry in root.iterdir() if (entry / MANIFEST).is_file())


def _read_text(directory: Path, name: str) -> str:
    try:
        return (directory / name).read_text(encoding="utf-8")
    except OSError as exc:
        issue = PackIssue(name, "", "cannot_read", f"cannot read {directory / name}: {exc.strerror}")
        raise PackLoadError([issue]) from exc


class _Reader:
    """Walks the merged documents, collecting issues instead of stopping at the first."""

    def __init__(self, documents: Mapping[str, str]) -> None:
        self.documents = documents
        self.issues: list[PackIssue] = []
        self.file_of: dict[str, str] = {}

    def issue(self, path: str, code: str, message: str) -> None:
        top = re.split(r"[.\[]", path, maxsplit=1)[0]
        self.issues.append(PackIssue(self.file_of.get(top, MANIFEST), path, code, message))

    def read(self) -> RulePack | None:
        merged = self._merge()
        if merged is None:
            return None
        for key in sorted(set(merged) - _TOP_LEVEL_KEYS):
            self.issue(key, "unknown_key", f"unknown top-level key {key!r}")
        pack_id = self.identifier(merged, "id", "")
        version = self.text(merged, "version", "")
        validity = self.validity(merged, "")
        grounds = self.refusal_grounds(merged.get("refusal_grounds"), "refusal_grounds")
        rules = self.rules(merged.get("rules"), "rules", grounds, validity)
        policy = self.visa_policy(merged.get("visa_policy"), "visa_policy")
        title, jurisdiction = self.text(merged, "title", ""), self.text(merged, "jurisdiction", "")
        if self.issues:
            return None
        return RulePack(
            id=pack_id,
            version=version,
            title=title,
            jurisdiction=jurisdiction,
            validity=validity,
            rules=tuple(rules),
            refusal_grounds=grounds,
            visa_policy=policy,
            description=str(merged.get("description", "")),
        )

    # -- documents ------------------------------------------------------------------------------------------------

    def _merge(self) -> dict | None:
        manifest = self._load(MANIFEST)
        if not isinstance(manifest, dict):
            if manifest is not None or MANIFEST in self.documents:
                self.issues.append(PackIssue(MANIFEST, "", "not_a_mapping", "the manifest must be a YAML mapping"))
            else:
                self.issues.append(PackIssue(MANIFEST, "", "missing_manifest", "a pack needs a pack.yaml"))
            return None
        merged = dict(manifest)
        self.file_of = {key: MANIFEST for key in manifest}
        includes = manifest.get("include") or []
        if not isinstance(includes, list):
            self.issues.append(PackIssue(MANIFEST, "include", "wrong_type", "include must be a list of file names"))
            includes = []
        for name in includes:
            document = self._load(name)
            if not isinstance(document, dict):
                self.issues.append(PackIssue(str(name), "", "not_a_mapping", "an included file must be a mapping"))
                continue
            for key, value in document.items():
                if key in merged:
                    self.issues.append(
                        PackIssue(name, key, "duplicate_key", f"{key!r} is already defined in {self.file_of[key]}")
                    )
                    continue
                merged[key] = value
                self.file_of[key] = name
        return merged

    def _load(self, name: object) -> object:
        if not isinstance(name, str) or name not in self.documents:
            self.issues.append(PackIssue(str(name), "", "missing_file", f"file {name!r} is not part of the pack"))
            return None
        try:
            return _yaml(self.documents[name])
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            self.issues.append(PackIssue(name, "", "yaml_syntax", f"not valid YAML{where}: {exc}"))
            return None

    # -- scalars --------------------------------------------------------------------------------------------------

    def text(self, mapping: Mapping, key: str, path: str, required: bool = True) -> str:
        value = mapping.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.issue(
                _join(path, key), "missing_field" if value is None else "wrong_type", f"{key} must be a non-empty text"
            )
            return ""
        return value

    def identifier(self, mapping: Mapping, key: str, path: str) -> str:
        value = self.text(mapping, key, path)
        if value and not _IDENTIFIER.match(value):
            self.issue(_join(path, key), "bad_identifier", f"{value!r}: use lower-case letters, digits, _ . -")
        return value

    def date(self, mapping: Mapping, key: str, path: str, required: bool) -> date | None:
        value = mapping.get(key)
        if value is None:
            if required:
                self.issue(_join(path, key), "missing_field", f"{key} is required (YYYY-MM-DD)")
            return None
        if isinstance(value, date):
            return value
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.issue(_join(path, key), "malformed_date", f"{value!r} is not a date in the form YYYY-MM-DD")
        return None

    def validity(self, mapping: Mapping, path: str) -> Validity:
        valid_from = self.date(mapping, "valid_from", path, required=True) or date.min
        valid_to = self.date(mapping, "valid_to", path, required=False)
        if valid_to is not None and valid_to < valid_from:
            self.issue(_join(path, "valid_to"), "validity_reversed", "valid_to is before valid_from")
        return Validity(valid_from, valid_to)

    def legal_basis(self, mapping: Mapping, path: str, required: bool = True) -> LegalBasis | None:
        value = mapping.get("legal_basis")
        where = _join(path, "legal_basis")
        if value is None:
            if required:
                self.issue(where, "missing_legal_basis", "every rule and value needs a legal basis")
            return None
        if not isinstance(value, dict):
            self.issue(where, "wrong_type", "legal_basis must be a mapping of instrument, article, url")
            return None
        url = self.text(value, "url", where)
        if url and not url.startswith(("https://", "http://")):
            self.issue(_join(where, "url"), "bad_url", f"{url!r} is not an http(s) address")
        return LegalBasis(
            self.text(value, "instrument", where),
            self.text(value, "article", where),
            url,
            self.text(value, "text", where, required=False),
        )

    # -- sections -------------------------------------------------------------------------------------------------

    def refusal_grounds(self, value: object, path: str) -> dict[str, RefusalGround]:
        grounds: dict[str, RefusalGround] = {}
        for index, item in self.items(value, path):
            where = f"{path}[{index}]"
            code = self.text(item, "code", where)
            if code in grounds:
                self.issue(_join(where, "code"), "duplicate_code", f"refusal ground {code!r} is defined twice")
            grounds[code] = RefusalGround(
                code, self.text(item, "title", where), self.text(item, "text", where), self.legal_basis(item, where)
            )
        return grounds

    def rules(self, value: object, path: str, grounds: Mapping[str, RefusalGround], pack: Validity) -> list[Rule]:
        rules: list[Rule] = []
        seen: set[str] = set()
        for index, item in self.items(value, path):
            where = f"{path}[{index}]"
            rule = self.rule(item, where, grounds)
            if rule.id in seen:
                self.issue(_join(where, "id"), "duplicate_id", f"rule {rule.id!r} is defined twice")
            seen.add(rule.id)
            if rule.validity.valid_from < pack.valid_from or (
                pack.valid_to and (rule.validity.valid_to is None or rule.validity.valid_to > pack.valid_to)
            ):
                self.issue(_join(where, "valid_from"), "outside_pack_validity", "a rule must lie within its pack")
            rules.append(rule)
        self._no_two_rules_with_one_check_at_once(rules, path)
        for index, rule in enumerate(rules):
            if rule.check == "stay_limit":
                self._limit_below_window(rule, f"{path}[{index}].parameters")
        return rules

    def _limit_below_window(self, rule: Rule, path: str) -> None:
        limits, windows = rule.parameters.get("limit_days"), rule.parameters.get("window_days")
        for limit in limits.values if limits else ():
            for window in windows.values if windows else ():
                overlapping = limit.validity.overlaps(window.validity)
                if (
                    overlapping
                    and isinstance(limit.value, int)
                    and isinstance(window.value, int)
                    and limit.value >= window.value
                ):
                    self.issue(
                        _join(path, "limit_days"),
                        "limit_not_below_window",
                        f"limit {limit.value} must be smaller than window {window.value}",
                    )

    def rule(self, item: Mapping, where: str, grounds: Mapping[str, RefusalGround]) -> Rule:
        check = self.text(item, "check", where)
        spec = CHECKS.get(check)
        if check and spec is None:
            self.issue(_join(where, "check"), "unknown_check", f"{check!r}; known checks: {', '.join(CHECKS)}")
        validity = self.validity(item, where)
        rule_basis = self.legal_basis(item, where)
        mapping = self.ground_mapping(item.get("grounds") or {}, _join(where, "grounds"), spec, grounds)
        parameters = self.parameters(
            item.get("parameters") or {}, _join(where, "parameters"), spec, validity, rule_basis
        )
        return Rule(
            self.identifier(item, "id", where),
            check,
            self.text(item, "title", where),
            validity,
            rule_basis,
            mapping,
            parameters,
        )

    def ground_mapping(
        self, value: object, where: str, spec: CheckSpec | None, grounds: Mapping[str, RefusalGround]
    ) -> dict:
        if not isinstance(value, dict):
            self.issue(where, "wrong_type", "grounds must map each failure of the check to a refusal ground code")
            return {}
        expected = set(spec.failures) if spec else set(value)
        for failure in sorted(expected - set(value)):
            self.issue(_join(where, failure), "missing_ground", f"failure {failure!r} needs a refusal ground")
        for failure, code in value.items():
            if failure not in expected:
                self.issue(_join(where, str(failure)), "unknown_failure", f"the check has no failure {failure!r}")
            elif not isinstance(code, str) or code not in grounds:
                self.issue(_join(where, str(failure)), "unknown_ground", f"{code!r} is not in refusal_grounds")
        return dict(value)

    def parameters(
        self, value: object, where: str, spec: CheckSpec | None, rule_validity: Validity, rule_basis: LegalBasis | None
    ) -> dict[str, Parameter]:
        if not isinstance(value, dict):
            self.issue(where, "wrong_type", "parameters must be a mapping of name to dated values")
            return {}
        expected = set(spec.parameters) if spec else set(value)
        for name in sorted(expected - set(value)):
            self.issue(_join(where, name), "missing_parameter", f"the check needs parameter {name!r}")
        parameters = {}
        for name, item in value.items():
            path = _join(where, str(name))
            if name not in expected:
                self.issue(path, "unknown_parameter", f"the check takes no parameter {name!r}")
                continue
            parameters[name] = self.parameter(name, item, path, rule_validity, rule_basis)
        return parameters

    def parameter(
        self, name: str, item: object, path: str, rule_validity: Validity, rule_basis: LegalBasis | None
    ) -> Parameter:
        if not isinstance(item, dict):
            self.issue(path, "wrong_type", "a parameter is a mapping with values (and a legal_basis)")
            return Parameter(name, ())
        shared_basis = self.legal_basis(item, path, required=False)
        values = []
        for index, entry in self.items(item.get("values"), _join(path, "values")):
            where = f"{_join(path, 'values')}[{index}]"
            if "value" not in entry:
                self.issue(_join(where, "value"), "missing_field", "each dated value needs a value")
            basis = self.legal_basis(entry, where, required=False) or shared_basis
            if basis is None:
                self.issue(
                    _join(where, "legal_basis"),
                    "missing_legal_basis",
                    "give a legal_basis on the value or on its parameter",
                )
            problem = _value_problem(name, entry.get("value"))
            if problem:
                self.issue(_join(where, "value"), "bad_value", problem)
            value = entry.get("value") if problem else _in_nationality_codes(name, entry.get("value"))
            values.append(DatedValue(value, self.validity(entry, where), basis or rule_basis))
        values.sort(key=lambda dated: dated.validity.valid_from)
        self._values_cover_rule(values, rule_validity, path)
        return Parameter(name, tuple(values))

    def _values_cover_rule(self, values: list[DatedValue], rule: Validity, path: str) -> None:
        """The values of a parameter must not overlap, and must cover the rule's whole life without gaps."""
        cursor = rule.valid_from
        for previous, current in itertools.pairwise(values):
            if previous.validity.overlaps(current.validity):
                self.issue(
                    path,
                    "overlapping_values",
                    f"values from {previous.validity.valid_from} and {current.validity.valid_from} overlap",
                )
        for dated in values:
            if dated.validity.valid_from > cursor:
                self.issue(path, "value_gap", f"no value from {cursor.isoformat()} to {dated.validity.valid_from}")
            if dated.validity.valid_to is None:
                return
            cursor = max(cursor, date.fromordinal(dated.validity.valid_to.toordinal() + 1))
        if values and (rule.valid_to is None or cursor <= rule.valid_to):
            self.issue(path, "value_gap", f"no value from {cursor.isoformat()} while the rule is in force")
        elif not values:
            self.issue(_join(path, "values"), "missing_field", "a parameter needs at least one dated value")

    def _no_two_rules_with_one_check_at_once(self, rules: list[Rule], path: str) -> None:
        for index, rule in enumerate(rules):
            for other in rules[:index]:
                if rule.check == other.check and rule.validity.overlaps(other.validity):
                    self.issue(
                        f"{path}[{index}]",
                        "overlapping_rules",
                        f"rules {other.id!r} and {rule.id!r} both run check {rule.check!r} at the same time",
                    )

    def visa_policy(self, value: object, path: str) -> VisaPolicy | None:
        if not isinstance(value, dict):
            self.issue(path, "missing_field" if value is None else "wrong_type", "visa_policy must be a mapping")
            return None
        source = value.get("source")
        if source not in ("lists", "matrix"):
            self.issue(_join(path, "source"), "bad_value", "source must be 'lists' or 'matrix'")
        destination = self.text(value, "destination", path)
        basis = self.legal_basis(value, path)
        if source != "lists":
            return VisaPolicy("matrix", destination, basis)
        default = self.requirement(value.get("default"), _join(path, "default"), None)
        groups = [
            self.visa_group(item, f"{path}.groups[{index}]")
            for index, item in self.items(value.get("groups"), _join(path, "groups"))
        ]
        self._no_nationality_twice_at_once(groups, path)
        listed = frozenset().union(*(group.nationalities for group in groups))
        return VisaPolicy("lists", destination, basis, tuple(groups), default, NATIONALITY_CODES | listed)

    def visa_group(self, item: Mapping, where: str) -> VisaGroup:
        nationalities = item.get("nationalities")
        if not isinstance(nationalities, list) or not nationalities:
            self.issue(_join(where, "nationalities"), "missing_field", "a group lists at least one nationality")
            nationalities = []
        for index, code in enumerate(nationalities):
            if nationality_code(code) is None:
                self.issue(f"{where}.nationalities[{index}]", "unknown_nationality", f"{code!r} is no known code")
        codes = frozenset(nationality_code(code) or str(code) for code in nationalities)
        return VisaGroup(
            self.identifier(item, "id", where),
            self.requirement(item.get("requirement"), where, item.get("days")),
            self.validity(item, where),
            self.legal_basis(item, where),
            codes,
        )

    def requirement(self, word: object, where: str, days: object) -> VisaRequirement | None:
        try:
            requirement = parse_requirement(str(word).replace("_", " ") if word != "e_visa" else "e-visa")
        except ValueError:
            self.issue(
                where, "bad_requirement", f"{word!r}; use one of {', '.join(item.value for item in Requirement)}"
            )
            return None
        if days is not None:
            if not isinstance(days, int) or isinstance(days, bool) or days < 1:
                self.issue(_join(where, "days"), "wrong_type", "days must be a positive whole number")
            return VisaRequirement(requirement.requirement, days)
        return requirement

    def _no_nationality_twice_at_once(self, groups: list[VisaGroup], path: str) -> None:
        for index, group in enumerate(groups):
            for other in groups[:index]:
                both = group.nationalities & other.nationalities
                if both and group.validity.overlaps(other.validity):
                    self.issue(
                        f"{path}.groups[{index}]",
                        "nationality_in_two_groups",
                        f"{', '.join(sorted(both))} also in group {other.id!r} at the same time",
                    )

    def items(self, value: object, path: str) -> Iterator[tuple[int, dict]]:
        """(index, mapping) pairs of a list of mappings, reporting the list or any item that is not one."""
        if not isinstance(value, list):
            self.issue(path, "missing_field" if value is None else "wrong_type", f"{path} must be a list")
            return
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item
            else:
                self.issue(f"{path}[{index}]", "wrong_type", "expected a mapping")


def _positive_int(value: object) -> str | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and value > 0
    return None if ok else "must be a whole number above 0"


def _amount(value: object) -> str | None:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0
    return None if ok else "must be an amount, 0 or more"


def _currency(value: object) -> str | None:
    return None if isinstance(value, str) and re.fullmatch(r"[A-Z]{3}", value) else "must be a 3-letter currency code"


def _documents(value: object) -> str | None:
    if isinstance(value, list) and value and all(isinstance(item, str) and item in KNOWN_DOCUMENTS for item in value):
        return None
    return f"must be a list drawn from {', '.join(sorted(KNOWN_DOCUMENTS))}"


def _documents_by_purpose(value: object) -> str | None:
    ok = (
        isinstance(value, dict)
        and value
        and all(
            isinstance(key, str) and isinstance(items, list) and items and all(isinstance(i, str) for i in items)
            for key, items in value.items()
        )
    )
    return None if ok else "must map each purpose to a non-empty list of document kinds"


def _fee(value: object) -> str | None:
    if not isinstance(value, dict) or _currency(value.get("currency")) or _amount(value.get("default")):
        return "must give currency (3 letters) and default amount, optionally by_nationality amounts"
    by_nationality = value.get("by_nationality", {})
    if not isinstance(by_nationality, dict) or any(
        nationality_code(code) is None or _amount(amount) for code, amount in by_nationality.items()
    ):
        return "by_nationality must map known nationality codes to amounts"
    if len({nationality_code(code) for code in by_nationality}) != len(by_nationality):
        return "by_nationality gives one nationality twice (a code and its alias)"
    return None


def _in_nationality_codes(name: str, value: object) -> object:
    """Fee amounts keyed by an alias (XKX for Kosovo) are stored under the code travellers carry (RKS)."""
    if name != "fee" or not isinstance(value, dict) or "by_nationality" not in value:
        return value
    return {
        **value,
        "by_nationality": {nationality_code(code): amount for code, amount in value["by_nationality"].items()},
    }


_VALUE_CHECKS = {
    "min_validity_after_departure_months": _positive_int,
    "max_age_years": _positive_int,
    "length_of_stay_days": _positive_int,
    "entries": _positive_int,
    "min_document_validity_months": _positive_int,
    "limit_days": _positive_int,
    "window_days": _positive_int,
    "amount_per_day": _amount,
    "currency": _currency,
    "documents_required": _documents,
    "documents_by_purpose": _documents_by_purpose,
    "fee": _fee,
}


def _value_problem(name: str, value: object) -> str | None:
    check = _VALUE_CHECKS.get(name)
    return check(value) if check else None


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
