"""A confirmed watchlist hit whose action is to inform or to arrest alerts the list's owner, once per match: from
the booth's scan through the senior officer's verdict to the signed webhook the owner receives."""

import json
import time
from datetime import date

import pytest

from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.inspection.services import start_inspection
from borderdesk.apps.partners.models import Alert, Partner
from borderdesk.apps.partners.services import deliver_due, management
from borderdesk.apps.watchlists.codec import query_from_dict
from borderdesk.apps.watchlists.services import adjudicate, forget_screener, import_list, screen_person
from borderdesk.core.partners import verify
from tests.actors import SETUP
from tests.apps.inspection.conftest import TODAY, passport
from tests.rosters import open_booth_on_shift

LIST = """id,name,aliases,birth_date,nationality,sex,document_numbers,reason,action
UTO-1,Sergei Volkov,,1971-03-04,UKR,M,PV9039473:UKR,Absconded from custody,arrest
UTO-2,Lucia Iglesias,,1970-05-06,MEX,F,,Person of interest to customs,discreet_check
UTO-3,Ngozi Okonkwo,,1959-01-05,NGA,F,,Missing person report,inform
"""


@pytest.fixture
def national(db, keys_dir):
    forget_screener()
    path = keys_dir / "national.csv"
    path.write_text(LIST, encoding="utf-8")
    import_list(SETUP, "csv", path, list_name="national")
    yield
    forget_screener()


@pytest.fixture
def owner(national, receiver):
    partner = Partner.objects.create(
        code="sirene", name="SIRENE bureau", kind="list_owner", webhook_url=receiver.url, watchlists=["national"]
    )
    secret = management.set_webhook_secret(SETUP, partner)
    partner.refresh_from_db()
    return partner, secret


@pytest.fixture
def senior(make_user, port):
    return make_user("senior", "senior_officer", posts=[port.code])


def match_of(outcome, entry_id) -> int:
    return next(m["match_id"] for m in outcome.matches if m["entry_id"] == entry_id)


def screened(actor, name, birth_date, entry_id, post="TST"):
    query = query_from_dict({"name": name, "birth_date": birth_date})
    return match_of(screen_person(actor, query, post_code=post, purpose="test"), entry_id)


def test_a_hit_at_the_booth_confirmed_by_the_senior_reaches_the_list_owner_signed(
    officer, senior, port, owner, receiver
):
    partner, secret = owner
    session = open_booth_on_shift(officer, port.booths.get(code="A01"))
    scan = passport(surname="VOLKOV", given="SERGEI", number="PV9039473", nationality="UKR", born=date(1971, 3, 4))
    inspection = start_inspection(officer, session, scan, today=TODAY)
    match_id = next(m["match_id"] for m in inspection.screening["matches"] if m["entry_id"] == "UTO-1")
    assert not Alert.objects.exists()  # a match is not a hit until an officer confirms it

    adjudicate(senior, match_id, verdict="confirmed", reason="Photo and birth date agree")

    alert = Alert.objects.get()
    assert (alert.partner, alert.event, alert.idempotency_key) == (
        partner,
        "watchlist.hit",
        f"watchlist.hit:{match_id}:{partner.pk}",
    )
    data = alert.payload
    assert {k: data[k] for k in ("list", "entry_id", "post", "action", "verdict")} == {
        "list": "national",
        "entry_id": "UTO-1",
        "post": "TST",
        "action": "arrest",
        "verdict": "confirmed",
    }
    assert data["verdict_reason"] == "Photo and birth date agree" and data["confirmed_at"]
    assert data["person"] == {"name": "SERGEI VOLKOV", "birth_date": "1971-03-04", "document_number": "PV9039473"}
    assert set(data) == {
        "list",
        "entry_id",
        "post",
        "screened_at",
        "confirmed_at",
        "action",
        "verdict",
        "verdict_reason",
        "person",
    }
    assert AuditEvent.objects.filter(action="partners.alert.queue", post_code="TST").count() == 1

    assert deliver_due(SETUP).delivered == 1
    [got] = receiver.received
    verify(
        secret.encode(),
        got.headers["X-Borderdesk-Timestamp"],
        got.body,
        got.headers["X-Borderdesk-Signature"],
        time.time(),
    )
    assert json.loads(got.body)["data"]["entry_id"] == "UTO-1"
    assert got.headers["X-Borderdesk-Event"] == "watchlist.hit"


def test_once_per_match_however_often_it_is_confirmed(senior, owner):
    match_id = screened(senior, "Ngozi Okonkwo", "1959-01-05", "UTO-3")
    adjudicate(senior, match_id, verdict="confirmed", reason="seen")
    adjudicate(senior, match_id, verdict="confirmed", reason="seen again")
    assert Alert.objects.get().payload["action"] == "inform"
    other = screened(senior, "Ngozi Okonkwo", "1959-01-05", "UTO-3")  # met again later: a new match, a new alert
    adjudicate(senior, other, verdict="confirmed", reason="seen")
    assert Alert.objects.count() == 2


def test_other_actions_false_matches_and_lists_nobody_owns_alert_nobody(senior, owner, make_user):
    adjudicate(senior, screened(senior, "Lucia Iglesias", "1970-05-06", "UTO-2"), verdict="confirmed", reason="x")
    adjudicate(senior, screened(senior, "Sergei Volkov", "1971-03-04", "UTO-1"), verdict="false_match", reason="x")
    assert not Alert.objects.exists()
    partner, _ = owner
    partner.watchlists = ["un"]
    partner.save()
    adjudicate(senior, screened(senior, "Sergei Volkov", "1971-03-04", "UTO-1"), verdict="confirmed", reason="x")
    partner.watchlists, partner.is_active = ["national"], False
    partner.save()
    adjudicate(senior, screened(senior, "Sergei Volkov", "1971-03-04", "UTO-1"), verdict="confirmed", reason="x")
    assert not Alert.objects.exists()


def test_every_owner_of_the_list_is_alerted(senior, owner):
    Partner.objects.create(code="police", name="Police", kind="police", watchlists=["national", "un"])
    adjudicate(senior, screened(senior, "Sergei Volkov", "1971-03-04", "UTO-1"), verdict="confirmed", reason="x")
    assert sorted(Alert.objects.values_list("partner__code", flat=True)) == ["police", "sirene"]


def test_a_verdict_refused_at_another_post_alerts_nobody(senior, owner, make_user, other_port):
    elsewhere = make_user("elsewhere", "senior_officer", posts=[other_port.code])
    match_id = screened(senior, "Sergei Volkov", "1971-03-04", "UTO-1")
    from borderdesk.apps.common.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        adjudicate(elsewhere, match_id, verdict="confirmed", reason="x")
    assert not Alert.objects.exists()
