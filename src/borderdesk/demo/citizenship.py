"""Demo naturalisations at the Amaurot immigration office (UTCIO), each applicant a traveller whose crossings at
Utopia City airport (UCX) decide the residence:

- Amara OKONKWO-DEMO: eligible; tests passed, no criminal record: ready for the caseworker to propose approval.
- Rahul VARMA-DEMO: away 150 days last year: refused for absences (approved by a senior officer), the refusal
  naming the earliest eligible date.
- Elena MORETTI-DEMO: an entry with no exit before it (a land border without exit control): not assessed, the
  panel names the crossing missing.
- Tomasz NOWAK-DEMO: naturalised, the oath taken a month ago: a citizen at the booth with a Polish passport.

Everything goes through the services as the demo's caseworker and senior officer would, except two things an
officer cannot do today: the crossings years ago are recorded on their days, and the naturalised applicant's
approval is dated back a month so that the ceremony and oath can lie in the past.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from borderdesk.apps.accounts.actors import DEMO
from borderdesk.apps.accounts.models import User
from borderdesk.apps.casework.models import Application
from borderdesk.apps.casework.services import cases, checks, decisions
from borderdesk.apps.casework.services.lodging import lodge
from borderdesk.apps.citizenship import services as citizenship
from borderdesk.apps.posts.models import Post
from borderdesk.apps.travellers.models import Crossing, HeldDocument, Traveller
from borderdesk.apps.travellers.services import record_entry, record_exit

OFFICE, PORT = "UTCIO", "UCX"


def load_demo_citizenship(progress=lambda _: None) -> int:
    """The four demo naturalisations; nothing when they are there already. Returns how many were made."""
    if Application.objects.filter(post__code=OFFICE, kind=citizenship.KIND).exists():
        return 0
    office, port = Post.objects.get(code=OFFICE), Post.objects.get(code=PORT)
    officer, senior = User.objects.get(username="caseworker"), User.objects.get(username="senior")
    today = office.local_date()
    years_ago = today - timedelta(days=7 * 365)

    def applicant(surname, given, nationality, number, born, trips, *, gap_on=None) -> Application:
        traveller, document = _traveller(surname, given, nationality, number, born)
        _cross(port, traveller, document, since=years_ago, trips=trips)
        if gap_on is not None:  # an entry read from an old land-border log: the exit before it was never recorded
            Crossing.objects.create(
                traveller=traveller,
                document=document,
                post=port,
                direction="entry",
                outcome="admitted",
                occurred_at=_at(gap_on),
            )
        case = lodge(
            officer,
            post=office,
            kind=citizenship.KIND,
            traveller=traveller,
            document=document,
            answers=_answers(years_ago, nationality),
        )
        return _ready_for_decision(officer, case, today)

    eligible = applicant(
        "OKONKWO-DEMO",
        "AMARA",
        "NGA",
        "DN1000001",
        date(1985, 3, 14),
        [(today - timedelta(days=420), today - timedelta(days=400))],
    )
    away = applicant(
        "VARMA-DEMO",
        "RAHUL",
        "IND",
        "DI2000002",
        date(1979, 9, 2),
        [(today - timedelta(days=220), today - timedelta(days=70))],
    )
    gap = applicant(
        "MORETTI-DEMO",
        "ELENA",
        "ITA",
        "DT3000003",
        date(1991, 1, 23),
        [(today - timedelta(days=800), today - timedelta(days=780))],
        gap_on=today - timedelta(days=300),
    )
    sworn = applicant(
        "NOWAK-DEMO",
        "TOMASZ",
        "POL",
        "DP4000004",
        date(1982, 7, 30),
        [(today - timedelta(days=500), today - timedelta(days=490))],
    )

    for case in (eligible, away, sworn):
        _tests_and_police(officer, case, today)
    citizenship.check_residence(officer, eligible.reference)
    citizenship.check_residence(officer, gap.reference)

    citizenship.check_residence(officer, away.reference)
    away = decisions.propose(
        officer,
        away.reference,
        version=cases.load(away.reference).version,
        outcome="refuse",
        grounds=["residence_requirement_not_met"],
        reason="150 days outside Utopia in the last year: at most 90 are allowed.",
    )
    decisions.approve_decision(senior, away.reference, version=away.version)

    sworn = decisions.propose(officer, sworn.reference, version=cases.load(sworn.reference).version, outcome="approve")
    decisions.approve_decision(senior, sworn.reference, version=sworn.version)
    Application.objects.filter(pk=sworn.pk).update(decided_at=timezone.now() - timedelta(days=40))
    citizenship.book_ceremony(officer, sworn.reference, on=today - timedelta(days=30), post_code=OFFICE)
    citizenship.record_oath(officer, sworn.reference, on=today - timedelta(days=30))
    progress("  citizenship: 4 naturalisations at UTCIO (eligible, refused for absences, a gap, sworn in)")
    return 4


def _traveller(surname, given, nationality, number, born) -> tuple[Traveller, HeldDocument]:
    traveller = Traveller.objects.create(surname=surname, given_names=given, nationality=nationality, birth_date=born)
    document = HeldDocument.objects.create(
        traveller=traveller,
        document_code="P",
        category="P",
        issuing_state=nationality,
        document_number=number,
        expiry_date=date(born.year + 60, 1, 1),
    )
    return traveller, document


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


def _cross(port, traveller, document, *, since: date, trips) -> None:
    common = {"traveller": traveller, "document": document, "post": port}
    record_entry(DEMO, **common, admitted_until=None, class_of_admission="resident", occurred_at=_at(since))
    for left, returned in trips:
        record_exit(DEMO, **common, occurred_at=_at(left))
        record_entry(DEMO, **common, admitted_until=None, class_of_admission="resident", occurred_at=_at(returned))


def _answers(resident_since: date, nationality: str) -> dict:
    return {
        "resident_since": resident_since.isoformat(),
        "current_permit_number": f"UTO{resident_since.toordinal() % 1000000:06d}",
        "marital_status": "single",
        "occupation": "Nurse",
        "other_nationalities": nationality,
        "keeps_other_nationality": True,
    }


def _ready_for_decision(officer, case: Application, today: date) -> Application:
    case = cases.act(officer, case.reference, "find_admissible")
    checks.start_checks(officer, case.reference, today=today)
    case = cases.act(officer, case.reference, "checks_done")
    checks.run_checks(officer, case.reference, stage="before_decision", today=today)
    return cases.load(case.reference)


def _tests_and_police(officer, case: Application, today: date) -> None:
    taken = today - timedelta(days=60)
    citizenship.record_test(
        officer,
        case.reference,
        test="language",
        taken_on=taken,
        score="B1",
        passed=True,
        certificate_number=f"UL-{case.pk:05d}",
    )
    citizenship.record_test(
        officer,
        case.reference,
        test="civics",
        taken_on=taken,
        score="19/24",
        passed=True,
        certificate_number=f"LU-{case.pk:05d}",
    )
    asked = citizenship.request_police_certificate(
        officer,
        case.reference,
        authority="Utopia National Police, records office",
        requested_on=taken,
        reference=f"CRC-{case.reference}",
    )
    citizenship.record_police_answer(
        officer, case.reference, request=asked.pk, answered_on=taken + timedelta(days=12), answer="no_record"
    )
