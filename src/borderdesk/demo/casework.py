"""Demo casework: about 150 applications at the Amaurot immigration office (UTCIO) and as many at the Embassy of
Utopia in Berlin (UTBER), of every kind lodged there, in every state, some with family members; assigned partly to
the demo's caseworker and consul; some overdue, some at risk, some waiting for the applicant's evidence; approved
ones with their visa or residence permit on record.

Applicants are made up here from syllables (a generator seeded for repeatability), of several nationalities; some
are generated travellers the demo already has, with their past trips to Utopia. Everything goes through the
casework services (lodging, moving, assigning) as the demo, as an officer's work would, except the rows of steps
whose services other parts of casework add (an evidence request, a proposed and a decided outcome): those fields are
set and the case then moved through its states with ``cases.move``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from borderdesk.apps.accounts.actors import DEMO
from borderdesk.apps.accounts.models import User
from borderdesk.apps.casework.models import Application, EvidenceRequest, Outcome
from borderdesk.apps.casework.services import cases
from borderdesk.apps.casework.services.lodging import lodge
from borderdesk.apps.common.services import atomic_block
from borderdesk.apps.posts.models import Post
from borderdesk.apps.travellers.models import HeldDocument, Traveller
from borderdesk.apps.travellers.services import identify
from borderdesk.apps.visas.services import record_visa
from borderdesk.core.casework import WorkingCalendar, bundled_kinds, decision_due
from borderdesk.core.documents import MrzFields, generate_mrz, parse_mrz

# Per post: its officer (who works and proposes), the senior officer who approves, and how many applications.
POSTS = {"UTCIO": ("caseworker", "senior", 150), "UTBER": ("consul", "senior2", 150)}

# Every state, in the order of a case's life: the path of actions from "lodged" to it.
PATHS: dict[str, tuple[str, ...]] = {
    "lodged": (),
    "admissible": ("find_admissible",),
    "inadmissible": ("find_inadmissible",),
    "checks_running": ("find_admissible", "start_checks"),
    "evidence_requested": ("find_admissible", "start_checks", "request_evidence"),
    "interview_scheduled": ("find_admissible", "start_checks", "checks_done", "schedule_interview"),
    "assessment": ("find_admissible", "start_checks", "checks_done"),
    "decision_proposed": ("find_admissible", "start_checks", "checks_done", "propose_decision"),
    "approved": ("find_admissible", "start_checks", "checks_done", "propose_decision", "approve"),
    "refused": ("find_admissible", "start_checks", "checks_done", "propose_decision", "refuse"),
    "applicant_notified": ("find_admissible", "start_checks", "checks_done", "propose_decision", "approve", "notify"),
    "appeal_lodged": (
        *("find_admissible", "start_checks", "checks_done", "propose_decision", "refuse", "notify"),
        "lodge_appeal",
    ),
    "appeal_decided": (
        *("find_admissible", "start_checks", "checks_done", "propose_decision", "refuse", "notify"),
        *("lodge_appeal", "decide_appeal"),
    ),
    "closed": ("find_inadmissible", "notify", "close"),
    "withdrawn": ("find_admissible", "withdraw"),
}
# How often each state is drawn beyond the few of each every post has: most cases are being worked.
WEIGHTS = {
    "lodged": 14,
    "admissible": 6,
    "inadmissible": 1,
    "checks_running": 8,
    "evidence_requested": 10,
    "interview_scheduled": 5,
    "assessment": 16,
    "decision_proposed": 7,
    "approved": 3,
    "refused": 2,
    "applicant_notified": 6,
    "appeal_lodged": 1,
    "appeal_decided": 1,
    "closed": 4,
    "withdrawn": 2,
}
EACH_AT_LEAST = 2
OWN_DEMO = {"naturalisation"}  # demo/citizenship.py: a few cases, each with the crossings that decide it
OPEN_RUNNING = {"lodged", "admissible", "checks_running", "interview_scheduled", "assessment", "decision_proposed"}

NATIONALITIES = ["NGA", "IND", "CHN", "TUR", "UKR", "BRA", "EGY", "PHL", "VNM", "MAR", "COL", "PAK", "USA", "IRN"]
_ONSETS = ["", "b", "d", "f", "g", "h", "k", "l", "m", "n", "r", "s", "t", "v", "z", "th", "br", "dr", "kl", "st"]
_VOWELS = ["a", "e", "i", "o", "u", "ae", "ia", "ou"]
_CODAS = ["", "", "n", "r", "s", "l", "th", "m", "x"]


@dataclass
class _Plan:
    post: Post
    officer: User
    senior: User
    today: date
    rng: random.Random
    calendar: WorkingCalendar
    visas: int = 0
    to_assign: list[str] = field(default_factory=list)


def load_demo_casework(progress=lambda _: None) -> int:
    """The demo's applications at UTCIO and UTBER; nothing when they are there already. Returns how many."""
    if Application.objects.filter(post__code__in=list(POSTS)).exists():
        return 0
    rng = random.Random(1516)  # the year Utopia was first printed
    today = date.today()
    known = list(
        Traveller.objects.filter(documents__document_number__startswith="G", merged_into__isnull=True)
        .distinct()
        .order_by("pk")[:40]
    )
    made = 0
    for code, (officer, senior, count) in POSTS.items():
        post = Post.objects.get(code=code)
        plan = _Plan(
            post,
            User.objects.get(username=officer),
            User.objects.get(username=senior),
            today,
            rng,
            cases.calendar_of(post),
        )
        kinds = sorted(k.id for k in bundled_kinds().values() if k.may_be_lodged_at(post.kind) and k.id not in OWN_DEMO)
        states = [s for s in PATHS for _ in range(EACH_AT_LEAST)]
        states += rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()), k=count - len(states))
        rng.shuffle(states)
        at_post = 0
        for n, state in enumerate(states):
            if at_post >= count:
                break
            kind = kinds[n % len(kinds)]
            family = rng.choice([0, 0, 0, 0, 0, 1, 2]) if kind in ("family_reunification", "short_stay_visa") else 0
            applicant = known.pop() if known and code == "UTCIO" and n % 4 == 0 else None
            at_post += _group(plan, kind, state, applicant, family, made + at_post)
        for start in range(0, len(plan.to_assign), 500):
            cases.assign(DEMO, plan.to_assign[start : start + 500], post=post, to=plan.officer)
        made += at_post
        progress(f"  casework: {at_post} applications at {code}")
    return made


def _group(plan: _Plan, kind: str, state: str, known: Traveller | None, family: int, serial: int) -> int:
    """One principal application (and its family members' applications), lodged and moved to ``state``."""
    rng = plan.rng
    surname = _name(rng, 2, 3)
    lodged_on = _lodged_on(plan, kind, state)
    principal = _one(plan, kind, state, lodged_on, _applicant(plan, known, surname, serial, 0))
    for member in range(1, family + 1):
        relation = "child" if member > 1 or rng.random() < 0.5 else "spouse"
        _one(plan, kind, state, lodged_on, _applicant(plan, None, surname, serial, member), principal, relation)
    return 1 + family


def _applicant(plan: _Plan, known: Traveller | None, surname: str, serial: int, member: int):
    if known is not None:
        return known, HeldDocument.objects.filter(traveller=known).order_by("pk").first()
    rng = plan.rng
    nationality = rng.choice(NATIONALITIES)
    adult = member < 2
    born = plan.today - timedelta(days=rng.randrange(20 * 365, 65 * 365) if adult else rng.randrange(365, 17 * 365))
    fields = MrzFields(
        document_code="P",
        issuing_state=nationality,
        surname=surname.upper(),
        given_names=_name(rng, 2, 2).upper(),
        document_number=f"C{serial:06d}{member}{plan.post.code[2]}",
        nationality=nationality,
        birth_date=born,
        sex=rng.choice("FM"),
        expiry_date=plan.today + timedelta(days=rng.randrange(400, 3000)),
    )
    zone = "\n".join(generate_mrz("TD3", fields))
    found = identify(DEMO, parse_mrz(zone, today=plan.today).fields, post_code=plan.post.code)
    return found.traveller, found.document


def _name(rng: random.Random, low: int, high: int) -> str:
    syllables = [rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(rng.randint(low, high))]
    name = "".join(syllables)
    return (name if len(name) >= 4 else name + "ander")[:18].capitalize()


def _lodged_on(plan: _Plan, kind: str, state: str) -> date:
    """When to have lodged it: for a case whose deadline runs, so that it is overdue, at risk or due later."""
    rng, today = plan.rng, plan.today
    period = bundled_kinds()[kind].decision_deadline.period
    if state in OPEN_RUNNING:
        roll = rng.random()
        if roll < 0.1:
            target = today - timedelta(days=rng.randint(1, 12))  # overdue
        elif roll < 0.35:
            target = today + timedelta(days=rng.randint(0, 4))  # at risk (or just beyond)
        else:
            target = today + timedelta(days=rng.randint(5, 60))
        return _lodged_for_due(plan, period, target)
    if state in ("lodged", "admissible", "evidence_requested", "checks_running"):
        return today - timedelta(days=rng.randint(2, 20))
    return today - timedelta(days=rng.randint(20, 200))


def _lodged_for_due(plan: _Plan, period, target: date) -> date:
    """The latest lodging day (not after today) whose decision is due on or before ``target``: the due date grows
    with the lodging day, so a binary search finds it."""
    low, high = target - timedelta(days=period.days * 2 + 30), min(target, plan.today)
    if decision_due(low, period, plan.calendar) > target:
        return low
    while (high - low).days > 1:
        middle = low + (high - low) / 2
        if decision_due(middle, period, plan.calendar) <= target:
            low = middle
        else:
            high = middle
    return high if decision_due(high, period, plan.calendar) <= target else low


def _one(plan: _Plan, kind: str, state: str, lodged_on: date, who, principal=None, relationship="") -> Application:
    traveller, document = who
    with atomic_block():
        case = lodge(
            DEMO,
            post=plan.post,
            kind=kind,
            traveller=traveller,
            document=document,
            answers=_answers(kind, plan, lodged_on),
            language="de" if plan.post.code == "UTBER" and plan.rng.random() < 0.3 else "en",
            principal=principal,
            relationship=relationship,
            lodged_on=lodged_on,
        )
        # Lodged on its day (at the office's opening): the team's queue is oldest first. The case just lodged is
        # the locked one moved below (the demo loads alone, in one transaction).
        case.lodged_at = datetime.combine(lodged_on, time(8, 30), tzinfo=UTC)
        Application.objects.filter(pk=case.pk).update(lodged_at=case.lodged_at)
        if (state != "lodged" or plan.rng.random() < 0.3) and plan.rng.random() < 0.8:
            plan.to_assign.append(case.reference)  # assigned all at once at the end, as a senior officer would
        refuse = "refuse" in PATHS[state]
        for action in PATHS[state]:
            _step(plan, case, action, lodged_on, refuse=refuse)
    return case


def _step(plan: _Plan, case: Application, action: str, lodged_on: date, *, refuse: bool) -> None:
    """One action on the case just lodged, in the transaction that lodged it."""
    now = datetime.now(UTC)
    if action == "request_evidence":
        requested = min(plan.today, lodged_on + timedelta(days=plan.rng.randint(1, 5)))
        overdue = plan.rng.random() < 0.3
        EvidenceRequest.objects.create(
            application=case,
            requested_on=requested,
            due_on=plan.today - timedelta(days=plan.rng.randint(1, 10))
            if overdue
            else plan.today + timedelta(days=plan.rng.randint(1, 21)),
            documents=[cases.kind_of(case).documents[-1].code],
            message="Please send the document listed: the copy sent could not be read.",
            requested_by=plan.officer,
        )
    elif action == "propose_decision":
        case.proposed_outcome = Outcome.REFUSE if refuse else Outcome.APPROVE
        case.proposed_by, case.proposed_at = plan.officer, now
        case.proposed_terms = {} if refuse else {"entries": "multiple", "validity_days": 365}
    elif action in ("approve", "refuse"):
        case.outcome = Outcome.APPROVE if action == "approve" else Outcome.REFUSE
        case.decided_by, case.approved_by, case.decided_at = plan.senior, plan.senior, now
        if action == "approve":
            case.visa = _visa(plan, case)
    cases.move(case, DEMO, action)


def _visa(plan: _Plan, case: Application):
    plan.visas += 1
    permit = case.kind not in ("short_stay_visa", "long_stay_visa")
    prefix = ("R" if permit else "V") + plan.post.code[2:4]
    start = plan.today - timedelta(days=plan.rng.randint(0, 20))
    days = 90 if case.kind == "short_stay_visa" else 365
    return record_visa(
        DEMO,
        traveller=case.applicant,
        document=case.document,
        number=f"{prefix}{plan.today.year % 100:02d}{plan.visas:05d}",
        kind="residence_permit" if permit else ("visa" if case.kind == "short_stay_visa" else "long_stay_visa"),
        valid_from=start,
        valid_until=start + timedelta(days=days - 1),
        entries_allowed=None,
        duration_days=90 if case.kind == "short_stay_visa" else None,
        post=plan.post,
    )


def _answers(kind: str, plan: _Plan, lodged_on: date) -> dict:
    rng = plan.rng
    soon = (lodged_on + timedelta(days=rng.randint(20, 60))).isoformat()
    later = (lodged_on + timedelta(days=rng.randint(61, 120))).isoformat()
    company = rng.choice(["Amaurot Shipyards", "Anyder Fisheries", "Hythloday Books", "Isle Software Works"])
    return {
        "short_stay_visa": lambda: (
            {
                "purpose": "tourism",
                "arrival_date": soon,
                "departure_date": later,
                "entries": rng.choice(["single", "multiple"]),
                "previous_visa": rng.random() < 0.3,
            }
            if rng.random() < 0.6
            else {
                "purpose": "business",
                "inviting_company": company,
                "arrival_date": soon,
                "departure_date": later,
                "entries": "multiple",
                "previous_visa": True,
            }
        ),
        "long_stay_visa": lambda: {
            "purpose": "retirement",
            "arrival_date": soon,
            "length_months": rng.randint(6, 24),
            "address_in_utopia": f"{rng.randint(1, 90)} Harbour Street, Amaurot",
        },
        "family_reunification": lambda: {
            "sponsor_name": _name(rng, 2, 3) + " " + _name(rng, 2, 3),
            "sponsor_status": "citizen",
            "relationship": rng.choice(["spouse", "child", "parent"]),
            "sponsor_monthly_income": rng.randint(1800, 6000),
        },
        "study_permit": lambda: {
            "institution_name": "University of Amaurot",
            "course_level": rng.choice(["bachelor", "master", "doctorate", "language"]),
            "course_start": soon,
            "course_months": rng.choice([6, 12, 24, 36]),
            "minor": False,
            "scholarship": False,
        },
        "work_permit": lambda: {
            "employer_name": company,
            "employer_registration": f"UT-HR-{rng.randint(10000, 99999)}",
            "occupation": rng.choice(["Welder", "Software developer", "Nurse", "Marine engineer"]),
            "contract_start": soon,
            "contract_months": rng.choice([0, 12, 24]),
            "monthly_salary": rng.randint(2500, 7000),
            "shortage_occupation": rng.random() < 0.5,
            "regulated_profession": False,
        },
        "extension_of_stay": lambda: {
            "current_permission": rng.choice(["short_stay_visa", "visa_free", "visa_on_arrival"]),
            "current_stay_ends": (lodged_on + timedelta(days=rng.randint(3, 14))).isoformat(),
            "days_requested": rng.choice([14, 30, 45]),
            "reason": rng.choice(["illness", "family_emergency", "force_majeure"]),
        },
        "change_of_status": lambda: {
            "current_status": "study_permit",
            "current_permit_number": f"R{rng.randint(1000000, 9999999)}",
            "current_permit_expires": later,
            "new_status": "worker",
            "employer_name": company,
        },
        "permanent_residence": lambda: {
            "resident_since": (lodged_on - timedelta(days=rng.randint(5 * 365, 12 * 365))).isoformat(),
            "current_permit_number": f"R{rng.randint(1000000, 9999999)}",
            "absence_days": rng.randint(0, 300),
            "language_level": rng.choice(["b1", "b2", "c1"]),
            "income_source": rng.choice(["employment", "self_employment", "pension"]),
        },
    }[kind]()
