"""Importing watchlists, screening people against the lists in force, and adjudicating matches.

Every function checks the permission, runs in a transaction and writes the audit trail: an import or a
verdict is an audit event (old and new values), each screened person an access event.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from borderdesk.apps.accounts.actors import current_post_code, user_of, username_of
from borderdesk.apps.audit.services import record_access, record_change
from borderdesk.apps.common import hot_reads, hot_writes
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound, PermissionDenied
from borderdesk.apps.common.services import as_id, atomic_block, post_code_of, service, the_post_code
from borderdesk.apps.partners.services.hits import alert_list_owners  # #17 partners
from borderdesk.apps.watchlists.codec import (
    DEFAULT_LIST_NAMES,
    entry_fingerprint,
    entry_from_dict,
    entry_to_dict,
    person_fingerprint,
    query_to_dict,
)
from borderdesk.apps.watchlists.models import (
    FalseMatch,
    ListVersion,
    Screening,
    ScreeningMatch,
    StoredEntry,
    Verdict,
    WatchList,
)
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.reference import strongest_action
from borderdesk.core.screening import HIT, POSSIBLE, Action, ListConfig, Query, Screener, ScreenResult
from borderdesk.core.screening.sources import FORMATS, ParseReport, SourceError, parse_source

logger = logging.getLogger(__name__)
Progress = Callable[[str, int, "int | None"], None]  # (stage, done, total or None while unknown)
_LIST_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
# Files OFAC publishes next to sdn.csv that the parser reads too: they are part of the input's digest.
_COMPANIONS = {"ofac-csv": ("alt.csv", "add.csv", "sdn_comments.csv")}
_STORE_BATCH = 2000


# ------------------------------------------------------------------------------------------- importing


class ListRejected(Invalid):
    """A source file that cannot be imported; the list in force stays. ``line`` is where it is wrong."""

    code = "list_rejected"

    def __init__(self, error: SourceError, source_name: str):
        where = f"{source_name}, line {error.line}" if error.line is not None else source_name
        super().__init__(
            f"{where}: {error.message} ({error.code.value}). The list in force is unchanged.", code="list_rejected"
        )
        self.source_code = error.code.value
        self.line = error.line
        self.detail = error.message


class ListShrank(Invalid):
    """A new version with sharply fewer entries than the list in force: refused unless the importer confirms."""

    code = "list_shrank"

    def __init__(self, list_name: str, current: ListVersion, new_count: int, source_name: str, limit: float):
        super().__init__(
            f"{source_name} has {new_count} entries; list {list_name} in force (version {current.number}) has"
            f" {current.entry_count}: fewer than {limit:.0%} of them. Nothing changed. If the list really shrank,"
            " import it again confirming the shrink.",
            code="list_shrank",
            field="allow_shrink",
        )
        self.current_count = current.entry_count
        self.new_count = new_count


def shrink_limit() -> float:
    return float(getattr(settings, "BORDERDESK_WATCHLIST_SHRINK_LIMIT", 0.9))


def _shrinks_sharply(current: ListVersion | None, new_count: int) -> bool:
    return current is not None and new_count < current.entry_count * shrink_limit()


@dataclass(frozen=True)
class ImportOutcome:
    list_name: str
    version: ListVersion
    changed: bool  # False when the same file is already the list's current version
    previous: ListVersion | None = None
    report: dict = field(default_factory=dict)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "list": self.list_name,
            "version": self.version.number,
            "changed": self.changed,
            "entries": self.version.entry_count,
            "sha256": self.version.sha256,
            "previous_version": self.previous.number if self.previous else None,
            "seconds": round(self.seconds, 2),
        }


def input_digest(fmt: str, path: Path) -> str:
    digest = hashlib.sha256()
    _feed(digest, path)
    for name in _COMPANIONS.get(fmt, ()):
        companion = path.parent / name
        if companion.exists() and companion != path:
            digest.update(f"\0{name}\0".encode())
            _feed(digest, companion)
    return digest.hexdigest()


def _feed(digest, path: Path) -> None:
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)


@service(Perm.WATCHLIST_LIST_IMPORT, atomic=False)
def import_list(
    actor,
    fmt: str,
    path,
    *,
    list_name: str | None = None,
    progress: Progress | None = None,
    source_name: str | None = None,
    allow_shrink: bool = False,
) -> ImportOutcome:
    """Import (or replace, as a new version) a list from a source file, all or nothing.

    The whole file is parsed before anything is stored: a malformed or cut file raises `ListRejected` naming
    the line or element, and the version in force stays. The same file again changes nothing. A file with
    sharply fewer entries than the list in force raises `ListShrank` unless ``allow_shrink`` confirms it.
    Parsing takes long and holds no transaction: only storing the new version does.
    """
    started = time.monotonic()
    progress = progress or (lambda stage, done, total: None)
    if fmt not in FORMATS:
        raise Invalid(f"Unknown format {fmt!r}; known: {', '.join(FORMATS)}.", code="unknown_format", field="format")
    list_name = (list_name or DEFAULT_LIST_NAMES[fmt]).strip().lower()
    if not _LIST_NAME.match(list_name):
        raise Invalid(
            f"List name {list_name!r}: use lower-case letters, digits, - and _ (at most 40).",
            code="invalid_list_name",
            field="list",
        )
    path = Path(path)
    source_name = source_name or path.name
    if not path.is_file():
        raise Invalid(f"No such file: {path}.", code="file_not_found", field="path")
    digest = input_digest(fmt, path)
    in_force = ListVersion.objects.filter(watchlist__name=list_name, is_current=True, sha256=digest).first()
    if in_force is not None:  # the same file again: it was checked when it was imported
        progress("store", in_force.entry_count, in_force.entry_count)
        return ImportOutcome(list_name, in_force, False, in_force, in_force.report, time.monotonic() - started)
    report = ParseReport()
    entries = []
    try:
        for entry in parse_source(fmt, path, report):
            entries.append(entry)
            if len(entries) % 500 == 0:
                progress("parse", len(entries), None)
    except SourceError as error:
        raise ListRejected(error, source_name) from None
    except UnicodeDecodeError as error:  # a parser that did not catch it itself: still the user's file
        raise Invalid(
            f"{source_name}: not UTF-8 text (byte {error.start}). The list in force is unchanged.", code="list_rejected"
        ) from None
    progress("parse", len(entries), len(entries))
    rows = []
    for entry in entries:
        data = entry_to_dict(entry)
        rows.append((entry.entry_id, data, entry_fingerprint(entry)))
    total = len(rows)
    with atomic_block():
        watchlist, _ = WatchList.objects.get_or_create(name=list_name)
        watchlist = WatchList.objects.select_for_update().get(pk=watchlist.pk)
        current = watchlist.versions.filter(is_current=True).first()
        if current is not None and current.sha256 == digest:
            progress("store", total, total)
            return ImportOutcome(list_name, current, False, current, current.report, time.monotonic() - started)
        shrank = _shrinks_sharply(current, total)
        if shrank and not allow_shrink:
            raise ListShrank(list_name, current, total, source_name, shrink_limit())
        last = watchlist.versions.order_by("-number").values_list("number", flat=True).first() or 0
        if current is not None:
            current.is_current = False
            current.save(update_fields=["is_current"])
        version = ListVersion.objects.create(
            watchlist=watchlist,
            number=last + 1,
            source_format=fmt,
            source_name=source_name[:300],
            sha256=digest,
            entry_count=total,
            report=_report_dict(report),
            is_current=True,
            imported_by=user_of(actor),
        )
        for start in range(0, total, _STORE_BATCH):
            StoredEntry.objects.bulk_create(
                [
                    StoredEntry(version=version, entry_id=entry_id[:200], data=data, fingerprint=fp)
                    for entry_id, data, fp in rows[start : start + _STORE_BATCH]
                ]
            )
            progress("store", min(start + _STORE_BATCH, total), total)
        record_change(
            actor,
            AuditAction.WATCHLISTS_LIST_IMPORT,
            version,
            old={"list": list_name, "version": current.number, "entries": current.entry_count, "sha256": current.sha256}
            if current
            else None,
            new={
                "list": list_name,
                "version": version.number,
                "entries": total,
                "format": fmt,
                "source": source_name,
                "sha256": digest,
                "shrink_confirmed": shrank,
                "checks": report.checks,
                "warnings": report.warnings,
            },
        )
    return ImportOutcome(list_name, version, True, current, version.report, time.monotonic() - started)


def import_upload(
    actor, fmt: str, upload, *, list_name: str | None = None, allow_shrink: bool = False
) -> ImportOutcome:
    """An uploaded file (web page): kept in a temporary file while it is parsed."""
    with tempfile.TemporaryDirectory(prefix="borderdesk-import-") as folder:
        target = Path(folder) / _safe_file_name(upload.name)
        with open(target, "wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        return import_list(
            actor, fmt, target, list_name=list_name or None, source_name=upload.name, allow_shrink=allow_shrink
        )


def _safe_file_name(name: str | None) -> str:
    """The uploaded file's own name, so that the parser's messages and checks name it, made safe to write."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", Path(name or "").name)[:100]
    return safe if safe.strip(".") else "upload"


def _report_dict(report: ParseReport) -> dict:
    try:
        return json.loads(json.dumps(report.as_dict(), default=str))
    except (TypeError, ValueError):
        return {"entries": report.entries}


@service(Perm.WATCHLIST_LIST_IMPORT)
def set_thresholds(actor, list_name: str, *, hit: float, possible: float) -> WatchList:
    try:
        ListConfig(hit=float(hit), possible=float(possible))
    except (TypeError, ValueError):
        raise Invalid("Thresholds must satisfy 0 <= possible <= hit <= 1.", code="invalid_thresholds") from None
    watchlist = WatchList.objects.select_for_update().filter(name=list_name).first()
    if watchlist is None:
        raise NotFound(f"No list named {list_name!r}.", code="unknown_list")
    old = {"hit": watchlist.hit_threshold, "possible": watchlist.possible_threshold}
    watchlist.hit_threshold, watchlist.possible_threshold = float(hit), float(possible)
    watchlist.save(update_fields=["hit_threshold", "possible_threshold"])
    record_change(
        actor,
        AuditAction.WATCHLISTS_LIST_THRESHOLDS,
        watchlist,
        old=old,
        new={"hit": watchlist.hit_threshold, "possible": watchlist.possible_threshold},
    )
    return watchlist


@service(Perm.WATCHLIST_LIST_IMPORT)
def list_overview(actor) -> list[dict]:
    overview = []
    for watchlist in WatchList.objects.prefetch_related("versions"):
        versions = sorted(watchlist.versions.all(), key=lambda v: -v.number)
        overview.append(
            {"list": watchlist, "current": next((v for v in versions if v.is_current), None), "versions": versions}
        )
    return overview


# -------------------------------------------------------------------------------- the screener in force


@dataclass(frozen=True)
class _Built:
    index_key: tuple  # (version id, sha256) of every current version: what the index holds
    config_key: tuple
    screener: Screener
    versions: dict[str, int]  # list name -> version number in force


_lock = threading.Lock()
_built: _Built | None = None
_core_stamp: str | None = None


def current_screener() -> _Built:
    """The screener over the current version of every list, rebuilt only when a current version changes
    (one small query per call). Big indexes are kept in the data directory, so that a new worker loads
    the built index instead of rebuilding it from the database."""
    global _built
    rows = hot_reads.rows(  # at every screening
        f"SELECT v.id, v.sha256, v.number, w.name, w.hit_threshold, w.possible_threshold"
        f" FROM {ListVersion._meta.db_table} v JOIN {WatchList._meta.db_table} w ON w.id = v.watchlist_id"
        " WHERE v.is_current ORDER BY w.name"
    )
    index_key = tuple((pk, sha) for pk, sha, *_ in rows)
    config_key = tuple((name, hit, possible) for *_, name, hit, possible in rows)
    built = _built
    if built is not None and built.index_key == index_key and built.config_key == config_key:
        return built
    with _lock:
        built = _built
        if built is None or built.index_key != index_key:
            screener = _load_or_build(index_key, [(pk, name) for pk, _, _, name, _, _ in rows])
        else:
            screener = built.screener
        screener.configs = {name: ListConfig(hit=hit, possible=possible) for name, hit, possible in config_key}
        _built = _Built(index_key, config_key, screener, {name: number for _, _, number, name, *_ in rows})
        return _built


def _core_version() -> str:
    """Changes when the screening core's code changes, so that an index pickled by older code is not used."""
    global _core_stamp
    if _core_stamp is None:
        import borderdesk.core.screening as core

        folder = Path(core.__file__).parent
        stamp = hashlib.sha256()
        for source in sorted(folder.rglob("*.py")):
            stat = source.stat()
            stamp.update(f"{source.relative_to(folder)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
        _core_stamp = stamp.hexdigest()[:16]
    return _core_stamp


def screener_cache_dir() -> Path:
    return Path(settings.DATA_DIR) / "screening"


def _load_or_build(index_key: tuple, versions: list[tuple[int, str]]) -> Screener:
    key = hashlib.sha256(json.dumps([_core_version(), list(index_key)]).encode()).hexdigest()[:32]
    cached = screener_cache_dir() / f"screener-{key}.pickle"
    if cached.exists():
        try:
            return Screener.load(cached)
        except Exception:  # a torn or foreign file: rebuild from the database and write it again
            logger.warning("could not load the screener index %s; rebuilding it", cached, exc_info=True)
    names = dict(versions)
    rows = StoredEntry.objects.filter(version_id__in=list(names)).values_list("version_id", "data")
    screener = Screener(
        (names[version_id], entry_from_dict(data)) for version_id, data in rows.iterator(chunk_size=5000)
    )
    if len(screener) >= getattr(settings, "BORDERDESK_SCREENER_PERSIST_MIN_ENTRIES", 2000):
        _save(screener, cached)
    return screener


def _save(screener: Screener, target: Path) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".screener-", dir=target.parent)
        os.close(fd)
        screener.save(temporary)
        os.replace(temporary, target)
        for old in target.parent.glob("screener-*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:
        logger.warning("could not keep the screener index in %s", target.parent, exc_info=True)


def forget_screener() -> None:
    """Drop the in-memory screener (tests; the next call rebuilds or loads it)."""
    global _built
    with _lock:
        _built = None


# ------------------------------------------------------------------------------------------- screening


@dataclass
class ScreeningOutcome:
    screening_id: int | None
    id: str | None
    matches: list[dict]
    hits: int = 0
    possibles: int = 0
    required_action: Action | None = None
    suppressed: list[dict] = field(default_factory=list)
    error: dict | None = None
    lists: dict[str, int] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        if self.error:
            return f"not screened: {self.error['message']}"
        if not self.matches:
            return "no match" + (f" ({len(self.suppressed)} known false match suppressed)" if self.suppressed else "")
        parts = []
        if self.hits:
            parts.append(f"{self.hits} hit{'s' if self.hits != 1 else ''}")
        if self.possibles:
            parts.append(f"{self.possibles} possible match{'es' if self.possibles != 1 else ''}")
        if self.required_action:
            parts.append(f"action: {self.required_action.value}")
        return ", ".join(parts)

    def as_dict(self) -> dict:
        data = {
            "id": self.id,
            "screening_id": self.screening_id,
            "matches": self.matches,
            "hits": self.hits,
            "possibles": self.possibles,
            "required_action": self.required_action.value if self.required_action else None,
            "suppressed": self.suppressed,
            "lists": self.lists,
            "summary": self.summary,
        }
        if self.error is not None:
            data["error"] = self.error
        return data


def screen_person(
    actor,
    query: Query,
    *,
    post_code: str | None,
    purpose: str,
    lists: list[str] | None = None,
    threshold: float | None = None,
) -> ScreeningOutcome:
    """Screen one person against the lists in force; an unscreenable name is an outcome with ``error``."""
    return screen_batch(actor, [query], post_code=post_code, purpose=purpose, lists=lists, threshold=threshold)[0]


@service(Perm.SCREENING_PERSON_SCREEN, post=the_post_code)
def screen_batch(
    actor,
    queries: Iterable[Query],
    *,
    post_code: str | None,
    purpose: str,
    lists: list[str] | None = None,
    threshold: float | None = None,
) -> list[ScreeningOutcome]:
    """Screen many people (a manifest) in input order: one stored screening and access event each."""
    purpose = (purpose or "").strip()
    if not purpose:
        raise Invalid("Say why you screen this person.", code="purpose_required", field="purpose")
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise Invalid("The threshold must be between 0 and 1.", code="invalid_threshold", field="threshold")
    queries = list(queries)
    built = current_screener()
    if lists:
        unknown = sorted(set(lists) - set(built.versions))
        if unknown:
            raise Invalid(
                f"No list in force named {', '.join(unknown)}; lists: {', '.join(built.versions) or 'none'}.",
                code="unknown_list",
                field="lists",
            )
    results: list[ScreenResult] = built.screener.screen_batch(queries, lists or None, threshold)
    people = [
        person_fingerprint(query) if result.error is None else ""
        for query, result in zip(queries, results, strict=True)
    ]
    matched = {person for person, result in zip(people, results, strict=True) if person and result.matches}
    known_false = {
        (fm.person_fingerprint, fm.list_name, fm.entry_id): fm.entry_fingerprint
        for fm in (FalseMatch.objects.filter(person_fingerprint__in=matched) if matched else ())
    }
    screened_lists = {name: number for name, number in built.versions.items() if not lists or name in lists}
    where = post_code if post_code is not None else current_post_code(actor)
    username = username_of(actor)
    screenings, pending = [], []
    for query, result, person in zip(queries, results, people, strict=True):
        raised, suppressed = [], []
        for match in result.matches:
            fingerprint = entry_fingerprint(match.entry)
            quiet = known_false.get((person, match.list, match.entry_id)) == fingerprint
            (suppressed if quiet else raised).append((match, fingerprint, quiet))
        hits = [m for m, _, _ in raised if m.decision == HIT]
        action = strongest_action(m.entry.action for m in hits)
        screenings.append(
            hot_writes.new(
                Screening,
                actor=user_of(actor),
                actor_username=username,
                post_code=where,
                purpose=purpose[:200],
                query=query_to_dict(query),
                person_fingerprint=person,
                lists=screened_lists,
                hits=len(hits),
                possibles=sum(m.decision == POSSIBLE for m, _, _ in raised),
                required_action=action.value if action else "",
                error=result.error.to_dict() if result.error else None,
            )
        )
        pending.append(raised + suppressed)
    hot_writes.insert(screenings, signals=False)  # as bulk_create: the field checks, no signals
    stored = []
    for screening, matches in zip(screenings, pending, strict=True):
        for match, fingerprint, quiet in matches:
            stored.append(
                ScreeningMatch(
                    screening=screening,
                    list_name=match.list,
                    entry_id=match.entry_id,
                    name=match.name[:500],
                    score=round(match.score, 4),
                    decision=match.decision,
                    explanation=match.explanation,
                    action=match.entry.action.value,
                    reason=match.entry.reason,
                    entry_fingerprint=fingerprint,
                    suppressed=quiet,
                )
            )
    stored = ScreeningMatch.objects.bulk_create(stored, batch_size=1000)
    by_screening: dict[int, list[ScreeningMatch]] = {}
    for row in stored:
        by_screening.setdefault(row.screening_id, []).append(row)
    outcomes = []
    for query, screening in zip(queries, screenings, strict=True):
        rows = by_screening.get(screening.pk, [])
        raised = [match_dict(row) for row in rows if not row.suppressed]
        raised.sort(key=lambda m: (-m["score"], m["list"], m["entry_id"]))
        outcome = ScreeningOutcome(
            screening_id=screening.pk,
            id=query.id,
            matches=raised,
            hits=screening.hits,
            possibles=screening.possibles,
            required_action=Action(screening.required_action) if screening.required_action else None,
            suppressed=[match_dict(row) for row in rows if row.suppressed],
            error=screening.error,
            lists=screened_lists,
        )
        outcomes.append(outcome)
        record_access(
            actor,
            screening,
            purpose=purpose[:200],
            post_code=where,
            detail=f"watchlist screening: {outcome.summary}",
        )
    return outcomes


def match_dict(row: ScreeningMatch) -> dict:
    """A match as the contract writes it (list, entry_id, name, score, decision, explanation), plus what
    the officer needs: the listed action and reason, and the id to adjudicate it by."""
    return {
        "list": row.list_name,
        "entry_id": row.entry_id,
        "name": row.name,
        "score": round(row.score, 3),
        "decision": row.decision,
        "explanation": row.explanation,
        "action": row.action,
        "reason": row.reason,
        "match_id": row.pk,
        "verdict": row.verdict or None,
    }


def verdict_dict(match: ScreeningMatch) -> dict:
    """Who judged a match and how: the proposer (or the officer of a confirmed match) and the second officer."""
    return {
        "verdict_reason": match.verdict_reason,
        "adjudicated_by": _username(match.adjudicated_by),
        "adjudicated_at": match.adjudicated_at,
        "second_officer": _username(match.second_officer),
        "second_officer_at": match.second_officer_at,
    }


# ----------------------------------------------------------------------------------------- adjudication
#
# Four eyes: one senior officer's "false match" is a proposal that suppresses nothing; a second, different
# senior officer confirms it (then the FalseMatch suppression is in force, agency-wide) or rejects it. A
# confirmed match needs one officer. A senior officer adjudicates only matches of screenings made at a post
# they are assigned to (or all posts).

_VERDICTS_GIVEN = (Verdict.CONFIRMED, Verdict.FALSE_MATCH)


def _match_post(match_id, *_, **__) -> str:
    """The post where the match's screening was made: a verdict on it is given there."""
    return post_code_of(ScreeningMatch, as_id(match_id, field="match"), what="match", path="screening__post_code")


@service(Perm.SCREENING_MATCH_ADJUDICATE, post=_match_post)
def match_for_adjudicator(actor, match_id: int, *, lock: bool = False) -> ScreeningMatch:
    """The match, once the actor may adjudicate it at the post of its screening."""
    matches = ScreeningMatch.objects.select_related("screening", "adjudicated_by", "second_officer")
    if lock:
        matches = matches.select_for_update(of=("self",))
    match = matches.filter(pk=match_id).first()
    if match is None:
        raise NotFound(f"No match {match_id}.", code="match_not_found")
    return match


@service(Perm.SCREENING_MATCH_ADJUDICATE, post=_match_post)
def adjudicate(actor, match_id: int, *, verdict: str, reason: str) -> ScreeningMatch:
    """A senior officer's verdict on a match: a confirmed match at once; a false match as a proposal, or as the
    confirmation of another senior officer's proposal."""
    if verdict not in _VERDICTS_GIVEN:
        raise Invalid(
            f"The verdict must be one of {', '.join(_VERDICTS_GIVEN)}.", code="invalid_verdict", field="verdict"
        )
    reason = _required_reason(reason)
    match = match_for_adjudicator(actor, match_id, lock=True)
    if verdict == Verdict.CONFIRMED:
        return _confirm_as_match(actor, match, reason)
    if match.verdict == Verdict.FALSE_MATCH_PROPOSED:
        return _confirm_false_match(actor, match, reason)
    return _propose_false_match(actor, match, reason)


@service(Perm.SCREENING_MATCH_ADJUDICATE, post=_match_post)
def confirm_false_match(actor, match_id: int, *, note: str = "") -> ScreeningMatch:
    """The second senior officer agrees: the false match is in force and no longer raised."""
    return _confirm_false_match(actor, match_for_adjudicator(actor, match_id, lock=True), (note or "").strip())


@service(Perm.SCREENING_MATCH_ADJUDICATE, post=_match_post)
def reject_false_match(actor, match_id: int, *, reason: str) -> ScreeningMatch:
    """A senior officer disagrees with (or the proposer withdraws) a proposed false match: the match stays open."""
    reason = _required_reason(reason)
    match = match_for_adjudicator(actor, match_id, lock=True)
    _require_proposal(match)
    old = _verdict_values(match)
    match.verdict, match.verdict_reason, match.adjudicated_by, match.adjudicated_at = "", "", None, None
    _save_verdict(match)
    record_change(
        actor,
        AuditAction.WATCHLISTS_MATCH_FALSE_MATCH_REJECT,
        match,
        old=old,
        new={"verdict": None, "reason": reason, **_match_ref(match)},
    )
    return match


@service(Perm.SCREENING_MATCH_ADJUDICATE)
def pending_false_matches(actor) -> list[ScreeningMatch]:
    """Proposed false matches waiting for a second senior officer, at the actor's posts; each screening shown
    is an access event."""
    pending = (
        ScreeningMatch.objects.filter(verdict=Verdict.FALSE_MATCH_PROPOSED)
        .select_related("screening", "adjudicated_by")
        .order_by("adjudicated_at", "pk")
    )
    if not actor.all_posts:
        pending = pending.filter(screening__post_code__in=actor.assigned_post_codes)
    pending = list(pending[:200])
    for screening in {match.screening_id: match.screening for match in pending}.values():
        record_access(
            actor,
            screening,
            purpose="four eyes: a proposed false match to review",
            post_code=screening.post_code,
            detail="proposed false match",
        )
    return pending


def _required_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("Give the reason for the verdict.", code="reason_required", field="reason")
    return reason


def _require_proposal(match: ScreeningMatch) -> None:
    if match.verdict != Verdict.FALSE_MATCH_PROPOSED:
        raise Conflict("No false match is proposed for this match.", code="no_false_match_proposal")


def _propose_false_match(actor, match: ScreeningMatch, reason: str) -> ScreeningMatch:
    if match.verdict == Verdict.FALSE_MATCH:
        raise Conflict(
            "This match is already a false match, confirmed by two senior officers.", code="already_false_match"
        )
    old = _verdict_values(match)
    _set_verdict(actor, match, Verdict.FALSE_MATCH_PROPOSED, reason)
    record_change(
        actor,
        AuditAction.WATCHLISTS_MATCH_FALSE_MATCH_PROPOSE,
        match,
        old=old,
        new={"verdict": match.verdict, "reason": reason, **_match_ref(match)},
    )
    return match


def _confirm_false_match(actor, match: ScreeningMatch, note: str) -> ScreeningMatch:
    _require_proposal(match)
    if actor is not None and match.adjudicated_by_id == actor.pk:
        raise PermissionDenied(
            "Four eyes: another senior officer must confirm your own false-match proposal.", code="four_eyes_required"
        )
    old = _verdict_values(match)
    match.verdict = Verdict.FALSE_MATCH
    match.second_officer = user_of(actor)
    match.second_officer_at = timezone.now()
    _save_verdict(match)
    person = match.screening.person_fingerprint
    if person:
        FalseMatch.objects.update_or_create(
            list_name=match.list_name,
            entry_id=match.entry_id,
            person_fingerprint=person,
            defaults=dict(
                entry_fingerprint=match.entry_fingerprint,
                match=match,
                reason=match.verdict_reason,
                decided_by=match.adjudicated_by,
                confirmed_by=match.second_officer,
            ),
        )
    record_change(
        actor,
        AuditAction.WATCHLISTS_MATCH_FALSE_MATCH_CONFIRM,
        match,
        old=old,
        new={
            "verdict": match.verdict,
            "reason": match.verdict_reason,
            "note": note or None,
            "proposed_by": _username(match.adjudicated_by),
            **_match_ref(match),
        },
    )
    return match


def _confirm_as_match(actor, match: ScreeningMatch, reason: str) -> ScreeningMatch:
    """One officer suffices: it raises the match, never hides it (a false match in force for it is lifted)."""
    old = _verdict_values(match)
    _set_verdict(actor, match, Verdict.CONFIRMED, reason)
    FalseMatch.objects.filter(
        list_name=match.list_name, entry_id=match.entry_id, person_fingerprint=match.screening.person_fingerprint
    ).delete()
    record_change(
        actor,
        AuditAction.WATCHLISTS_MATCH_ADJUDICATE,
        match,
        old=old,
        new={"verdict": match.verdict, "reason": reason, **_match_ref(match)},
    )
    alert_list_owners(actor, match)  # #17 partners: the list's owner hears of a hit to inform of or to arrest
    return match


def _set_verdict(actor, match: ScreeningMatch, verdict: str, reason: str) -> None:
    match.verdict, match.verdict_reason = verdict, reason
    match.adjudicated_by = user_of(actor)
    match.adjudicated_at = timezone.now()
    match.second_officer, match.second_officer_at = None, None
    _save_verdict(match)


def _save_verdict(match: ScreeningMatch) -> None:
    match.save(
        update_fields=[
            "verdict",
            "verdict_reason",
            "adjudicated_by",
            "adjudicated_at",
            "second_officer",
            "second_officer_at",
        ]
    )


def _verdict_values(match: ScreeningMatch) -> dict:
    return {"verdict": match.verdict or None, "reason": match.verdict_reason or None}


def _match_ref(match: ScreeningMatch) -> dict:
    return {"list": match.list_name, "entry_id": match.entry_id, "screening": match.screening_id}


def _username(user) -> str | None:
    return user.get_username() if user is not None else None
