import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from borderdesk.cli import main

TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n"
TD1 = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<\n"
BROKEN_TD3 = TD3.replace("L898902C36", "L898902C37")
MISREAD_TD1 = TD1.replace("D231458907", "D2314589O7")


def run(capsys, args, stdin_text=None, monkeypatch=None):
    if stdin_text is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin_text.encode("utf-8"))))
    status = main(["mrz", "check", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def zone_file(tmp_path):
    def write(content, name="zone.txt"):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        return str(path)

    return write


def test_valid_zone_json_and_exit_0(capsys, zone_file):
    status, out, _ = run(capsys, ["--json", "--today", "2010-01-01", zone_file(TD3)])
    data = json.loads(out)
    assert status == 0
    assert (data["format"], data["valid"], data["fields"]["given_names"]) == ("TD3", True, "ANNA MARIA")
    assert data["warnings"] == [] and data["errors"] == []


def test_today_drives_the_expiry_warning(capsys, zone_file):
    _, out, _ = run(capsys, ["--json", "--today", "2020-01-01", zone_file(TD3)])
    assert [warning["code"] for warning in json.loads(out)["warnings"]] == ["document_expired"]


def test_invalid_zone_exits_1(capsys, zone_file):
    status, out, _ = run(capsys, ["--json", zone_file(BROKEN_TD3)])
    data = json.loads(out)
    assert status == 1 and data["valid"] is False
    assert data["errors"][0]["code"] == "check_digit_mismatch"
    assert data["errors"][0]["field"] == "document_number"


def test_not_an_mrz_exits_2(capsys, zone_file):
    status, out, _ = run(capsys, ["--json", zone_file("hello world\n")])
    data = json.loads(out)
    assert status == 2 and data["format"] is None and data["errors"][0]["code"] == "wrong_line_count"


def test_missing_file_exits_2_without_traceback(capsys):
    status, out, err = run(capsys, ["--json", "/nonexistent/zone.txt"])
    assert status == 2
    assert json.loads(out)["errors"][0]["code"] == "unreadable_input"
    assert "Traceback" not in err and "cannot read" in err


def test_human_readable_verdict(capsys, zone_file):
    status, out, _ = run(capsys, ["--today", "2010-01-01", zone_file(TD1)])
    assert status == 0
    assert out.splitlines()[0] == "TD1: VALID"
    assert "ERIKSSON, ANNA MARIA" in out
    status, out, _ = run(capsys, [zone_file(BROKEN_TD3)])
    assert status == 1 and "INVALID" in out and "check_digit_mismatch" in out


def test_repair_only_when_asked(capsys, zone_file):
    path = zone_file(MISREAD_TD1)
    status, out, _ = run(capsys, ["--json", "--today", "2010-01-01", path])
    assert status == 1 and json.loads(out)["repairs"] == []
    status, out, _ = run(capsys, ["--json", "--repair", "--today", "2010-01-01", path])
    data = json.loads(out)
    assert status == 0
    assert data["repairs"] == [{"field": "document_number", "line": 0, "column": 13, "from": "O", "to": "0"}]


def test_batch_prints_one_line_per_zone_in_order_and_exits_0(capsys, zone_file):
    content = "\n\n" + TD3 + "\n \n\n" + BROKEN_TD3 + "\nnot a zone\n\n" + TD1
    status, out, _ = run(capsys, ["--batch", "--today", "2010-01-01", zone_file(content)])
    results = [json.loads(line) for line in out.splitlines()]
    assert status == 0
    assert [(result["format"], result["valid"]) for result in results] == [
        ("TD3", True),
        ("TD3", False),
        (None, False),
        ("TD1", True),
    ]


def test_reads_standard_input(capsys, monkeypatch):
    status, out, _ = run(capsys, ["--json", "--today", "2010-01-01"], stdin_text=TD1, monkeypatch=monkeypatch)
    assert status == 0 and json.loads(out)["format"] == "TD1"


def test_reads_a_substituted_text_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(TD1))
    assert main(["mrz", "check", "--today", "2010-01-01"]) == 0
    assert capsys.readouterr().out.startswith("TD1: VALID")


def test_bad_today_is_a_usage_error(capsys, zone_file):
    with pytest.raises(SystemExit) as raised:
        main(["mrz", "check", "--today", "tomorrow", zone_file(TD3)])
    assert raised.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def _borderdesk_executable():
    return str(Path(sys.executable).with_name("borderdesk"))


def test_installed_command_reads_stdin_without_django():
    process = subprocess.run(
        [_borderdesk_executable(), "mrz", "check", "--json", "--today", "2010-01-01"],
        input=TD3.encode(),
        capture_output=True,
        timeout=60,
    )
    assert process.returncode == 0, process.stderr
    assert json.loads(process.stdout)["fields"]["document_number"] == "L898902C3"


def test_installed_command_exits_2_on_binary_junk():
    junk = bytes(range(256)) * 4000
    process = subprocess.run([_borderdesk_executable(), "mrz", "check"], input=junk, capture_output=True, timeout=60)
    assert process.returncode == 2
    assert b"Traceback" not in process.stderr


def test_mrz_read_prints_one_line_per_image_in_order_and_goes_on_past_failures(capsys, tmp_path):
    from borderdesk.core.documents.photo import data_page_photo

    photo = data_page_photo(seed=100, format="TD3", rotation=90)
    good = tmp_path / "page.jpg"
    good.write_bytes(photo.jpeg)
    blank = tmp_path / "blank.png"
    Image.new("L", (400, 300), 220).save(blank)
    status = main(["mrz", "read", "--json", "--today", "2026-11-30", str(blank), str(good), str(tmp_path / "none")])
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert status == 2
    assert [record["image"] for record in records] == [str(blank), str(good), str(tmp_path / "none")]
    assert records[0]["error"]["code"] == "no_mrz_found"
    assert records[1]["lines"] == list(photo.lines) and records[1]["valid"] and records[1]["format"] == "TD3"
    assert records[2]["error"]["code"] == "unreadable_image"
    assert main(["mrz", "read", "--json", "--today", "2026-11-30", str(good)]) == 0
