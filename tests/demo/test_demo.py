"""The Utopia demo: every user the logins list exists and can work, two senior officers at each port, and every
sample passport does at the booth what its label promises."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings

from borderdesk.apps.accounts.models import User
from borderdesk.apps.accounts.services import staff_who_may
from borderdesk.apps.inspection import services
from borderdesk.apps.inspection.models import Status
from borderdesk.apps.posts.models import Booth, Post
from borderdesk.apps.watchlists import services as watchlists
from borderdesk.core.access import Perm
from borderdesk.demo import DEMO_PASSWORD, USERS, load_demo_data, login_lines
from borderdesk.demo.travellers import samples


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """Loaded once for the module inside a transaction that is rolled back at its end."""
    fast_hashing = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=fast_hashing):
        watchlists.forget_screener()
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield load_demo_data()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            watchlists.forget_screener()


@pytest.fixture
def demo(demo_data, db):
    """Each test's changes are rolled back to the demo as loaded."""
    return demo_data


def _briefed_officer():
    """The demo's officer, having acknowledged the demo's briefing (a booth opens only then)."""
    from borderdesk.apps.briefings.services import acknowledge, my_briefings

    officer = User.objects.get(username="officer")
    for item in my_briefings(officer):
        acknowledge(officer, item.briefing.pk)
    return officer


def _scan(label_word: str, booth: str = "A01"):
    officer = _briefed_officer()
    session = services.open_booth(officer, Booth.objects.get(post__code="UCX", code=booth))
    sample = next(s for s in samples() if label_word in s.label)
    return officer, services.start_inspection(officer, session, sample.mrz, today=date.today())


def _admit(officer, inspection):
    return services.decide(
        officer, inspection, kind="admit", idempotency_key=f"admit-{inspection.pk}", version=inspection.version
    )


def test_the_logins_list_every_demo_user_and_each_signs_in(demo):
    lines = login_lines()
    assert len(lines) == len(USERS) == User.objects.filter(is_demo=True).count()
    for user, line in zip(USERS, lines, strict=True):
        assert line.split()[0] == user.username
        assert User.objects.get(username=user.username).check_password(DEMO_PASSWORD)
    assert any(line.split()[0] == "policy2" for line in lines), "the reviewing policy author is listed too"


def test_each_port_has_two_senior_officers(demo):
    for post in Post.objects.filter(kind__in=["airport", "seaport", "land_crossing"]):
        seniors = staff_who_may(Perm.BORDER_DECISION_APPROVE, post.code)
        assert len(seniors) >= 2, f"{post.code} has {len(seniors)} senior officer(s)"


def test_the_visa_free_visitor_is_admitted_at_once(demo):
    officer, inspection = _scan("visa-free")
    assert inspection.recommendation["outcome"] == "admit" and "visa_free" in inspection.recommendation["reasons"]
    decision = _admit(officer, inspection)
    inspection.refresh_from_db()
    assert decision.approval == "not_required" and inspection.status == Status.CLOSED


def test_the_german_gets_a_visa_on_arrival_and_is_admitted(demo):
    officer, inspection = _scan("visa on arrival")
    assert inspection.visa_on_arrival["eligible"] is True
    services.issue_visa_on_arrival(officer, inspection, version=inspection.version, fee_paid=True, receipt_number="R-1")
    inspection.refresh_from_db()
    assert inspection.recommendation["outcome"] == "admit"
    _admit(officer, inspection)


def test_the_nigerian_holds_the_e_visa_on_record(demo):
    officer, inspection = _scan("e-visa")
    assert inspection.recommendation["outcome"] == "admit" and "holds_e_visa" in inspection.recommendation["reasons"]
    _admit(officer, inspection)


def test_the_listed_person_is_a_watchlist_hit_to_refuse(demo):
    _, inspection = _scan("watchlist")
    assert inspection.screening["required_action"] == "refuse_entry"
    assert inspection.recommendation["outcome"] == "refuse_recommended"


def test_the_malaysian_who_overstayed_is_referred(demo):
    _, inspection = _scan("overstayed")
    assert inspection.recommendation["outcome"] == "refer_to_secondary"
    assert "previous_overstay" in inspection.recommendation["reasons"]


def test_the_filipino_overstays_at_the_exit_booth(demo):
    _, inspection = _scan("exit booth", booth="D01")
    assert inspection.direction == "exit" and inspection.recommendation["reasons"] == ["overstay"]
    assert inspection.recommendation["open_stay"]["days_past_admission"] > 0


def test_the_citizen_comes_home(demo):
    officer, inspection = _scan("citizen")
    assert inspection.recommendation["outcome"] == "admit" and inspection.recommendation["reasons"] == ["own_national"]
    _admit(officer, inspection)


def test_every_sample_has_its_promise_checked_here():
    """A new sample passport needs a test above: each test scans by a word of its label."""
    checked = ["visa-free", "visa on arrival", "e-visa", "watchlist", "overstayed", "exit booth", "citizen"]
    for sample in samples():
        assert sum(word in sample.label for word in checked) == 1, f"no single test for {sample.label!r}"


# --- casework -----------------------------------------------------------------------------------------------------


CASE_POSTS = ("UTCIO", "UTBER")


def test_each_office_and_consulate_has_cases_in_every_state_of_every_kind_lodged_there(demo):
    from borderdesk.apps.casework.models import Application
    from borderdesk.core.casework import State, bundled_kinds

    for code in CASE_POSTS:
        post = Post.objects.get(code=code)
        at_post = Application.objects.filter(post=post)
        assert 120 <= at_post.count() <= 200, f"{code} has {at_post.count()} applications"
        assert set(at_post.values_list("state", flat=True)) == {state.value for state in State}, code
        kinds = {kind.id for kind in bundled_kinds().values() if kind.may_be_lodged_at(post.kind)}
        assert set(at_post.values_list("kind", flat=True)) == kinds, code
        assert at_post.filter(principal__isnull=False).exists(), f"{code} has no family members"
        assigned = at_post.filter(assigned_to__isnull=False).count()
        assert 0 < assigned < at_post.count(), f"{code}: {assigned} assigned"
        assert len({a.applicant.nationality for a in at_post.select_related("applicant")}) >= 5


def test_the_demo_officers_queues_hold_overdue_at_risk_and_waiting_cases(demo):
    from borderdesk.apps.casework.models import DEADLINE_RUNNING, Application
    from borderdesk.apps.casework.services import queues

    for code, username in (("UTCIO", "caseworker"), ("UTBER", "consul")):
        post = Post.objects.get(code=code)
        officer = User.objects.get(username=username)
        counts = queues.queue_counts(officer, post=post)
        assert counts["mine"] and counts["team"] and counts["at_risk"] and counts["waiting"], (code, counts)
        page = queues.work_queue(officer, post=post, view="at_risk")
        assert page.rows[0].due.overdue and [r.due.due for r in page.rows] == sorted(r.due.due for r in page.rows)
        running = Application.objects.filter(DEADLINE_RUNNING, post=post)
        assert running.filter(decision_due__gte=page.today, decision_due__lte=page.at_risk_until).exists(), code
        waiting = queues.work_queue(officer, post=post, view="waiting").rows
        assert waiting and all(row.evidence_due for row in waiting)
        senior = User.objects.get(username="senior")
        assert queues.queue_counts(senior, post=post)["approval"] > 0


def test_approved_cases_have_their_visa_or_permit_on_record_with_unique_numbers(demo):
    from borderdesk.apps.casework.models import Application
    from borderdesk.apps.visas.models import Visa

    # A naturalisation grants citizenship, no visa or permit (its certificate: test_the_demo_naturalisations below).
    approved = Application.objects.filter(post__code__in=CASE_POSTS, outcome="approve").exclude(kind="naturalisation")
    assert approved.exists() and not approved.filter(visa__isnull=True).exists()
    numbers = list(Visa.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))
    kinds = {a.visa.kind for a in approved.select_related("visa")}
    assert "residence_permit" in kinds and kinds <= {"visa", "long_stay_visa", "residence_permit"}
    assert all(a.visa.traveller_id == a.applicant_id for a in approved.select_related("visa"))


def test_some_applicants_have_crossed_the_border_before(demo):
    from borderdesk.apps.casework.models import Application
    from borderdesk.apps.travellers.models import Crossing

    applicants = Application.objects.filter(post__code="UTCIO").values("applicant")
    assert Crossing.objects.filter(traveller__in=applicants).exists()


def test_two_senior_officers_approve_at_the_office_and_the_consulate(demo):
    for code in CASE_POSTS:
        seniors = staff_who_may(Perm.CASE_DECISION_APPROVE, code)
        assert {"senior", "senior2"} <= {user.username for user in seniors}, code
    assert User.objects.filter(username="caseworker").exists() and not User.objects.filter(username="casework").exists()


def test_loading_again_adds_nothing(demo):
    from borderdesk.apps.casework.models import Application, CaseEvent
    from borderdesk.apps.travellers.models import Traveller

    before = (Application.objects.count(), CaseEvent.objects.count(), Traveller.objects.count(), User.objects.count())
    load_demo_data()
    after = (Application.objects.count(), CaseEvent.objects.count(), Traveller.objects.count(), User.objects.count())
    assert after == before


# --- citizenship --------------------------------------------------------------------------------------------------


def test_the_demo_naturalisations_and_the_citizen_at_the_booth(demo):
    from borderdesk.apps.casework.models import Application
    from borderdesk.apps.citizenship.models import ResidenceCheck

    cases = {
        a.applicant.surname: a for a in Application.objects.filter(kind="naturalisation").select_related("applicant")
    }
    assert set(cases) == {"OKONKWO-DEMO", "VARMA-DEMO", "MORETTI-DEMO", "NOWAK-DEMO"}

    def latest(surname):
        return ResidenceCheck.objects.filter(application=cases[surname]).order_by("-checked_at", "-pk").first()

    assert latest("OKONKWO-DEMO").eligible and cases["OKONKWO-DEMO"].state == "assessment"
    assert cases["VARMA-DEMO"].state == "refused" and latest("VARMA-DEMO").earliest_eligible_on > date.today()
    assert not latest("MORETTI-DEMO").assessed and latest("MORETTI-DEMO").problems[0]["code"] == "entry_without_exit"
    sworn = cases["NOWAK-DEMO"].ceremony
    assert sworn.oath_on < date.today() and sworn.certificate_number

    officer = _briefed_officer()
    session = services.open_booth(officer, Booth.objects.get(post__code="UCX", code="A01"))
    inspection = services.start_inspection(officer, session, "DP4000004 POL", today=date.today())
    assert inspection.recommendation["citizen"]["certificate"] == sworn.certificate_number
    assert inspection.recommendation["outcome"] == "admit" and "own_national" in inspection.recommendation["reasons"]


def test_the_demo_has_protection_claims_at_its_asylum_unit_one_made_at_the_airport_booth(demo):
    from borderdesk.apps.asylum.models import Claim

    claims = Claim.objects.filter(post__code="UTCIO")
    # The patrol's claimant has a child; #17: a person rescued at sea asked for protection too.
    assert claims.count() == Claim.objects.count() == 6
    assert claims.filter(made_where="booth", made_at_post__code="UCX", inspection__isnull=False).count() == 1
    assert {"claimed", "registered", "admissible"} <= set(claims.values_list("state", flat=True))
    assert claims.exclude(principal=None).get().relationship == "daughter"
    assert all(claim.card_number for claim in claims.filter(state__in=["registered", "admissible"]))


def test_the_demo_officer_reads_the_briefing_before_opening_a_booth(demo):
    """#16: the demo's briefing closes the booths to its officer until acknowledged; the duty manager's message
    waits unread at UCX."""
    from borderdesk.apps.common.errors import Conflict
    from borderdesk.apps.messaging.services import unread

    officer = User.objects.get(username="officer")
    booth = Booth.objects.get(post__code="UCX", code="A01")
    with pytest.raises(Conflict) as caught:
        services.open_booth(officer, booth)
    assert caught.value.code == "briefings_unacknowledged"
    assert services.open_booth(_briefed_officer(), booth).booth == booth
    assert unread(officer)[0] == 1 and unread(User.objects.get(username="senior"))[0] == 1


# --- #16 rosters ---


def test_the_demo_officer_is_on_shift_at_ucx_and_the_roster_keeps_every_rule(demo):
    from datetime import timedelta

    from django.utils import timezone

    from borderdesk.apps.rosters.checks import limits, span_of
    from borderdesk.apps.rosters.models import Shift
    from borderdesk.apps.rosters.services import on_shift
    from borderdesk.core.rosters import check

    ucx = Post.objects.get(code="UCX")
    assert on_shift(User.objects.get(username="officer"), ucx) is not None
    shifts = list(Shift.objects.select_related("post", "officer").filter(cancelled_at__isnull=True))
    assert {s.officer.username for s in shifts} == {"officer", "senior", "senior2"}
    assert check([], [span_of(s) for s in shifts], limits()) == []
    now = timezone.now()
    covered = [s for s in shifts if s.starts_at <= now + timedelta(hours=13) < s.ends_at]
    assert covered, "the other half of the day is covered by a senior officer"


def test_loading_the_demo_again_keeps_the_roster(demo):
    from borderdesk.apps.rosters.models import Shift

    before = Shift.objects.filter(cancelled_at__isnull=True).count()
    load_demo_data()
    assert Shift.objects.filter(cancelled_at__isnull=True).count() == before


# --- #17 patrols ---


def test_the_demo_patrol_sectors_their_units_and_tracks(demo):
    from datetime import timedelta

    from borderdesk.apps.patrols import maps
    from borderdesk.apps.patrols import services as patrols
    from borderdesk.apps.patrols.models import Patrol, Position, Sector

    sectors = {sector.post.code: sector for sector in Sector.objects.select_related("post")}
    assert {code: sector.terrain for code, sector in sectors.items()} == {"UTPSN": "sea", "UTNGT": "land"}
    kinds = {unit.kind for sector in sectors.values() for unit in sector.units.all()}
    assert kinds == {"boat", "partner_vessel", "vehicle", "foot"}
    cutter = sectors["UTPSN"].units.get(kind="partner_vessel")
    assert cutter.partner.name == "Utopia Coast Guard" and cutter.partner.kind == "coast_guard"
    officer = User.objects.get(username="patrol")
    for patrol in Patrol.objects.all():
        page = patrols.patrol_page(officer, patrol.pk)
        assert len(page.track.fixes) >= 2 and page.track.warnings == [], (patrol, page.track.warnings)
    assert Patrol.objects.filter(ended_at__isnull=True).get().unit.call_sign == "UTP-PB-2"
    slip = Position.objects.get(withdrawn_at__isnull=False)
    assert slip.withdrawal_reason and slip.patrol.unit.call_sign == "UTP-RHIB-1"
    yesterday = sectors["UTPSN"].post.local_date() - timedelta(days=1)
    drawn = maps.sector_map(officer, post_code="UTPSN", day=yesterday)
    # the patrol boat out now set out yesterday too when the demo was loaded soon after midnight
    assert {"UTP-RHIB-1", "UCG-ANYDER"} <= {track.patrol.unit.call_sign for track in drawn.tracks}


def test_loading_the_demo_again_adds_no_patrols(demo):
    from borderdesk.apps.partners.models import Partner
    from borderdesk.apps.patrols.models import Patrol, Position, Unit

    before = (Patrol.objects.count(), Position.objects.count(), Unit.objects.count(), Partner.objects.count())
    load_demo_data()
    assert (Patrol.objects.count(), Position.objects.count(), Unit.objects.count(), Partner.objects.count()) == before


# --- #17 incidents --------------------------------------------------------------------------------------------------


def test_the_demo_patrol_logged_a_rescue_a_sighting_and_an_apprehension_of_a_listed_person(demo):
    from borderdesk.apps.incidents import services as incidents
    from borderdesk.apps.incidents.models import Incident, InvolvedPerson

    patrol = User.objects.get(username="patrol")
    assert set(Incident.objects.values_list("kind", flat=True)) == {"rescue", "sighting", "apprehension"}
    rescue = Incident.objects.get(kind="rescue")
    page = incidents.incident_page(patrol, rescue.reference)
    people = {row.person.surname: row.person for row in page.people}
    assert set(people) == {"DIALLO", "NDIAYE", "KEITA"} and all(p.screening_id for p in people.values())
    assert "Pregnant" in people["DIALLO"].health_needs and people["NDIAYE"].document_check["clear"]
    assert people["KEITA"].claim.claimant == people["KEITA"].traveller and people["KEITA"].claim.made_where == "patrol"
    assert page.seized[0].description.startswith("Outboard engine")
    wanted = InvolvedPerson.objects.get(incident__kind="apprehension")
    assert wanted.screening.hits == 1 and wanted.screening.required_action == "arrest"
    assert Incident.objects.get(kind="sighting").people_estimated == 5


def test_the_demo_has_partner_agencies_and_the_skipper_handed_over_to_the_police(demo):
    from borderdesk.apps.partners.models import Alert, Partner, Referral

    police = Partner.objects.get(code="uto-police")
    assert police.account is not None and police.watchlists == ["national"]
    assert set(Partner.objects.values_list("kind", flat=True)) == {"police", "customs", "coast_guard"}
    handover = Referral.objects.get(partner=police, kind="handover")
    assert handover.shared["surname"] and "source" not in handover.shared and handover.source.startswith("incident")
    assert Alert.objects.filter(referral=handover, event="referral.made", state="pending").count() == 1


# --- #19 chip: the citizen's passport chip, genuine and with another face ---


def _chip_files(name: str) -> list[tuple[str, bytes]]:
    from django.conf import settings

    folder = Path(settings.DATA_DIR) / "demo-chips" / name
    return [(path.name, path.read_bytes()) for path in sorted(folder.iterdir())]


def test_the_citizens_chip_is_genuine_and_with_another_face_blocks_admission(demo):
    from borderdesk.apps.common.errors import Conflict

    officer, inspection = _scan("citizen")
    genuine = services.read_chip_at_booth(officer, inspection, _chip_files("morus-genuine"))
    assert genuine.verdict == "genuine", genuine.report["errors"]
    assert genuine.report["steps"]["mrz_matches_print"] is True and genuine.face_content_type == "image/png"
    swapped = services.read_chip_at_booth(officer, inspection, _chip_files("morus-face-swapped"))
    assert [(e["code"], e["dg"]) for e in swapped.report["errors"]] == [("hash_mismatch", "DG2")]
    with pytest.raises(Conflict, match="chip"):
        _admit(officer, inspection)
