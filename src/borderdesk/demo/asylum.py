"""Demo asylum claims at the Amaurot immigration office (UTCIO, the demo's asylum unit): one made at the UCX airport
booth (the demo officer scans the traveller and records that she asks for protection), one made by the patrol on
the north coast with a child, and two made at the office, registered by the demo's asylum case officer (one then
found admissible). Everything goes through the services, as the officers' own work would."""

from __future__ import annotations

from datetime import date

from borderdesk.apps.accounts.models import User
from borderdesk.apps.asylum.models import Claim
from borderdesk.apps.asylum.services import claims, making, registration
from borderdesk.apps.common.services import atomic_block
from borderdesk.apps.inspection.services import close_booth, open_booth, start_inspection
from borderdesk.apps.posts.models import Booth, Post
from borderdesk.core.casework.asylum import ClaimAction
from borderdesk.core.documents import MrzFields, generate_mrz

REASON = "Demo data: registering the claim"


def load_demo_asylum(progress) -> None:
    if Claim.objects.exists():
        return
    officer, patrol, asylum = (User.objects.get(username=name) for name in ("officer", "patrol", "asylum"))
    office, sector = Post.objects.get(code="UTCIO"), Post.objects.get(code="UTPSN")
    _at_the_booth(officer)
    child = making.Member("daughter", _typed("TESFAYE", "HANNA", "2015-09-12", "ERI", "F"))
    making.make_for_person(
        patrol, post=sector, identity=_typed("TESFAYE", "SELAM", "1989-01-20", "ERI", "F"), members=(child,)
    )
    for identity, admissible in (
        (_typed("RAHIMI", "ZAHRA", "1996-04-02", "AFG", "F"), False),
        (_typed("OSMAN", "ABDI", "1984-11-30", "SOM", "M"), True),
    ):
        made = making.make_for_person(asylum, post=office, identity=identity)
        _register(asylum, made.claim.reference, identity, admissible=admissible)
    progress(f"  asylum: {Claim.objects.count()} protection claims at UTCIO")


def _at_the_booth(officer) -> None:
    fields = MrzFields(
        document_code="P",
        issuing_state="SYR",
        surname="KHALIL",
        given_names="NOUR",
        document_number="N7102938",
        nationality="SYR",
        birth_date=date(1993, 3, 8),
        sex="F",
        expiry_date=date(2029, 5, 1),
    )
    session = open_booth(officer, Booth.objects.get(post__code="UCX", code="A01"))
    inspection = start_inspection(officer, session, "\n".join(generate_mrz("TD3", fields)))
    making.make_at_inspection(officer, inspection)
    close_booth(officer)


def _typed(surname, given, born, nationality, sex) -> making.Identity:
    return making.Identity.typed(
        {"surname": surname, "given_names": given, "birth_date": born, "nationality": nationality, "sex": sex}
    )


def _register(officer, reference: str, identity: making.Identity, *, admissible: bool) -> None:
    claims.take(officer, reference)
    claims.open_claim(officer, reference, purpose="casework", reason=REASON)
    registered = registration.register(
        officer,
        reference,
        version=None,
        identity=identity,
        languages=["so" if identity.nationality == "SOM" else "fa", "en"],
        vulnerabilities=[],
        narrative="Demo: the claimant's account in brief, as told at registration.",
    )
    if admissible:
        with atomic_block():
            claims.move(claims.load(registered.pk, for_update=True), officer, ClaimAction.FIND_ADMISSIBLE)
