"""`borderdesk chip verify` (CONTRACTS.md section 7): one JSON object, exit 0 whatever the verdict, 2 only for
usage errors; the installed command starts without Django."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from borderdesk.cli import main
from tests.core.documents.chip.pki import TD3, make_crl, make_dg2, make_world


@pytest.fixture(scope="module")
def world():
    return make_world("bp256", explicit=True)


def write_case(folder: Path, files: dict[str, bytes], trust: dict[str, bytes]) -> tuple[Path, Path]:
    case, trust_dir = folder / "case", folder / "trust" / "UT"
    case.mkdir()
    trust_dir.mkdir(parents=True)
    for name, data in files.items():
        (case / name).write_bytes(data)
    (case / "README.txt").write_text("other names are ignored")
    for name, data in trust.items():
        (trust_dir / name).write_bytes(data)
    return case, trust_dir.parent


def run(capsys, args):
    status = main(["chip", "verify", "--json", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_a_genuine_chip(capsys, tmp_path, world):
    case, trust = write_case(tmp_path, world.files, world.trust)
    printed = tmp_path / "printed.txt"
    printed.write_text(TD3[:44] + "\r\n" + TD3[44:] + "\r\n")
    status, out, _ = run(capsys, ["--trust", str(trust), "--printed-mrz", str(printed), "--today", "2026-11-29",
                                  str(case)])  # fmt: skip
    result = json.loads(out)
    assert status == 0 and out.count("\n") == 1
    assert result["verdict"] == "genuine" and result["errors"] == []
    assert result["steps"]["mrz_matches_print"] is True and result["steps"]["hashes"]["DG15"] is True
    assert result["document_signer"]["country"] == "UT"


def test_a_swapped_face_and_a_revoked_ds_exit_0_with_their_codes(capsys, tmp_path, world):
    files = world.files | {"DG2": make_dg2(b"\xff\xd8\xff" + b"someone else")}
    trust = world.trust | {"ut.crl": make_crl(world.csca, [world.ds.certificate.serial_number])}
    case, trust_dir = write_case(tmp_path, files, trust)
    status, out, _ = run(capsys, ["--trust", str(trust_dir), str(case)])
    result = json.loads(out)
    assert status == 0 and result["verdict"] == "not_genuine"
    assert [(error["code"], error["dg"]) for error in result["errors"]] == [("hash_mismatch", "DG2"),
                                                                           ("ds_revoked", None)]  # fmt: skip


def test_an_empty_case_folder_is_a_verdict_not_a_crash(capsys, tmp_path):
    case, trust = write_case(tmp_path, {}, {"junk.pem": b"-----BEGIN CERTIFICATE-----\n!!\n"})
    status, out, _ = run(capsys, ["--trust", str(trust), str(case)])
    assert status == 0
    assert [error["code"] for error in json.loads(out)["errors"]] == ["sod_unreadable", "dg_missing", "dg_missing"]


def test_usage_errors_exit_non_zero(capsys, tmp_path):
    case, trust = write_case(tmp_path, {}, {})
    assert run(capsys, ["--trust", str(tmp_path / "none"), str(case)])[0] == 2
    assert run(capsys, ["--trust", str(trust), str(tmp_path / "none")])[0] == 2
    status, out, err = run(capsys, ["--trust", str(trust), "--printed-mrz", str(tmp_path / "none"), str(case)])
    assert status == 2 and out == "" and "cannot read" in err
    with pytest.raises(SystemExit) as raised:
        main(["chip", "verify", "--json", str(case)])
    assert raised.value.code == 2


def test_installed_command_runs_without_django(tmp_path, world):
    case, trust = write_case(tmp_path, world.files, world.trust)
    probe = (
        "import sys; sys.argv = ['borderdesk', 'chip', 'verify', '--json', '--trust', sys.argv[1], sys.argv[2]];"
        "from borderdesk.cli import main; status = main(); assert 'django' not in sys.modules, 'django loaded';"
        "sys.exit(status)"
    )
    process = subprocess.run([sys.executable, "-c", probe, str(trust), str(case)], capture_output=True, timeout=60)
    assert process.returncode == 0, process.stderr
    assert json.loads(process.stdout)["verdict"] == "genuine"
    executable = str(Path(sys.executable).with_name("borderdesk"))
    process = subprocess.run([executable, "chip", "verify", "--json", "--trust", str(trust), str(case)],
                             capture_output=True, timeout=60)  # fmt: skip
    assert process.returncode == 0 and json.loads(process.stdout)["verdict"] == "genuine"
