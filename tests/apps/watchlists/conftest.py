import pytest

from borderdesk.apps.watchlists.services import forget_screener, import_list
from tests.actors import SETUP

NATIONAL = """id,name,aliases,birth_date,nationality,sex,document_numbers,reason,action
UTO-1,Sergei Volkov,Sergei Wolkow,1971-03-04,UKR,M,PV9039473:UKR,Absconded from custody,arrest
UTO-2,Lucia Iglesias,Lucia Yglesias,1970,MEX,F,YL4526984:MEX,Person of interest to customs,discreet_check
UTO-3,Ngozi Okonkwo,,1959-01-05,NGA,F,,Missing person report,inform
UTO-4,Sergei Volkov Petrov,,1980,RUS,M,,Entry ban until 2030,refuse_entry
"""


@pytest.fixture(autouse=True)
def screener_in_tmp(settings, tmp_path):
    """Each test keeps built indexes in its own data directory and starts with no screener in memory."""
    settings.DATA_DIR = tmp_path
    forget_screener()
    yield
    forget_screener()


@pytest.fixture
def write(tmp_path):
    def write_file(text: str, name: str = "national.csv"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write_file


@pytest.fixture
def national(db, write):
    return import_list(SETUP, "csv", write(NATIONAL), list_name="national")


@pytest.fixture
def senior(make_user, port):
    return make_user("senior", "senior_officer", posts=[port.code])


@pytest.fixture
def second_senior(make_user, port):
    """Four eyes: the senior officer who confirms another's false-match proposal."""
    return make_user("senior2", "senior_officer", posts=[port.code])
