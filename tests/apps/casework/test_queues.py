"""The work queues: each queue lists exactly its cases of the officer's post (mine by due date, the team's
unassigned oldest first, deadlines at risk counted in the post's working days, waiting for evidence, awaiting
approval for senior officers), with counts, paging and one access event a page; senior officers assign many at once,
others cannot, and another post's cases never appear."""

from datetime import UTC, date, datetime, timedelta

import pytest

from borderdesk.apps.audit.models import AccessEvent
from borderdesk.apps.casework.models import Application, EvidenceRequest
from borderdesk.apps.casework.services import queues
from borderdesk.apps.casework.services.queues import post_case_officers, queue_counts, work_queue
from borderdesk.apps.common.errors import Invalid, NotFound, PermissionDenied
from tests.apps.casework.conftest import make_traveller

TODAY = date(2026, 4, 29)  # a Wednesday; Friday 1 May is Labour Day in Utopia


def _case(post, number, *, state="lodged", due=None, to=None, lodged=None, surname=None, kind="extension_of_stay"):
    traveller, document = make_traveller(surname=surname or f"PERSON{number:03d}", number=f"Q{post.pk}{number:06d}")
    lodged = lodged or date(2026, 4, 1) + timedelta(days=number % 20)
    return Application.objects.create(
        reference=f"{post.code}-2026-{number:06d}",
        kind=kind,
        post=post,
        state=state,
        applicant=traveller,
        document=document,
        lodged_on=lodged,
        lodged_at=datetime.combine(lodged, datetime.min.time(), tzinfo=UTC) + timedelta(minutes=number),
        decision_due=due,
        assigned_to=to,
    )


def _refs(page) -> list[str]:
    return [row.application.reference for row in page.rows]


@pytest.fixture
def caseworker2(make_user, office):
    return make_user("caseworker2", "caseworker", posts=[office.code])


def test_mine_lists_my_open_cases_at_this_post_nearest_due_first(caseworker, caseworker2, office, embassy):
    late = _case(office, 1, state="assessment", due=date(2026, 5, 20), to=caseworker)
    soon = _case(office, 2, state="lodged", due=date(2026, 5, 4), to=caseworker)
    stopped = _case(office, 3, state="evidence_requested", due=None, to=caseworker)
    notify = _case(office, 4, state="approved", due=date(2026, 4, 1), to=caseworker)  # decided: still to notify
    _case(office, 5, state="closed", due=date(2026, 4, 1), to=caseworker)
    _case(office, 6, state="withdrawn", due=date(2026, 4, 1), to=caseworker)
    _case(office, 7, due=date(2026, 5, 4), to=caseworker2)
    _case(office, 8, due=date(2026, 5, 4))
    _case(embassy, 9, due=date(2026, 5, 4), to=caseworker, kind="short_stay_visa")  # another post's
    page = work_queue(caseworker, post=office, view="mine", today=TODAY)
    assert _refs(page) == [notify.reference, soon.reference, late.reference, stopped.reference]
    assert page.counts["mine"] == 4 and page.rows[0].due.overdue and page.rows[3].due is None


def test_the_team_queue_is_the_unassigned_open_cases_oldest_first(caseworker, office, embassy):
    newer = _case(office, 1, lodged=date(2026, 4, 10))
    older = _case(office, 2, state="assessment", lodged=date(2026, 4, 2))
    _case(office, 3, lodged=date(2026, 4, 1), to=caseworker)
    _case(office, 4, state="closed", lodged=date(2026, 4, 1))
    _case(embassy, 5, lodged=date(2026, 4, 1), kind="short_stay_visa")
    page = work_queue(caseworker, post=office, view="team", today=TODAY)
    assert _refs(page) == [older.reference, newer.reference] and page.counts["team"] == 2


def test_at_risk_counts_working_days_across_a_public_holiday_overdue_first(caseworker, office):
    # Within 3 working days of Wednesday 29 April: Thursday 30, (Friday 1 May: Labour Day), Monday 4, Tuesday 5.
    overdue = _case(office, 1, state="assessment", due=date(2026, 4, 20))
    today = _case(office, 2, due=TODAY)
    last_day = _case(office, 3, state="decision_proposed", due=date(2026, 5, 5))
    _case(office, 4, due=date(2026, 5, 6))  # the fourth working day: not yet at risk
    _case(office, 5, state="evidence_requested", due=None)
    _case(office, 6, state="approved", due=date(2026, 4, 20))  # decided: no deadline at risk
    _case(office, 7, state="closed", due=date(2026, 4, 20))
    page = work_queue(caseworker, post=office, view="at_risk", today=TODAY)
    assert page.at_risk_until == date(2026, 5, 5)
    assert _refs(page) == [overdue.reference, today.reference, last_day.reference]
    assert [row.due.words for row in page.rows] == ["9 days overdue", "due today", "3 working days left"]
    assert [row.due.overdue for row in page.rows] == [True, False, False]
    assert _refs(work_queue(caseworker, post=office, view="at_risk", days="4", today=TODAY))[-1] == "UTO1-2026-000004"
    assert len(work_queue(caseworker, post=office, view="at_risk", days="0", today=TODAY).rows) == 2


def test_at_risk_at_a_consulate_counts_its_countrys_holidays(consul, embassy):
    # Berlin: Friday 1 May and Thursday 14 May (Ascension Day) are German holidays; Utopia has no Ascension Day.
    case = _case(embassy, 1, due=date(2026, 5, 15), kind="short_stay_visa")
    assert _refs(work_queue(consul, post=embassy, view="at_risk", days="9", today=TODAY)) == []
    page = work_queue(consul, post=embassy, view="at_risk", days="10", today=TODAY)
    assert page.at_risk_until == date(2026, 5, 15) and _refs(page) == [case.reference]
    assert page.rows[0].due.words == "10 working days left"


def _owe(case, requested, due, answered=None, by=None):
    """Evidence asked (and perhaps answered), noted on the case as the evidence services note it."""
    request = EvidenceRequest.objects.create(
        application=case, requested_on=requested, due_on=due, answered_on=answered, requested_by=by
    )
    if answered is None:
        Application.objects.filter(pk=case.pk).update(evidence_due=due)
    return request


def test_waiting_lists_evidence_owed_with_its_due_date_overdue_first(caseworker, office):
    later = _case(office, 1, state="evidence_requested", to=caseworker)
    overdue = _case(office, 2, state="evidence_requested")
    answered = _case(office, 3, state="assessment", due=date(2026, 5, 20))
    _owe(later, date(2026, 4, 20), date(2026, 5, 20), by=caseworker)
    _owe(overdue, date(2026, 4, 1), date(2026, 4, 15), by=caseworker)
    _owe(answered, date(2026, 4, 1), date(2026, 4, 15), answered=date(2026, 4, 10), by=caseworker)
    page = work_queue(caseworker, post=office, view="waiting", today=TODAY)
    assert _refs(page) == [overdue.reference, later.reference]
    assert [row.evidence_due for row in page.rows] == [date(2026, 4, 15), date(2026, 5, 20)]
    assert page.rows[0].due.words == "14 days overdue" and page.counts["waiting"] == 2


def test_decisions_awaiting_approval_are_for_senior_officers(caseworker, case_senior, office):
    proposed = _case(office, 1, state="decision_proposed", due=date(2026, 5, 20), to=caseworker)
    _case(office, 2, state="assessment", due=date(2026, 5, 20), to=caseworker)
    page = work_queue(case_senior, post=office, view="approval", today=TODAY)
    assert _refs(page) == [proposed.reference] and "approval" in page.views and page.may_assign
    mine = work_queue(caseworker, post=office, today=TODAY)
    assert mine.view == "mine" and "approval" not in mine.views and not mine.may_assign and mine.officers == []
    with pytest.raises(PermissionDenied) as refused:
        work_queue(caseworker, post=office, view="approval", today=TODAY)
    assert refused.value.code == "not_a_senior_officer"
    assert work_queue(case_senior, post=office, today=TODAY).view == "team"  # a senior has no cases of their own


def test_another_posts_officer_gets_nothing_of_this_post(consul, caseworker, office, embassy):
    _case(office, 1, due=date(2026, 5, 4))
    with pytest.raises(PermissionDenied):
        work_queue(consul, post=office, view="team", today=TODAY)
    assert AccessEvent.objects.filter(purpose="work queue").count() == 0
    for view in ("mine", "team", "at_risk", "waiting"):
        assert work_queue(consul, post=embassy, view=view, today=TODAY).rows == []


def test_bad_queue_page_and_days_are_refused_clearly(caseworker, office):
    for args, code in [
        ({"view": "everything"}, "unknown_queue"),
        ({"page": "0"}, "invalid_page"),
        ({"page": "abc"}, "invalid_page"),
        ({"page": str(queues.MAX_PAGE + 1)}, "invalid_page"),
        ({"days": "-1"}, "invalid_days"),
        ({"days": "99999999999999999999"}, "invalid_days"),
    ]:
        with pytest.raises(Invalid) as exc:
            work_queue(caseworker, post=office, today=TODAY, **args)
        assert exc.value.code == code


def test_pages_of_a_queue_and_one_access_event_each(caseworker, office):
    made = [_case(office, n, lodged=date(2026, 3, 1) + timedelta(days=n)) for n in range(1, 31)]
    first = work_queue(caseworker, post=office, view="team", today=TODAY)
    second = work_queue(caseworker, post=office, view="team", page="2", today=TODAY)
    assert _refs(first) == [c.reference for c in made[:25]] and first.has_more and first.counts["team"] == 30
    assert _refs(second) == [c.reference for c in made[25:]] and not second.has_more
    events = list(AccessEvent.objects.filter(purpose="work queue").order_by("seq"))
    assert len(events) == 2 and all(e.post_code == "UTO1" for e in events)
    assert events[1].detail == "team page 2: applications " + ",".join(str(c.pk) for c in made[25:])


def test_counts_for_the_home_page(caseworker, office):
    _case(office, 1, due=date(2026, 4, 30), to=caseworker)
    _case(office, 2, state="evidence_requested", to=caseworker)
    _owe(Application.objects.get(reference="UTO1-2026-000002"), date(2026, 4, 1), date(2026, 5, 1), by=caseworker)
    counts = queue_counts(caseworker, post=office, today=TODAY)
    assert counts == {"mine": 2, "team": 0, "at_risk": 1, "waiting": 1}
    assert AccessEvent.objects.filter(purpose="work queue").count() == 0  # numbers only


def test_case_officers_of_a_post_are_for_its_senior_officers(case_senior, caseworker, caseworker2, consul, office):
    assert [u.username for u in post_case_officers(case_senior, office)] == ["caseworker", "caseworker2"]
    with pytest.raises(PermissionDenied):
        post_case_officers(caseworker, office)


# --- the page -------------------------------------------------------------------------------------------------


def test_the_queue_page_shows_tabs_counts_and_rows(client_for, caseworker, office):
    today = office.local_date()
    _case(office, 1, state="assessment", due=today - timedelta(days=2), to=caseworker, surname="OVERDUEPERSON")
    _case(office, 2, due=today + timedelta(days=40), surname="UNASSIGNEDPERSON")
    client = client_for(caseworker)
    body = client.get("/casework/").content.decode()
    assert 'data-testid="count-mine">(1)' in body and 'data-testid="count-team">(1)' in body
    assert "OVERDUEPERSON" in body and "UNASSIGNEDPERSON" not in body
    assert 'class="bd-bad" data-testid="due-words">2 days overdue' in body and "In assessment" in body
    assert 'name="application"' not in body and "tab-approval" not in body  # not a senior officer
    team = client.get("/casework/?view=team").content.decode()
    assert "UNASSIGNEDPERSON" in team and "OVERDUEPERSON" not in team
    wrong = client.get("/casework/?view=team&page=x")
    assert wrong.status_code == 422 and "invalid_page" in wrong.content.decode()
    assert client.get("/casework/?view=approval").status_code == 403


def _at(user, post):
    """The user now works at ``post`` (as after choosing it in the post switcher)."""
    type(user).objects.filter(pk=user.pk).update(current_post=post)
    user.refresh_from_db()
    return user


def test_a_senior_officer_assigns_many_at_once_and_releases_them(client_for, case_senior, caseworker, office):
    made = [_case(office, n) for n in range(1, 41)]
    client = client_for(_at(case_senior, office))
    page = client.get("/casework/?view=team").content.decode()
    assert 'data-testid="tab-approval"' in page and f'value="{caseworker.pk}"' in page
    answer = client.post(
        "/casework/assign", {"application": [c.reference for c in made], "to": str(caseworker.pk), "view": "team"}
    )
    assert answer.status_code == 302 and answer["Location"] == "/casework/?view=team"
    assert Application.objects.filter(assigned_to=caseworker).count() == 40
    assert all(a.version == 2 for a in Application.objects.all())
    assert queue_counts(caseworker, post=office, today=TODAY)["mine"] == 40
    client.post("/casework/assign", {"application": [made[0].reference], "to": ""})
    assert Application.objects.get(pk=made[0].pk).assigned_to is None


def test_assigning_is_all_or_nothing_and_keeps_the_choice_after_an_error(
    client_for, case_senior, caseworker, consul, office, embassy
):
    mine = [_case(office, n) for n in (1, 2)]
    theirs = _case(embassy, 3, kind="short_stay_visa")
    client = client_for(_at(case_senior, office))
    refs = [mine[0].reference, theirs.reference]
    answer = client.post("/casework/assign", {"application": refs, "to": str(caseworker.pk)})
    assert answer.status_code == 404 and Application.objects.filter(assigned_to__isnull=False).count() == 0
    # The consul works cases at the embassy, not at this office: refused, and the ticks are kept.
    answer = client.post(
        "/casework/assign", {"application": [m.reference for m in mine], "to": str(consul.pk), "view": "team"}
    )
    body = answer.content.decode()
    assert answer.status_code == 422 and "assignee_not_at_post" in body
    assert body.count("checked") == 2 and Application.objects.filter(assigned_to__isnull=False).count() == 0
    for bad in ("abc", "-1", "9" * 30):
        assert client.post("/casework/assign", {"application": [mine[0].reference], "to": bad}).status_code == 422
    assert client.post("/casework/assign", {"to": str(caseworker.pk)}).status_code == 422  # nothing chosen


def test_a_case_officer_cannot_assign(client_for, caseworker, office):
    case = _case(office, 1)
    answer = client_for(caseworker).post("/casework/assign", {"application": [case.reference], "to": ""})
    assert answer.status_code == 403 and Application.objects.get().assigned_to is None
    with pytest.raises(PermissionDenied):
        queues.assign_from_queue(caseworker, post=office, applications=[case.reference], to=caseworker.pk)


def test_an_officer_of_another_post_cannot_assign_here(client_for, make_user, embassy, office, caseworker):
    senior_abroad = make_user("abroad", "senior_officer", posts=[embassy.code])
    case = _case(office, 1)
    client = client_for(senior_abroad)
    answer = client.post("/casework/assign", {"application": [case.reference], "to": str(caseworker.pk)})
    assert answer.status_code == 404 and "PERSON001" not in answer.content.decode()
    answer = client.post("/casework/assign", {"application": [case.reference], "to": ""})
    assert answer.status_code == 404 and "PERSON001" not in answer.content.decode()
    assert Application.objects.get().assigned_to is None
    with pytest.raises(PermissionDenied):
        queues.assign_from_queue(senior_abroad, post=office, applications=[case.reference], to=caseworker.pk)
    with pytest.raises(NotFound):
        queues.assign_from_queue(senior_abroad, post=embassy, applications=[case.reference], to=None)


def test_the_home_page_shows_the_queues_counts_with_links(client_for, caseworker, case_senior, officer, office):
    today = office.local_date()
    _case(office, 1, due=today, to=caseworker)
    _case(office, 2, state="decision_proposed", due=today + timedelta(days=30), to=caseworker)
    home = client_for(caseworker).get("/").content.decode()
    assert 'data-testid="home-mine">My cases: 2' in home and 'data-testid="home-at-risk">' in home
    assert "at_risk" in home and "home-approval" not in home
    senior_home = client_for(_at(case_senior, office)).get("/").content.decode()
    assert 'data-testid="home-approval">Decisions awaiting your approval: 1' in senior_home
    assert 'data-testid="home-team">Unassigned: 0' in senior_home
    assert "home-casework" not in client_for(officer).get("/").content.decode()  # a port: no cases there


def test_counts_stop_at_the_cap_and_say_so(caseworker, office, monkeypatch):
    monkeypatch.setattr(queues, "COUNT_CAP", 3)
    for n in range(1, 6):
        _case(office, n)
    page = work_queue(caseworker, post=office, view="team", today=TODAY)
    assert page.counts["team"] == 4 and dict((v, c) for v, _, c in page.tabs)["team"] == "3+"
    assert len(page.rows) == 5  # the queue itself is not capped
