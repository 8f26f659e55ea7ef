"""The Utopia national watchlist for the demo: about fifty made-up people of many cultures, written by
code (deterministic: the same file every time) in the agency's own ``csv`` format and imported as the
list ``national``. Every person, number and reason here is invented."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

from django.conf import settings

from borderdesk.apps.accounts.actors import DEMO

LIST_NAME = "national"
FILE_NAME = "utopia-national-watchlist.csv"
COLUMNS = ("id", "name", "aliases", "birth_date", "nationality", "sex", "document_numbers", "reason", "action")

# (nationalities, women's given names, men's given names, surnames, surname spelling variants)
CULTURES = [
    (
        ["UTO"],
        ["Mira", "Alinda", "Oriane"],
        ["Raphael", "Tobias", "Anselm"],
        ["Hythlodaeus", "Amaurot", "Anyder"],
        {"Hythlodaeus": "Hythloday"},
    ),
    (
        ["ESP", "MEX"],
        ["Lucia", "Carmen"],
        ["Javier", "Mateo"],
        ["Garcia Lorenzo", "Fuentes", "Iglesias"],
        {"Iglesias": "Yglesias"},
    ),
    (["NGA"], ["Ngozi", "Adaeze"], ["Chukwuemeka", "Oluwaseun"], ["Okonkwo", "Adeyemi", "Eze"], {"Okonkwo": "Okonko"}),
    (
        ["EGY", "JOR"],
        ["Fatima", "Layla"],
        ["Abdel Rahman", "Youssef"],
        ["El Sayed", "Haddad", "Mansour"],
        {"El Sayed": "Elsayed", "Abdel Rahman": "Abdulrahman"},
    ),
    (
        ["RUS", "UKR"],
        ["Olga", "Tatiana"],
        ["Dmitri", "Sergei"],
        ["Volkov", "Shevchenko", "Kuznetsov"],
        {"Dmitri": "Dmitriy", "Volkov": "Wolkow"},
    ),
    (["CHN"], ["Li Na", "Wang Fang"], ["Zhang Wei", "Chen Jun"], ["Liu", "Huang", "Zhou"], {"Zhou": "Chou"}),
    (["VNM"], ["Nguyen Thi Lan"], ["Tran Van Minh", "Pham Quoc"], ["Nguyen", "Tran", "Le"], {}),
    (["IND", "PAK"], ["Priya", "Ayesha"], ["Rajesh", "Imran"], ["Sharma", "Qureshi", "Iyer"], {"Qureshi": "Kureishi"}),
    (["TUR"], ["Elif", "Zeynep"], ["Mehmet", "Emre"], ["Yilmaz", "Demir", "Kaya"], {"Yilmaz": "Yılmaz"}),
    (
        ["FIN", "SWE"],
        ["Aino", "Ingrid"],
        ["Mikael", "Lars"],
        ["Virtanen", "Lindqvist", "Eriksson"],
        {"Lindqvist": "Lindquist"},
    ),
    (
        ["BRA", "PRT"],
        ["Ana Beatriz", "Joana"],
        ["Joao Pedro", "Thiago"],
        ["Dos Santos", "Ferreira", "Oliveira"],
        {"Joao Pedro": "João Pedro"},
    ),
    (["KOR"], ["Kim Min-ji"], ["Park Ji-hoon"], ["Kim", "Park", "Lee"], {}),
]
REASONS = [
    ("arrest", "Wanted by the Amaurot public prosecutor: fraud"),
    ("arrest", "Absconded from custody pending deportation"),
    ("refuse_entry", "Entry ban after deportation, until 2030"),
    ("refuse_entry", "Used a forged Utopian residence permit"),
    ("refuse_entry", "Threat to public order: organised smuggling of migrants"),
    ("discreet_check", "Suspected courier for a smuggling network: note companions and itinerary"),
    ("discreet_check", "Person of interest to the Utopia customs service"),
    ("inform", "Missing person report by family: inform the reporting officer"),
    ("inform", "Child abduction alert: inform the duty manager at once"),
]


def people(count: int = 50) -> list[dict]:
    rng = random.Random(2026)
    rows, used = [], set()
    for number in range(1, count + 1):
        nationalities, women, men, surnames, variants = CULTURES[(number - 1) % len(CULTURES)]
        for _ in range(8):  # namesakes happen on real lists, but not too often here
            sex = rng.choice("FM")
            given = rng.choice(women if sex == "F" else men)
            surname = rng.choice(surnames)
            if (given, surname) not in used:
                break
        used.add((given, surname))
        if " " in given and surname.split()[0] == given.split()[0]:  # "Nguyen Thi Lan" already has a surname
            name = given
        elif nationalities[0] in {"CHN", "VNM", "KOR"}:
            name = f"{surname} {given}" if " " not in given else given
        else:
            name = f"{given} {surname}"
        aliases = []
        spelled = name
        for original, variant in variants.items():
            spelled = spelled.replace(original, variant)
        if spelled != name:
            aliases.append(spelled)
        parts = name.split()
        if len(parts) == 2 and nationalities[0] not in {"CHN", "VNM", "KOR"} and rng.random() < 0.5:
            aliases.append(f"{parts[-1]} {' '.join(parts[:-1])}")
        year = rng.randint(1952, 2004)
        birth = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if rng.random() < 0.15:
            birth = f"{year}"  # only the year is known
        nationality = rng.choice(nationalities)
        letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
        documents = f"{letters}{rng.randint(1000000, 9999999)}:{nationality}"
        action, reason = REASONS[rng.randrange(len(REASONS))]
        rows.append(
            {
                "id": f"UTO-WL-{number:04d}",
                "name": name,
                "aliases": ";".join(dict.fromkeys(aliases)),
                "birth_date": birth,
                "nationality": nationality,
                "sex": sex,
                "document_numbers": documents,
                "reason": reason,
                "action": action,
            }
        )
    return rows


def watchlist_csv(count: int = 50) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(people(count))
    return buffer.getvalue()


def write_watchlist(folder: Path | None = None) -> Path:
    folder = Path(folder or Path(settings.DATA_DIR) / "demo")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / FILE_NAME
    text = watchlist_csv()
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return target


def load_demo_watchlist(progress=lambda _: None) -> None:
    """Write the file and import it as the list ``national`` (the same file again changes nothing)."""
    from borderdesk.apps.watchlists.services import import_list

    outcome = import_list(DEMO, "csv", write_watchlist(), list_name=LIST_NAME)
    if outcome.changed:
        progress(f"  watchlist {LIST_NAME}: {outcome.version.entry_count} people (version {outcome.version.number})")
