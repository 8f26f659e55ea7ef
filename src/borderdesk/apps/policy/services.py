"""Entry policy: the rule packs in force, recommendations (each one stored), and the authoring workflow.

Authors edit a draft of a pack (its YAML files), submit it; a second policy author reviews it and sees what it would
change by replaying the recommendations of the last days under the draft; then it is published with an effective
date. A published pack that does not load never replaces the one in force. Every step is permission-checked,
transactional and audited with old and new values.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import re
import threading
import zlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from borderdesk.apps.accounts.actors import SystemActor, user_of, username_of
from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.common import hot_reads, hot_writes
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound, PermissionDenied
from borderdesk.apps.common.services import service, the_post_code
from borderdesk.apps.policy.bundled import MANIFEST, bundled_files, bundled_names
from borderdesk.apps.policy.models import Evaluation, PackStatus, PackVersion, VisaMatrixVersion
from borderdesk.core.access import Perm
from borderdesk.core.audit import canonical_json
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.rules import (
    PackIssue,
    PackLoadError,
    PackRegistry,
    Recommendation,
    RulePack,
    RulesError,
    Situation,
    VisaMatrix,
    VisaMatrixError,
    assess_visa_on_arrival,
    calculate_stay_request,
    evaluate_entry,
    parse_pack,
    situation_from_dict,
    situation_to_dict,
)

logger = logging.getLogger(__name__)

# Who may ask the rules about a traveller or applicant (any one, at the post).
RECOMMEND_PERMS = (Perm.BORDER_TRAVELLER_READ, Perm.CASE_APPLICATION_READ, Perm.CONSULAR_VISA_READ)


# --- errors ------------------------------------------------------------------------------------------------------


class RulesRefused(Invalid):
    """A rules-core error a user's input caused (a bad situation, a day no rule covers, an unknown nationality).
    The core's code is kept; ``field`` is the path of the bad fact when there is one."""

    def __init__(self, error: RulesError):
        path = error.details.get("path") or error.details.get("field")
        super().__init__(error.message, code=error.code, field=path if isinstance(path, str) and path else None)
        self.details = error.to_dict()


class PackInvalid(Invalid):
    """A pack whose files do not load (or break the app's own rules): ``issues`` lists each with file and path."""

    def __init__(self, issues: list[PackIssue], message: str = "The rule pack has errors; fix them first."):
        super().__init__(message, code="pack_invalid")
        self.issues = [issue.to_dict() for issue in issues]


class VisaMatrixRejected(Invalid):
    def __init__(self, message: str, rows: list[dict]):
        super().__init__(message, code="visa_matrix_rejected")
        self.rows = rows


# --- the packs in force ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublishedPack:
    version_id: int
    number: int
    label: str
    effective_from: date
    pack: RulePack


class PacksInForce:
    """The published versions, loaded. On a day, a pack's version in force is the published one with the latest
    effective date on or before that day (the later published wins a tie)."""

    def __init__(self, key: tuple, published: list[PublishedPack], registry: PackRegistry):
        self.key = key
        self.registry = registry
        self._schedule: dict[str, list[PublishedPack]] = {}
        for item in sorted(published, key=lambda p: (p.effective_from, p.number)):
            self._schedule.setdefault(item.pack.id, []).append(item)

    def pack_ids(self) -> list[str]:
        return sorted(self._schedule)

    def in_force(self, pack_id: str, on: date) -> PublishedPack:
        candidates = [item for item in self._schedule.get(pack_id, []) if item.effective_from <= on]
        if not candidates:
            if pack_id not in self._schedule:
                raise Invalid(f"No version of rule pack {pack_id!r} is published.", code="unknown_pack", field="pack")
            raise Invalid(
                f"No version of rule pack {pack_id!r} is in force on {on.isoformat()}.",
                code="no_rule_in_force",
                field="date",
            )
        return candidates[-1]


_lock = threading.Lock()
_cached: PacksInForce | None = None


def packs_in_force() -> PacksInForce:
    """The loaded packs, rebuilt when the set of published versions changes (one small query per call)."""
    global _cached
    key = _published_key()
    if not key:
        with contextlib.suppress(IntegrityError):  # another process published them at the same moment
            ensure_bundled_packs()
        key = _published_key()
    cached = _cached
    if cached is not None and cached.key == key:
        return cached
    with _lock:
        if _cached is not None and _cached.key == key:
            return _cached
        _cached = _load_published(key)
        return _cached


def _published_key() -> tuple:
    # The publication time as well as the id: an id may come back after a rolled-back transaction.
    return tuple(  # at every evaluation
        hot_reads.rows(
            f"SELECT id, published_at FROM {PackVersion._meta.db_table} WHERE status = %s ORDER BY id",
            [PackStatus.PUBLISHED.value],
        )
    )


def _load_published(key: tuple) -> PacksInForce:
    registry = PackRegistry()
    published = []
    rows = PackVersion.objects.filter(pk__in=[pk for pk, _ in key]).order_by("effective_from", "number")
    for row in rows:
        try:
            pack = parse_pack(row.files)
            registry.publish(pack)
        except PackLoadError as error:
            # A version that no longer loads (a newer core may be stricter) never replaces the one in force.
            logger.error(
                "published pack %s v%s does not load; the earlier version stays in force: %s",
                row.pack_id,
                row.number,
                error.message,
            )
            continue
        except RulesError as error:
            logger.error("published pack %s v%s skipped: %s", row.pack_id, row.number, error.message)
            continue
        published.append(
            PublishedPack(row.pk, row.number, row.label, row.effective_from or pack.validity.valid_from, pack)
        )
    return PacksInForce(key, published, registry)


BUNDLED = SystemActor("bundled rule packs")


@service(Perm.POLICY_RULE_PUBLISH)
def _publish_bundled_packs(actor) -> list[PackVersion]:
    created = []
    for name in bundled_names():
        if PackVersion.objects.filter(pack_id=name, status=PackStatus.PUBLISHED).exists():
            continue
        files = bundled_files(name)
        pack = parse_pack(files)
        number = (PackVersion.objects.filter(pack_id=name).aggregate(n=Max("number"))["n"] or 0) + 1
        version = PackVersion.objects.create(
            pack_id=name,
            number=number,
            label=pack.version,
            files=files,
            status=PackStatus.PUBLISHED,
            effective_from=pack.validity.valid_from,
            published_at=timezone.now(),
        )
        record_change(actor, AuditAction.POLICY_PACK_PUBLISH, version, new=_version_summary(version))
        created.append(version)
    return created


def ensure_bundled_packs() -> list[PackVersion]:
    """Publish each pack shipped with Borderdesk as version 1 when the database has no version of it yet: the
    system does it, on the first use of the rules, and says so in the audit trail."""
    return _publish_bundled_packs(BUNDLED)


def default_pack_id(pack_id: str | None) -> str:
    return pack_id or settings.BORDERDESK_RULE_PACK


# --- visa matrix ---------------------------------------------------------------------------------------------------

_matrix_lock = threading.Lock()
_matrix_cache: tuple[tuple | None, VisaMatrix | None] = (None, None)


def current_visa_matrix() -> tuple[VisaMatrixVersion | None, VisaMatrix | None]:
    global _matrix_cache
    version = VisaMatrixVersion.objects.filter(is_current=True).defer("content").first()
    if version is None:
        return None, None
    key = (version.pk, version.sha256)
    if _matrix_cache[0] == key:
        return version, _matrix_cache[1]
    with _matrix_lock:
        content = VisaMatrixVersion.objects.values_list("content", flat=True).get(pk=version.pk)
        text = zlib.decompress(bytes(content)).decode("utf-8")
        matrix = VisaMatrix.from_csv(text, version.source_name)
        _matrix_cache = (key, matrix)
    return version, matrix


def _matrix_for(pack: RulePack) -> tuple[VisaMatrixVersion | None, VisaMatrix | None]:
    if pack.visa_policy.source != "matrix":
        return None, None
    version, matrix = current_visa_matrix()
    if matrix is None:
        raise Invalid(
            f"Rule pack {pack.id} takes visa requirements from an imported visa matrix, and none has "
            "been imported yet.",
            code="visa_matrix_required",
        )
    return version, matrix


@dataclass(frozen=True)
class MatrixImport:
    version: VisaMatrixVersion
    changed: bool


@service(Perm.ADMIN_REFERENCE_MANAGE)
def import_visa_matrix(actor, content: bytes, source_name: str) -> MatrixImport:
    """Make the file the visa matrix in force, all or nothing; the same file again changes nothing."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Invalid(f"The visa matrix is not UTF-8 text (byte {exc.start}).", code="visa_matrix_not_utf8") from exc
    try:
        matrix = VisaMatrix.from_csv(text, source_name)
    except VisaMatrixError as exc:
        raise VisaMatrixRejected(
            f"{source_name} was rejected; the visa matrix in force is unchanged.",
            _matrix_row_errors(text, source_name, exc),
        ) from exc
    if len(matrix) == 0:
        raise VisaMatrixRejected(
            f"{source_name} has no rows; the visa matrix in force is unchanged.",
            [{"line": 2, "code": "empty_matrix", "message": "no rows after the header"}],
        )
    digest = hashlib.sha256(content).hexdigest()
    current = VisaMatrixVersion.objects.select_for_update().filter(is_current=True).defer("content").first()
    if current is not None and current.sha256 == digest:
        return MatrixImport(current, changed=False)
    if current is not None:
        current.is_current = False
        current.save(update_fields=["is_current"])
    version = VisaMatrixVersion.objects.create(
        imported_by=user_of(actor),
        source_name=source_name[:300],
        sha256=digest,
        row_count=len(matrix),
        passports=len(matrix.passports),
        destinations=len(matrix.destinations),
        content=zlib.compress(text.encode("utf-8"), 9),
        is_current=True,
    )
    record_change(
        actor,
        AuditAction.POLICY_VISA_MATRIX_IMPORT,
        version,
        old={"version": current.pk, "rows": current.row_count, "sha256": current.sha256} if current else None,
        new={"version": version.pk, "rows": version.row_count, "source": source_name, "sha256": digest},
    )
    return MatrixImport(version, changed=True)


def _matrix_row_errors(text: str, source: str, first: VisaMatrixError, limit: int = 100) -> list[dict]:
    """The first error, then every other malformed row found line by line (up to ``limit``)."""
    errors = {first.details.get("line", 0): _row(first)}
    lines = text.splitlines()
    header = lines[0] if lines else ""
    if first.code != "bad_header":
        for number, line in enumerate(lines[1:], start=2):
            if len(errors) >= limit:
                break
            if number in errors or not line.strip():
                continue
            try:
                VisaMatrix.from_csv([header, line], source)
            except VisaMatrixError as exc:
                errors[number] = {**_row(exc), "line": number}
    return [errors[line] for line in sorted(errors)]


def _row(error: VisaMatrixError) -> dict:
    message = error.message.split(": ", 2)[-1] if error.message.count(": ") >= 2 else error.message
    return {"line": error.details.get("line"), "code": error.code, "message": message}


# --- recommendations ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecommendationRecord:
    evaluation_id: int
    recommendation: Recommendation
    answer: dict  # the recommendation as stored (its trace is long: turned into JSON data once)
    published: PublishedPack  # the pack version that answered

    def as_dict(self) -> dict:
        return {**self.answer, "evaluation_id": self.evaluation_id}

    def summary(self) -> dict:
        """The answer without its trace, naming the evaluation that keeps it (``with_trace`` puts it back): what
        an inspection keeps, so that the long trace is stored and hashed once."""
        return {key: value for key, value in self.as_dict().items() if key != "trace"}


def with_trace(recommendation: Mapping) -> dict:
    """A recommendation kept as ``RecommendationRecord.summary`` with its trace back, as the rules gave it (one
    that still holds its trace, or names no evaluation, is returned as it is)."""
    evaluation_id = recommendation.get("evaluation_id")
    if "trace" in recommendation or evaluation_id is None:
        return dict(recommendation)
    stored = Evaluation.objects.filter(pk=evaluation_id).values_list("recommendation", flat=True).first()
    return {**recommendation, "trace": (stored or {}).get("trace")}


def recommendation_digest(answer: Mapping) -> str:
    """The SHA-256 of a stored recommendation (trace included) in the audit trail's canonical JSON: the trail's
    record of an evaluation carries it, so the chain vouches for the trace that decisions refer to."""
    return hashlib.sha256(canonical_json(answer).encode("utf-8")).hexdigest()


def situation_of(data: Situation | Mapping) -> Situation:
    """The rules core's situation: as it is, or read from JSON-like data (the API, the command line) with the
    first bad fact refused (``RulesRefused``, with its path)."""
    if isinstance(data, Situation):
        return data
    try:
        return situation_from_dict(json.loads(json.dumps(data, cls=DjangoJSONEncoder)))
    except (TypeError, ValueError) as exc:
        raise Invalid(f"The situation is not JSON data: {exc}", code="malformed_input", field="situation") from exc
    except RulesError as exc:
        raise RulesRefused(exc) from exc


@service(RECOMMEND_PERMS, post=the_post_code)
def recommend_entry(
    actor, situation: Situation | Mapping, *, on: date, post_code: str | None, purpose: str, pack_id: str | None = None
) -> RecommendationRecord:
    """Ask the pack in force on ``on`` what to do with the traveller; the answer is stored as an Evaluation."""
    facts = situation_of(situation)
    published = packs_in_force().in_force(default_pack_id(pack_id), on)
    matrix_version, matrix = _matrix_for(published.pack)
    try:
        recommendation = evaluate_entry(published.pack, facts, on, matrix)
    except RulesError as exc:
        raise RulesRefused(exc) from exc
    answer = recommendation.to_dict()
    with transaction.atomic(savepoint=False):
        evaluation = hot_writes.new(
            Evaluation,
            actor=user_of(actor),
            actor_username=username_of(actor),
            post_code=post_code or "",
            purpose=purpose[:200],
            situation=situation_to_dict(facts),
            decision_date=on,
            pack_id=published.pack.id,
            pack_label=published.pack.version,
            pack_version_id=published.version_id,
            visa_matrix=matrix_version,
            outcome=recommendation.outcome.value,
            reasons=list(recommendation.reasons),
            refusal_grounds=[ground.code for ground in recommendation.refusal_grounds],
            recommendation=answer,
        )
        hot_writes.insert([evaluation])
        record_change(
            actor,
            AuditAction.POLICY_EVALUATION_CREATE,
            evaluation,
            post_code=post_code,
            new={
                "pack": published.pack.id,
                "version": published.pack.version,
                "date": on,
                "outcome": evaluation.outcome,
                "refusal_grounds": evaluation.refusal_grounds,
                "purpose": purpose,
                "recommendation_sha256": recommendation_digest(answer),
            },
        )
    return RecommendationRecord(evaluation.pk, recommendation, answer, published)


def refusal_grounds(on: date, pack_id: str | None = None) -> list[dict]:
    """The refusal grounds of the pack in force on ``on``: code, title, legal text and legal basis."""
    pack = packs_in_force().in_force(default_pack_id(pack_id), on).pack
    return [
        {"code": g.code, "title": g.title, "text": g.text, "legal_basis": g.legal_basis.to_dict()}
        for g in pack.refusal_grounds.values()
    ]


def pack_in_force(on: date, pack_id: str | None = None) -> PublishedPack:
    return packs_in_force().in_force(default_pack_id(pack_id), on)


def stay_rule_in_force(on: date, pack_id: str | None = None) -> dict | None:
    """The stay limit of the pack in force on ``on`` (days allowed in a rolling window), with the rule's title and
    legal basis; None when no stay rule is in force that day."""
    pack = pack_in_force(on, pack_id).pack
    rule = pack.rule_for_check("stay_limit", on)
    if rule is None:
        return None
    return {
        "limit": int(rule.value("limit_days", on).value),
        "window": int(rule.value("window_days", on).value),
        "title": rule.title,
        "legal_basis": rule.legal_basis.to_dict(),
        "pack": {"id": pack.id, "version": pack.version},
        "on": on.isoformat(),
    }


def visa_on_arrival_terms(
    situation: Situation, *, on: date, pack_id: str | None = None, published: PublishedPack | None = None
) -> dict:
    """Whether the traveller may get a visa on arrival on ``on``, and its terms, under the pack in force (or under
    ``published``, the version that has just answered for the same traveller)."""
    facts = situation_of(situation)
    pack = (published or packs_in_force().in_force(default_pack_id(pack_id), on)).pack
    _, matrix = _matrix_for(pack)
    try:
        assessment = assess_visa_on_arrival(pack, facts, on, matrix)
    except RulesError as exc:
        raise RulesRefused(exc) from exc
    return {
        "eligible": assessment.eligible,
        "fee": assessment.fee_amount,
        "currency": assessment.fee_currency,
        "days": assessment.length_of_stay_days,
        "entries": assessment.entries,
        "valid_until": assessment.valid_until.isoformat() if assessment.valid_until else None,
        "documents_required": list(assessment.documents_required),
        "documents_missing": list(assessment.documents_missing),
        "reasons": list(assessment.reasons),
        "pack": {"id": pack.id, "version": pack.version},
    }


@service(Perm.RULES_STAY_CALCULATE)
def stay_calc(actor, request: dict) -> dict:
    """``borderdesk stay calc`` (CONTRACTS.md section 2): the same JSON in and out."""
    try:
        return calculate_stay_request(request).to_dict()
    except RulesError as exc:
        raise RulesRefused(exc) from exc


# --- authoring -----------------------------------------------------------------------------------------------------

_FILE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*\.ya?ml$")
_VERSION_LINE = re.compile(r"^(version:[ \t]*)(['\"]?)([^'\"\n#]*?)\2([ \t]*(?:#.*)?)$", re.MULTILINE)


def _version_summary(version: PackVersion) -> dict:
    return {
        "pack": version.pack_id,
        "number": version.number,
        "label": version.label,
        "status": version.status,
        "effective_from": version.effective_from,
        "files_sha256": hashlib.sha256(json.dumps(version.files, sort_keys=True).encode()).hexdigest(),
    }


@service((Perm.POLICY_RULE_EDIT, Perm.POLICY_RULE_REVIEW, Perm.POLICY_RULE_PUBLISH))
def get_version(actor, version_id: int) -> PackVersion:
    try:
        return PackVersion.objects.select_related("authored_by", "reviewed_by", "published_by").get(pk=version_id)
    except PackVersion.DoesNotExist:
        raise NotFound(f"No pack version {version_id}.", code="pack_version_not_found") from None


def _bump(label: str) -> str:
    match = re.search(r"(\d+)$", label)
    if not match:
        return label
    return label[: match.start()] + str(int(match.group(1)) + 1)


def _relabel(files: dict[str, str], published_labels: set[str]) -> dict[str, str]:
    """A copy of ``files`` whose manifest names a version not yet published (the trailing number counted up)."""
    manifest = files.get(MANIFEST, "")
    match = _VERSION_LINE.search(manifest)
    if not match:
        return dict(files)
    label = match.group(3).strip()
    new = _bump(label)
    for _ in range(1000):
        if new not in published_labels:
            break
        new = _bump(new)
    if new == label:
        return dict(files)
    line = f'{match.group(1)}"{new}"{match.group(4)}'
    return {**files, MANIFEST: manifest[: match.start()] + line + manifest[match.end() :]}


@service(Perm.POLICY_RULE_EDIT)
def create_draft(actor, pack_id: str, from_version: PackVersion | None = None) -> PackVersion:
    """A new draft of ``pack_id``, a copy of ``from_version`` (default: the latest published version)."""
    pack_id = (pack_id or "").strip()
    packs_in_force()  # a fresh database gets the bundled packs first
    if from_version is None:
        from_version = (
            PackVersion.objects.filter(pack_id=pack_id, status=PackStatus.PUBLISHED)
            .order_by("-effective_from", "-number")
            .first()
        )
    if from_version is not None and from_version.pack_id != pack_id:
        raise Invalid(
            f"Version {from_version.number} belongs to pack {from_version.pack_id}, not {pack_id}.",
            code="wrong_pack",
            field="from_version",
        )
    if from_version is None:
        if pack_id not in bundled_names():
            raise NotFound(f"No rule pack {pack_id!r}: start from a published or bundled pack.", code="unknown_pack")
        files = bundled_files(pack_id)
    else:
        files = dict(from_version.files)
    labels = set(PackVersion.objects.filter(pack_id=pack_id).values_list("label", flat=True))
    files = _relabel(files, labels)
    try:
        number = (PackVersion.objects.filter(pack_id=pack_id).aggregate(n=Max("number"))["n"] or 0) + 1
        draft = PackVersion.objects.create(
            pack_id=pack_id,
            number=number,
            files=files,
            based_on=from_version,
            authored_by=user_of(actor),
            status=PackStatus.DRAFT,
        )
        _store_issues(draft)
        draft.save(update_fields=["issues", "label"])
        record_change(
            actor,
            AuditAction.POLICY_PACK_DRAFT_CREATE,
            draft,
            new={**_version_summary(draft), "based_on": from_version.pk if from_version else None},
        )
    except IntegrityError as exc:
        raise Conflict(
            "Someone else created a draft of this pack at the same moment; try again.", code="concurrent_draft"
        ) from exc
    return draft


def check_files(version: PackVersion, files: dict[str, str]) -> tuple[RulePack | None, list[PackIssue]]:
    """Load ``files`` as ``version``'s pack; the core's issues plus the app's own (pack id, version label)."""
    try:
        pack = parse_pack(files)
    except PackLoadError as error:
        return None, list(error.issues)
    except RulesError as error:
        return None, [PackIssue(MANIFEST, "", error.code, error.message)]
    issues = []
    if pack.id != version.pack_id:
        issues.append(
            PackIssue(
                MANIFEST,
                "id",
                "pack_id_mismatch",
                f"this is a version of pack {version.pack_id!r}; the file says {pack.id!r}",
            )
        )
    taken = (
        PackVersion.objects.filter(pack_id=version.pack_id, label=pack.version)
        .exclude(pk=version.pk)
        .exclude(status=PackStatus.WITHDRAWN)
        .filter(status__in=[PackStatus.PUBLISHED, PackStatus.APPROVED, PackStatus.IN_REVIEW])
    )
    if taken.exists():
        issues.append(
            PackIssue(
                MANIFEST,
                "version",
                "version_already_used",
                f"version {pack.version!r} of {version.pack_id} is already published or in review; "
                "give this one a new version",
            )
        )
    return pack, issues


def _store_issues(version: PackVersion) -> list[PackIssue]:
    pack, issues = check_files(version, version.files)
    version.issues = [issue.to_dict() for issue in issues]
    if pack is not None:
        version.label = pack.version[:60]
    return issues


@dataclass
class DraftSaved:
    draft: PackVersion
    issues: list[dict]

    @property
    def valid(self) -> bool:
        return not self.issues


def _check_author(actor, draft: PackVersion) -> None:
    if actor is not None and draft.authored_by_id is not None and draft.authored_by_id != actor.pk:
        raise PermissionDenied("Only the author of a draft changes it; start your own draft.", code="not_author")


@service(Perm.POLICY_RULE_EDIT)
def update_draft(actor, draft: PackVersion, files: dict) -> DraftSaved:
    """Save the draft's files (even when they do not load) and return every issue with its file and path."""
    if not isinstance(files, dict) or not files:
        raise Invalid("A pack needs at least its pack.yaml.", code="no_files", field="files")
    cleaned = {}
    for name, text in files.items():
        if not isinstance(name, str) or not _FILE_NAME.match(name):
            raise Invalid(
                f"{name!r} is not a file name for a pack (letters, digits, '_', '-', '.', ending .yaml).",
                code="bad_file_name",
                field="files",
            )
        if not isinstance(text, str):
            raise Invalid(f"{name}: the content must be text.", code="malformed_input", field=f"files.{name}")
        cleaned[name] = text.replace("\r\n", "\n")
    if MANIFEST not in cleaned:
        raise Invalid("A pack needs its pack.yaml.", code="no_manifest", field="files")
    draft = PackVersion.objects.select_for_update().get(pk=draft.pk)
    _check_author(actor, draft)
    if draft.status != PackStatus.DRAFT:
        raise Conflict(
            f"Version {draft.number} is {draft.get_status_display().lower()}; only drafts change.",
            code="not_a_draft",
        )
    old = _version_summary(draft)
    draft.files = cleaned
    issues = _store_issues(draft)
    draft.save(update_fields=["files", "issues", "label", "updated_at"])
    record_change(
        actor,
        AuditAction.POLICY_PACK_DRAFT_UPDATE,
        draft,
        old=old,
        new={**_version_summary(draft), "issues": len(issues)},
    )
    return DraftSaved(draft, draft.issues)


@service(Perm.POLICY_RULE_EDIT)
def submit_for_review(actor, draft: PackVersion) -> PackVersion:
    draft = PackVersion.objects.select_for_update().get(pk=draft.pk)
    _check_author(actor, draft)
    if draft.status != PackStatus.DRAFT:
        raise Conflict(
            f"Version {draft.number} is {draft.get_status_display().lower()}, not a draft.", code="not_a_draft"
        )
    issues = _store_issues(draft)
    if issues:
        draft.save(update_fields=["issues", "label"])
        raise PackInvalid(issues, "The draft has errors and cannot be submitted; fix them first.")
    old = _version_summary(draft)
    draft.status = PackStatus.IN_REVIEW
    draft.submitted_at = timezone.now()
    draft.reviewed_by = None
    draft.reviewed_at = None
    draft.save()
    record_change(actor, AuditAction.POLICY_PACK_SUBMIT, draft, old=old, new=_version_summary(draft))
    return draft


@service(Perm.POLICY_RULE_REVIEW)
def review(actor, draft: PackVersion, approve: bool, comment: str) -> PackVersion:
    """A second policy author approves the draft (it may then be published) or sends it back with a comment."""
    comment = (comment or "").strip()
    draft = PackVersion.objects.select_for_update().get(pk=draft.pk)
    if draft.status != PackStatus.IN_REVIEW:
        raise Conflict(
            f"Version {draft.number} is {draft.get_status_display().lower()}, not in review.", code="not_in_review"
        )
    if actor is not None and draft.authored_by_id == actor.pk:
        raise PermissionDenied("A draft is reviewed by a policy author other than its author.", code="own_draft")
    if not approve and not comment:
        raise Invalid("Say what needs to change when you send a draft back.", code="comment_required", field="comment")
    if approve:
        issues = _store_issues(draft)
        if issues:
            draft.save(update_fields=["issues", "label"])
            raise PackInvalid(issues, "The draft does not load and cannot be approved.")
    old = _version_summary(draft)
    draft.status = PackStatus.APPROVED if approve else PackStatus.DRAFT
    draft.reviewed_by = user_of(actor)
    draft.reviewed_at = timezone.now()
    draft.review_comments = [
        *draft.review_comments,
        {"by": username_of(actor), "at": timezone.now().isoformat(), "approve": bool(approve), "comment": comment},
    ]
    draft.save()
    record_change(
        actor,
        AuditAction.POLICY_PACK_REVIEW,
        draft,
        old=old,
        new={**_version_summary(draft), "approve": bool(approve), "comment": comment},
    )
    return draft


@service(Perm.POLICY_RULE_PUBLISH)
def publish(actor, draft: PackVersion, effective_from: date) -> PackVersion:
    """Put a reviewed version in force from ``effective_from`` (today or later); the one in force stays until then,
    and stays for good when this one does not load."""
    today = timezone.localdate()
    if not isinstance(effective_from, date):
        raise Invalid("Give the effective date as YYYY-MM-DD.", code="invalid_date", field="effective_from")
    if effective_from < today:
        raise Invalid(
            f"The effective date {effective_from.isoformat()} is in the past (today is {today.isoformat()}).",
            code="effective_date_in_past",
            field="effective_from",
        )
    draft = PackVersion.objects.select_for_update().get(pk=draft.pk)
    if draft.status != PackStatus.APPROVED:
        raise Conflict(
            f"Version {draft.number} is {draft.get_status_display().lower()}; only a reviewed and "
            "approved version is published.",
            code="not_approved",
        )
    pack, issues = check_files(draft, draft.files)
    if pack is None or issues:
        raise PackInvalid(issues, "The version does not load; the pack in force stays in force.")
    if not pack.validity.covers(effective_from):
        raise Invalid(
            f"The pack itself is not valid on {effective_from.isoformat()} (it says valid from "
            f"{pack.validity.valid_from.isoformat()}).",
            code="effective_date_outside_pack",
            field="effective_from",
        )
    old = _version_summary(draft)
    draft.status = PackStatus.PUBLISHED
    draft.effective_from = effective_from
    draft.label = pack.version[:60]
    draft.published_by = user_of(actor)
    draft.published_at = timezone.now()
    draft.save()
    record_change(actor, AuditAction.POLICY_PACK_PUBLISH, draft, old=old, new=_version_summary(draft))
    return draft


@service(Perm.POLICY_RULE_PUBLISH)
def withdraw(actor, version: PackVersion, comment: str = "") -> PackVersion:
    """Take a published version out of force; the previous one applies again. The last one cannot go."""
    version = PackVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != PackStatus.PUBLISHED:
        raise Conflict("Only a published version is withdrawn.", code="not_published")
    others = PackVersion.objects.filter(pack_id=version.pack_id, status=PackStatus.PUBLISHED).exclude(pk=version.pk)
    if not others.exists():
        raise Conflict(
            "This is the only published version of the pack; publish another first.", code="last_version_in_force"
        )
    old = _version_summary(version)
    version.status = PackStatus.WITHDRAWN
    version.withdrawn_at = timezone.now()
    version.save()
    record_change(
        actor,
        AuditAction.POLICY_PACK_WITHDRAW,
        version,
        old=old,
        new={**_version_summary(version), "comment": comment},
    )
    return version


# --- simulation ----------------------------------------------------------------------------------------------------


@dataclass
class SimulatedCase:
    evaluation_id: int
    evaluated_at: datetime
    decision_date: date
    post_code: str
    nationality: str
    old_outcome: str
    new_outcome: str | None
    old_grounds: list[str]
    new_grounds: list[str]
    old_reasons: list[str] = field(default_factory=list)
    new_reasons: list[str] = field(default_factory=list)
    error: dict | None = None

    @property
    def outcome_changed(self) -> bool:
        return self.new_outcome != self.old_outcome

    @property
    def changed(self) -> bool:
        return self.outcome_changed or sorted(self.old_grounds) != sorted(self.new_grounds)

    def as_dict(self) -> dict:
        return {
            "evaluation_id": self.evaluation_id,
            "evaluated_at": self.evaluated_at.isoformat(),
            "decision_date": self.decision_date.isoformat(),
            "post": self.post_code,
            "nationality": self.nationality,
            "old": {"outcome": self.old_outcome, "refusal_grounds": self.old_grounds, "reasons": self.old_reasons},
            "new": {"outcome": self.new_outcome, "refusal_grounds": self.new_grounds, "reasons": self.new_reasons},
            "error": self.error,
            "changed": self.changed,
        }


@dataclass
class SimulationReport:
    version_id: int
    pack_id: str
    label: str
    days: int
    since: datetime
    cases: list[SimulatedCase]
    truncated: bool = False
    total: int = 0

    @property
    def replayed(self) -> int:
        return len(self.cases)

    @property
    def changed_cases(self) -> list[SimulatedCase]:
        return [case for case in self.cases if case.changed]

    @property
    def outcome_changes(self) -> int:
        return sum(1 for case in self.cases if case.outcome_changed)

    @property
    def errors(self) -> int:
        return sum(1 for case in self.cases if case.error)

    @property
    def transitions(self) -> list[tuple[str, str, int]]:
        counts = Counter((case.old_outcome, case.new_outcome or "error") for case in self.cases if case.outcome_changed)
        return [(old, new, n) for (old, new), n in sorted(counts.items())]

    def as_dict(self) -> dict:
        return {
            "version_id": self.version_id,
            "pack": self.pack_id,
            "version": self.label,
            "days": self.days,
            "since": self.since.isoformat(),
            "replayed": self.replayed,
            "total": self.total,
            "truncated": self.truncated,
            "changed": len(self.changed_cases),
            "outcome_changes": self.outcome_changes,
            "errors": self.errors,
            "transitions": [{"from": old, "to": new, "count": n} for old, new, n in self.transitions],
            "cases": [case.as_dict() for case in self.cases],
        }


SIMULATION_LIMIT = 20_000


@service((Perm.POLICY_RULE_REVIEW, Perm.POLICY_RULE_EDIT))
def simulate(actor, draft: PackVersion, days: int = 30, *, limit: int = SIMULATION_LIMIT) -> SimulationReport:
    """Replay the recommendations of the last ``days`` days for the draft's pack under the draft: old vs new.

    At most ``limit`` recommendations, the latest ones; ``truncated`` says when there were more."""
    if not isinstance(days, int) or not 1 <= days <= 366:
        raise Invalid("Replay between 1 and 366 days.", code="invalid_days", field="days")
    draft = PackVersion.objects.get(pk=draft.pk)
    pack, issues = check_files(draft, draft.files)
    if pack is None:
        raise PackInvalid(issues, "The draft does not load, so it cannot be simulated; fix it first.")
    matrix = None
    if pack.visa_policy.source == "matrix":
        _, matrix = current_visa_matrix()
    since = timezone.now() - timedelta(days=days)
    evaluations = (
        Evaluation.objects.filter(pack_id=draft.pack_id, created_at__gte=since)
        .only("pk", "created_at", "decision_date", "post_code", "situation", "outcome", "reasons", "refusal_grounds")
        .order_by("-created_at")
    )
    total = evaluations.count()
    cases = []
    for evaluation in evaluations[:limit].iterator(chunk_size=500):
        case = SimulatedCase(
            evaluation_id=evaluation.pk,
            evaluated_at=evaluation.created_at,
            decision_date=evaluation.decision_date,
            post_code=evaluation.post_code,
            nationality=str((evaluation.situation or {}).get("nationality", "")),
            old_outcome=evaluation.outcome,
            new_outcome=None,
            old_grounds=list(evaluation.refusal_grounds),
            new_grounds=[],
            old_reasons=list(evaluation.reasons),
        )
        try:
            result = evaluate_entry(pack, situation_from_dict(evaluation.situation), evaluation.decision_date, matrix)
        except RulesError as exc:
            case.error = {"code": exc.code, "message": exc.message}
        else:
            case.new_outcome = result.outcome.value
            case.new_grounds = [ground.code for ground in result.refusal_grounds]
            case.new_reasons = list(result.reasons)
        cases.append(case)
    cases.reverse()
    report = SimulationReport(
        draft.pk, draft.pack_id, draft.label, days, since, cases, truncated=total > len(cases), total=total
    )
    record_access(
        actor,
        draft,
        purpose="policy simulation",
        detail=f"replayed {report.replayed} recommendations of {days} days; {len(report.changed_cases)} would change",
    )
    return report


# --- helpers -------------------------------------------------------------------------------------------------------


def versions_by_pack() -> dict[str, list[PackVersion]]:
    grouped: dict[str, list[PackVersion]] = {}
    for version in PackVersion.objects.select_related("authored_by", "reviewed_by", "published_by").order_by(
        "pack_id", "-number"
    ):
        grouped.setdefault(version.pack_id, []).append(version)
    return grouped
