"""Demo travellers for Utopia: sample passports to scan at a booth, each showing one thing the booth does,
and generated travellers with past crossings. All names and numbers are made up here."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from borderdesk.apps.accounts.actors import DEMO
from borderdesk.apps.posts.models import Post
from borderdesk.apps.travellers.models import Traveller
from borderdesk.apps.travellers.services import identify, record_entry, record_exit
from borderdesk.apps.visas.services import record_visa
from borderdesk.core.documents import MrzFields, generate_mrz, parse_mrz
from borderdesk.demo.watchlist import people as listed_people


@dataclass(frozen=True)
class Sample:
    label: str
    fields: MrzFields

    @property
    def mrz(self) -> str:
        return "\n".join(generate_mrz("TD3", self.fields))


def _passport(state, surname, given, number, born, sex, nationality=None) -> MrzFields:
    return MrzFields(
        document_code="P",
        issuing_state=state,
        surname=surname,
        given_names=given,
        document_number=number,
        nationality=nationality or state,
        birth_date=born,
        sex=sex,
        expiry_date=date.today().replace(day=1) + timedelta(days=365 * 6),
    )


def samples() -> list[Sample]:
    listed = next(p for p in listed_people() if len(p["birth_date"]) == 10 and p["action"] == "refuse_entry")
    number, state = listed["document_numbers"].split(";")[0].split(":")
    given, surname = listed["name"].rsplit(" ", 1)
    return [
        Sample(
            "a visa-free visitor (admit with Alt+A, Enter)",
            _passport("THA", "SRISAI", "NARIN", "AA1234567", date(1988, 6, 1), "M"),
        ),
        Sample(
            "a German who needs a visa on arrival (Alt+V)",
            _passport("D", "MUELLER", "JONAS", "C22X81T45", date(1979, 2, 17), "M"),
        ),
        Sample(
            "a Nigerian with an e-visa on record",
            _passport("NGA", "OKAFOR", "CHINEDU", "A07654321", date(1990, 11, 5), "M"),
        ),
        Sample(
            "a person on the national watchlist",
            _passport(
                state, surname.upper(), given.upper(), number, date.fromisoformat(listed["birth_date"]), listed["sex"]
            ),
        ),
        Sample(
            "a Malaysian who overstayed last time",
            _passport("MYS", "BINTI AHMAD", "NUR AISYAH", "A55512345", date(1995, 3, 30), "F"),
        ),
        Sample(
            "a Filipino still in Utopia past the admitted date (scan at an exit booth)",
            _passport("PHL", "REYES", "MARIA LUISA", "P7788990A", date(1984, 8, 12), "F"),
        ),
        Sample(
            "a Utopian citizen coming home", _passport("UTO", "MORUS", "THOMAS", "UT0000042", date(1978, 2, 7), "M")
        ),
    ]


def load_demo_travellers(progress=lambda _: None) -> list[Sample]:
    if Traveller.objects.exists():
        return samples()
    post = Post.objects.get(code="UCX")
    today = date.today()
    found = {s.label: identify(DEMO, parse_mrz(s.mrz, today=today).fields, post_code=post.code) for s in samples()}
    by_label = {label.split(" ")[1]: value for label, value in found.items()}
    nigerian = by_label["Nigerian"]
    record_visa(
        DEMO,
        traveller=nigerian.traveller,
        document=nigerian.document,
        number="EV26000001",
        kind="e_visa",
        valid_from=today - timedelta(days=20),
        valid_until=today + timedelta(days=70),
        entries_allowed=1,
        duration_days=30,
    )
    _trip(by_label["Malaysian"], post, today - timedelta(days=200), admitted_days=30, stayed_days=41)
    _trip(by_label["Filipino"], post, today - timedelta(days=40), admitted_days=30, stayed_days=None)
    generated = _generated_travellers(post, today)
    progress(f"  travellers: {len(found)} sample passports, {generated} generated travellers with past trips")
    return samples()


def _trip(found, post, entered: date, *, admitted_days: int, stayed_days: int | None) -> None:
    record_entry(
        DEMO,
        traveller=found.traveller,
        document=found.document,
        post=post,
        admitted_until=entered + timedelta(days=admitted_days - 1),
        class_of_admission="visitor",
        occurred_at=_at(entered),
    )
    if stayed_days is not None:
        record_exit(
            DEMO,
            traveller=found.traveller,
            document=found.document,
            post=post,
            occurred_at=_at(entered + timedelta(days=stayed_days - 1)),
        )


def _generated_travellers(post, today: date, count: int = 60) -> int:
    rng = random.Random(2026)
    given = "Anan Mei Wei Maria Jose Ahmed Fatima Priya Ravi Sofia Ivan Kenji Linh Ngozi Elif Lukas".split()
    family = "Tan Lim Wong Santos Reyes Silva Khan Patel Ivanova Tanaka Kim Tran Okafor Yilmaz Schmidt".split()
    states = ["THA", "MYS", "SGP", "PHL", "VNM", "BRN"]
    for i in range(count):
        fields = _passport(
            rng.choice(states),
            rng.choice(family).upper(),
            rng.choice(given).upper(),
            f"G{i:07d}X",
            date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 55)),
            rng.choice("FM"),
        )
        zone = "\n".join(generate_mrz("TD3", fields))
        found = identify(DEMO, parse_mrz(zone, today=today).fields, post_code=post.code)
        entered = today - timedelta(days=rng.randrange(400, 1500))
        for _ in range(rng.randint(1, 3)):
            _trip(found, post, entered, admitted_days=30, stayed_days=rng.randint(3, 25))
            entered += timedelta(days=rng.randint(60, 300))
            if entered > today - timedelta(days=30):
                break
    return count


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=UTC)
