"""#19: POST /api/v1/documents/chip: a chip reader's token sends the files it read; each verdict, bad input
(truncated files, bad base64, unknown names, huge bodies), no token, a role that may not, and what is recorded."""

from __future__ import annotations

import base64
import json

import pytest
from django.test import Client

from borderdesk.apps.accounts.tokens import issue_token
from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.travel_documents.chip_reads import opened_face
from borderdesk.apps.travel_documents.models import ChipRead
from borderdesk.apps.travel_documents.trust_store import import_trust_files
from tests.actors import SETUP
from tests.apps.travel_documents.chips import swapped_face, utopia
from tests.core.documents.chip.pki import TD3

URL = "/api/v1/documents/chip"


@pytest.fixture(scope="module")
def world():
    return utopia()


@pytest.fixture
def reader(officer):
    _, secret = issue_token(SETUP, officer, name="TST booth A01 chip reader")
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


@pytest.fixture
def trusted(admin_user, world):
    import_trust_files(admin_user, [("utopia.der", world.trust["csca.der"])])


def encoded(files: dict[str, bytes]) -> dict[str, str]:
    return {name: base64.b64encode(data).decode() for name, data in files.items()}


def send(client, files=None, *, raw=None, **extra):
    body = raw if raw is not None else json.dumps({"files": encoded(files), **extra})
    return client.post(URL, body, content_type="application/json")


def test_a_genuine_chip_answers_the_cli_contract_and_is_recorded(reader, trusted, world):
    printed = TD3[:44] + "\n" + TD3[44:]
    answer = send(reader, world.files, printed_mrz=printed)
    body = answer.json()
    assert answer.status_code == 200, body
    assert body["verdict"] == "genuine" and body["errors"] == []
    assert body["steps"]["mrz_matches_print"] is True and body["steps"]["hashes"] == {"DG1": True, "DG2": True,
                                                                                       "DG15": True}  # fmt: skip
    assert body["chip"]["mrz"] == TD3 and body["document_signer"]["country"] == "UT"
    chip = ChipRead.objects.get(pk=body["chip_read_id"])
    assert chip.verdict == "genuine" and chip.read_by.username == "officer" and chip.post.code == "TST"
    assert opened_face(chip).startswith(b"\x89PNG")
    assert AccessEvent.objects.filter(object_type="travel_documents.chipread", object_id=str(chip.pk)).exists()
    change = AuditEvent.objects.get(action="travel_documents.chip.read")
    assert change.new_values["verdict"] == "genuine" and change.new_values["document"] == "UTO L898902C3"


def test_a_swapped_face_is_not_genuine(reader, trusted, world):
    body = send(reader, swapped_face(world)).json()
    assert body["verdict"] == "not_genuine"
    assert [(e["code"], e["dg"]) for e in body["errors"]] == [("hash_mismatch", "DG2")]


def test_a_chip_of_a_country_not_trusted_is_unverifiable(reader, world):
    body = send(reader, world.files).json()
    assert body["verdict"] == "unverifiable" and [e["code"] for e in body["errors"]] == ["csca_not_found"]


def test_a_printed_mrz_that_differs_is_not_genuine(reader, trusted, world):
    other = TD3.replace("L898902C3", "L898902C4")
    body = send(reader, world.files, printed_mrz=other).json()
    assert body["verdict"] == "not_genuine" and [e["code"] for e in body["errors"]] == ["mrz_mismatch"]


@pytest.mark.parametrize("cut", [1, 10, 200])
def test_truncated_files_are_a_verdict_not_a_crash(reader, trusted, world, cut):
    files = world.files
    truncated = {name: data[: max(len(data) - cut, 0)] for name, data in files.items()}
    answer = send(reader, truncated)
    assert answer.status_code == 200 and answer.json()["verdict"] == "not_genuine"


def test_an_empty_read_and_missing_groups_are_named(reader, trusted, world):
    body = send(reader, {"EF.COM": world.files["EF.COM"]}).json()
    assert [(e["code"], e["dg"]) for e in body["errors"]] == [("sod_unreadable", None), ("dg_missing", "DG1"),
                                                              ("dg_missing", "DG2")]  # fmt: skip


@pytest.mark.parametrize(
    ("files", "code"),
    [
        ({"DG1": "not base64!"}, "chip_file_not_base64"),
        ({"DG99": "AAAA"}, "chip_file_unknown"),
        ({"../etc/passwd": "AAAA"}, "chip_file_unknown"),
        ({"DG1": "A" * 800_000}, "chip_file_too_large"),
        ({}, "no_chip_files"),
        ({"dg1": "AAAA", "DG1.bin": "AAAA"}, "chip_file_twice"),
    ],
)
def test_bad_input_is_refused_with_its_code_and_nothing_is_kept(reader, files, code):
    answer = send(reader, raw=json.dumps({"files": files}))
    assert answer.status_code == 422 and answer["Content-Type"] == "application/problem+json"
    assert answer.json()["code"] == code
    assert not ChipRead.objects.exists()


def test_a_body_over_the_request_limit_is_413(reader, settings):
    answer = send(reader, raw=json.dumps({"files": {"DG2": "A" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)}}))
    assert answer.status_code == 413


def test_no_token_is_401_and_a_role_without_document_checks_is_403(world, auditor):
    assert send(Client(), world.files).status_code == 401
    _, secret = issue_token(SETUP, auditor, name="not a reader")
    refused = send(Client(HTTP_AUTHORIZATION=f"Bearer {secret}"), world.files)
    assert refused.status_code == 403 and not ChipRead.objects.exists()
