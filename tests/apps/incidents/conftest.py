"""The world of the incidents tests: a sea sector (a patrol-sector post) with a boat out on patrol, a land crossing's
sector, the asylum unit, the police as a partner agency, patrol officers of each sector, and a watchlist naming one
person to arrest."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from borderdesk.apps.incidents import services
from borderdesk.apps.partners.models import Partner
from borderdesk.apps.patrols.models import Patrol, Sector, Unit
from borderdesk.apps.posts.services import create_post
from borderdesk.apps.watchlists.services import forget_screener, import_list
from tests.actors import SETUP

WANTED = """id,name,aliases,birth_date,nationality,sex,document_numbers,reason,action
UTO-1,Sergei Volkov,Sergei Wolkow,1971-03-04,UKR,M,PV9039473:UKR,Absconded from custody,arrest
"""


@pytest.fixture(autouse=True)
def screener_in_tmp(settings, tmp_path):
    """Each test keeps built indexes in its own data directory and starts with no screener in memory."""
    settings.DATA_DIR = tmp_path
    forget_screener()
    yield
    forget_screener()


@pytest.fixture
def watchlist(db, tmp_path):
    path = tmp_path / "national.csv"
    path.write_text(WANTED, encoding="utf-8")
    return import_list(SETUP, "csv", path, list_name="national")


def sector_at(post, terrain="sea") -> Sector:
    """A post's sector, made as the patrols app would (one per post)."""
    return Sector.objects.get_or_create(post=post, defaults={"terrain": terrain})[0]


@pytest.fixture
def sea(db):
    post = create_post(
        SETUP, code="UTPSN", name="North coast", kind="patrol_sector", country="UTO", time_zone="Europe/Lisbon"
    )
    return sector_at(post)


@pytest.fixture
def land(db):
    post = create_post(
        SETUP, code="UTNGT", name="Northgate", kind="land_crossing", country="UTO", time_zone="Europe/Lisbon"
    )
    return sector_at(post, "land")


@pytest.fixture
def unit(db):
    return create_post(
        SETUP, code="UTAS", name="Asylum unit Amaurot", kind="inland_office", country="UTO", time_zone="Europe/Lisbon"
    )


@pytest.fixture
def patrol_officer(make_user, sea):
    return make_user("patrol", "patrol_officer", posts=[sea.post.code])


@pytest.fixture
def land_officer(make_user, land):
    return make_user("landpatrol", "patrol_officer", posts=[land.post.code])


@pytest.fixture
def boat_patrol(sea, patrol_officer):
    """A boat out since two hours ago, not yet back."""
    boat = Unit.objects.create(sector=sea, kind="boat", call_sign="SEAHAWK 2", name="Rigid inflatable")
    return Patrol.objects.create(
        sector=sea, unit=boat, started_at=timezone.now() - timedelta(hours=2), logged_by=patrol_officer
    )


@pytest.fixture
def police(db):
    return Partner.objects.create(code="police", name="National Police", kind="police")


def form(post, minutes_ago=30, **fields) -> services.IncidentForm:
    """An incident's form as typed at ``post``: a rescue ``minutes_ago`` on the post's clock, off the coast."""
    when = timezone.localtime(timezone.now() - timedelta(minutes=minutes_ago), ZoneInfo(post.time_zone))
    typed = {
        "kind": "rescue",
        "day": when.strftime("%Y-%m-%d"),
        "time": when.strftime("%H:%M"),
        "latitude": "41.2301",
        "longitude": "-8.7502",
        "place": "2 nm off Leixões",
        "circumstances": "Inflatable boat taking water, three people aboard.",
        **fields,
    }
    return services.IncidentForm(**typed)


def person(**fields) -> services.PersonForm:
    typed = {"surname": "AHMADI", "given_names": "FARID", "birth_date": "1990-04-01", "nationality": "AFG", "sex": "M"}
    return services.PersonForm(**{**typed, **fields})
