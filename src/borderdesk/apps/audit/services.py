"""The audit trail's services: recording (re-exported from ``recording``: every service that changes data calls
``record_change``, every service that shows a person's record calls ``record_access``), verifying the chains and
their checkpoints, and what auditors read."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from django.db import connection

from borderdesk.apps.audit import checkpoints, triggers
from borderdesk.apps.audit.checkpoints import CHAINS
from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.audit.recording import (  # noqa: F401 (the names every service imports from here)
    _CHAIN_TABLES,
    as_json_values,
    audit_batch,
    object_ref,
    raise_auditor_alert,
    record_access,
    record_change,
    snapshot,
)
from borderdesk.apps.common.services import service
from borderdesk.core.access import Perm
from borderdesk.core.audit import (
    GENESIS_HASH,
    BrokenLink,
    Checkpoint,
    CheckpointProblem,
    StoredLink,
    check_checkpoints,
    verify_chain,
)
from borderdesk.core.audit.actions import AuditAction


@dataclass(frozen=True)
class ChainReport:
    name: str
    checked: int
    broken: BrokenLink | None  # the first broken link, or the first event a checkpoint shows was deleted or rewritten
    last_seq: int = 0
    last_hash: str = GENESIS_HASH
    checkpoints_checked: int = 0
    checkpoint_problems: tuple[CheckpointProblem, ...] = ()
    missing_triggers: tuple[str, ...] = ()

    @property
    def intact(self) -> bool:
        return self.broken is None and not self.checkpoint_problems and not self.missing_triggers

    def as_dict(self) -> dict:
        return {
            "chain": self.name,
            "checked": self.checked,
            "broken": asdict(self.broken) if self.broken else None,
            "intact": self.intact,
            "last_seq": self.last_seq,
            "last_hash": self.last_hash,
            "checkpoints_checked": self.checkpoints_checked,
            "checkpoint_problems": [problem.as_dict() for problem in self.checkpoint_problems],
            "missing_triggers": list(self.missing_triggers),
        }


@dataclass(frozen=True)
class Finding:
    code: str
    message: str


@dataclass(frozen=True)
class TrailVerification:
    """Everything `borderdesk audit verify` and the auditor's button check: each chain's links, the signed
    checkpoints (in the database and in the checkpoint file), and the append-only triggers."""

    chains: list[ChainReport]
    problems: list[Finding]  # not tied to one chain: unreadable checkpoint lines, no key, checkpoint table triggers
    checkpoint_sources: list[str]
    database: dict

    @property
    def intact(self) -> bool:
        return all(report.intact for report in self.chains) and not self.problems

    def as_dict(self) -> dict:
        return {
            "intact": self.intact,
            "chains": [report.as_dict() for report in self.chains],
            "problems": [asdict(problem) for problem in self.problems],
            "checkpoint_sources": self.checkpoint_sources,
            "database": self.database,
        }


def verify_trail(checkpoint_file=None, public_key_file=None) -> list[ChainReport]:
    """Walk both chains from the first event; report the first broken link of each (see ``verify_audit``)."""
    return verify_audit(checkpoint_file, public_key_file).chains


def verify_audit(checkpoint_file=None, public_key_file=None) -> TrailVerification:
    """Check every link, every checkpoint (from the database and ``checkpoint_file``, by default the checkpoint
    file this install writes) against ``public_key_file`` (by default the agency's key), and the triggers."""
    problems: list[Finding] = []
    signed, sources = _gather_checkpoints(checkpoint_file, problems)
    key = checkpoints.public_key(public_key_file)
    if key is None:
        if signed:
            problems.append(
                Finding(
                    "no_public_key",
                    f"{len(signed)} checkpoints cannot be checked: no public key "
                    f"(none at {checkpoints.signing_key_path()})",
                )
            )
        found: list[CheckpointProblem] = []
    else:
        found = check_checkpoints(signed, key, _stored_hashes)
    missing = triggers.missing(connection)
    problems += [
        Finding("trigger_missing", f"append-only trigger {name} on {triggers.CHECKPOINT_TABLE} is missing or disabled")
        for name in missing[triggers.CHECKPOINT_TABLE]
    ]
    reports = [
        _chain_report(
            name,
            model,
            [c for c in signed if c.chain == name] if key else [],
            [p for p in found if p.chain == name],
            missing[_CHAIN_TABLES[name]],
        )
        for name, model in CHAINS.items()
    ]
    problems += [Finding("checkpoint_unknown_chain", p.message) for p in found if p.chain not in CHAINS]
    return TrailVerification(reports, problems, sources, _database_role())


def _gather_checkpoints(checkpoint_file, problems: list[Finding]) -> tuple[list[Checkpoint], list[str]]:
    signed, sources = checkpoints.stored_checkpoints(), ["database"]
    path = Path(checkpoint_file) if checkpoint_file else checkpoints.checkpoint_file()
    if checkpoint_file or path.exists():
        try:
            from_file, unreadable = checkpoints.read_file(path)
        except checkpoints.CheckpointFileError as exc:
            problems.append(Finding(exc.code, exc.message))
        else:
            signed += from_file
            sources.append(str(path))
            problems += [Finding("checkpoint_unreadable", message) for message in unreadable]
    return signed, sources


def _stored_hashes(chain: str, seqs: list[int]) -> dict[int, str]:
    model = CHAINS.get(chain)
    if model is None:
        return {}
    hashes = {}
    for start in range(0, len(seqs), 500):
        hashes.update(model.objects.filter(seq__in=seqs[start : start + 500]).values_list("seq", "hash"))
    return hashes


def _chain_report(name, model, signed, problems, missing_triggers) -> ChainReport:
    links = (
        StoredLink(event.seq, event.chain_payload(), event.prev_hash, event.hash)
        for event in model.objects.order_by("seq").iterator(chunk_size=2000)
    )
    checked, broken = verify_chain(links)
    rewritten = [p for p in problems if p.code != "checkpoint_bad_signature"]
    if broken is None and rewritten:
        broken = BrokenLink(rewritten[0].seq, rewritten[0].code, rewritten[0].message)
    head = model.objects.order_by("-seq").values_list("seq", "hash").first() or (0, GENESIS_HASH)
    return ChainReport(
        name, checked, broken, head[0], head[1], len(set(signed)), tuple(problems), tuple(missing_triggers)
    )


def _database_role() -> dict:
    if connection.vendor == "sqlite":
        return {
            "vendor": "sqlite",
            "role": None,
            "role_can_alter_audit_tables": None,
            "note": "SQLite has no database roles: whoever can write the database file can alter the audit "
            "tables; the signed checkpoints kept outside the database are what shows it.",
        }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_user, bool_or(has_table_privilege(t, 'UPDATE') OR has_table_privilege(t, 'DELETE') "
            "OR has_table_privilege(t, 'TRUNCATE') OR pg_has_role(c.relowner, 'USAGE')) "
            "FROM unnest(%s::text[]) AS t JOIN pg_class c ON c.oid = t::regclass GROUP BY current_user",
            [list(triggers.TABLES)],
        )
        role, can_alter = cursor.fetchone()
    note = (
        f"the role this check connected as ({role}) can alter the audit tables: run the app as a role "
        "`borderdesk db app-role` made"
        if can_alter
        else f"the role this check connected as ({role}) can only read and append to the audit tables"
    )
    return {"vendor": connection.vendor, "role": role, "role_can_alter_audit_tables": can_alter, "note": note}


def verify_trail_as(actor) -> list[ChainReport]:
    return verify_audit_as(actor).chains


@service(Perm.AUDIT_TRAIL_VERIFY)
def verify_audit_as(actor) -> TrailVerification:
    verification = verify_audit()
    record_change(
        actor,
        AuditAction.AUDIT_TRAIL_VERIFY,
        new={
            "intact": verification.intact,
            "reports": [report.as_dict() for report in verification.chains],
            "problems": [asdict(problem) for problem in verification.problems],
        },
    )
    return verification


def recent_events(actor, *, limit: int = 50, mine_only: bool = False) -> list[AuditEvent]:
    """The latest changes: an auditor sees everyone's, any other user only their own."""
    events = AuditEvent.objects.order_by("-seq")
    if mine_only or not actor.can(Perm.AUDIT_TRAIL_READ):
        events = events.filter(actor=actor)
    return list(events[:limit])


def changes_of(instance, *, former_types: tuple[str, ...] = ()) -> list[AuditEvent]:
    """The changes recorded on one record, oldest first, also under the names its model had before it moved
    (``former_types``, e.g. "travellers.visa"): for a service that has already checked the reader may see it."""
    object_type, object_id = object_ref(instance)
    return list(AuditEvent.objects.filter(object_type__in=(object_type, *former_types), object_id=object_id))
