"""`borderdesk manifest parse --json [--today D] FILE`: exit 0 when read (errors listed), 2 when nothing could be."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from borderdesk.cli import main
from tests.core.manifests.messages import SEGMENTS, VALID, message, replaced


def run(capsys, *args):
    status = main(["manifest", "parse", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def write(tmp_path):
    def write(content: bytes, name="manifest.edi"):
        path = tmp_path / name
        path.write_bytes(content)
        return str(path)

    return write


def test_a_valid_message_exits_0(capsys, write):
    status, out, _ = run(capsys, "--json", "--today", "2026-11-29", write(VALID))
    result = json.loads(out)
    assert status == 0 and result["errors"] == [] and len(result["travellers"]) == 2


def test_a_broken_message_still_exits_0_with_its_errors(capsys, write):
    broken = message(replaced("UNT+28+42", "UNT+5+42"))
    status, out, _ = run(capsys, "--json", write(broken[: broken.index(b"NAD+FL+++ERIKSSON") + 12]))
    result = json.loads(out)
    assert status == 0 and [e["code"] for e in result["errors"]] == ["truncated"]
    assert result["travellers"][0]["surname"] == "O'BRIEN"


def test_today_decides_the_century_of_birth_years(capsys, write):
    path = write(message(replaced("DTM+329:800402", "DTM+329:250402")))
    _, out, _ = run(capsys, "--json", "--today", "2026-11-29", path)
    assert json.loads(out)["travellers"][0]["birth_date"] == "2025-04-02"
    _, out, _ = run(capsys, "--json", "--today", "2024-01-01", path)
    assert json.loads(out)["travellers"][0]["birth_date"] == "1925-04-02"


@pytest.mark.parametrize("content", [b"", b"\x00\xff junk", b"hello world'"])
def test_nothing_readable_exits_2(capsys, write, content):
    status, out, err = run(capsys, "--json", write(content))
    assert status == 2 and json.loads(out)["travellers"] == [] and "Traceback" not in err


def test_a_missing_file_exits_2_without_traceback(capsys):
    status, out, err = run(capsys, "--json", "/nonexistent/manifest.edi")
    assert status == 2 and json.loads(out)["errors"][0]["code"] == "unreadable_input"
    assert "cannot read" in err and "Traceback" not in err


def test_multi_part_message_part_numbers(capsys, write):
    header = "UNH+42+PAXLST:D:05B:UN:IATA"
    parts = []
    for transfer in ("+LH400+01:C", "+LH400+02:C", "+LH400+03:F"):
        _, out, _ = run(
            capsys, "--json", write(message(replaced(header, header + transfer)), f"p{transfer[-4:-2]}.edi")
        )
        parts.append(json.loads(out)["part"])
    assert parts == [{"number": 1, "last": False}, {"number": 2, "last": False}, {"number": 3, "last": True}]


def test_csv_manifest_by_content_or_by_format(capsys, write):
    path = write(b"surname,given_names,birth_date\nERIKSSON,ANNA,1974-08-12\n", "manifest.txt")
    status, out, _ = run(capsys, "--json", path)
    assert status == 0 and json.loads(out)["format"] == "csv"
    status, out, _ = run(capsys, "--json", "--format", "paxlst", path)
    assert status == 2 and json.loads(out)["format"] == "paxlst"


def test_without_json_a_short_account(capsys, write):
    status, out, _ = run(capsys, write(message(SEGMENTS[:-1])))
    assert status == 0 and "LH400 FRA 2026-11-29T10:30 -> UCX" in out
    assert "O'BRIEN, SEAN PATRICK" in out and "error missing_interchange_trailer at 32" in out


def test_a_bad_today_is_a_usage_error(capsys, write):
    with pytest.raises(SystemExit) as raised:
        run(capsys, "--json", "--today", "29/11/2026", write(VALID))
    assert raised.value.code == 2


def test_the_installed_command_reads_stdin_without_django():
    script = (
        "import sys; from borderdesk.cli import main; code = main(['manifest', 'parse', '--json', '-']); "
        "assert 'django' not in sys.modules, 'django was loaded'; sys.exit(code)"
    )
    done = subprocess.run([sys.executable, "-c", script], input=VALID, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["flight"]["carrier_flight"] == "LH400"


def test_the_real_messages_through_the_command(shared_data):
    executable = str(Path(sys.executable).with_name("borderdesk"))
    paths = [path for path in (shared_data / "paxlst-gtas").iterdir() if path.suffix in (".txt", ".edi")]
    paths = [path for path in paths if not path.name.startswith("LICENSE")]
    assert len(paths) == 5
    for path in paths:
        done = subprocess.run(
            [executable, "manifest", "parse", "--json", "--today", "2026-11-29", str(path)],
            capture_output=True,
            timeout=60,
        )
        assert done.returncode == 0 and b"Traceback" not in done.stderr, path
        assert json.loads(done.stdout)["travellers"], path
