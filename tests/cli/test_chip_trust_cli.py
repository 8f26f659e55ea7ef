"""#19: `borderdesk chip trust import FILE...` and `list` (additive to CONTRACTS.md section 7)."""

from __future__ import annotations

import pytest

from borderdesk.apps.audit.models import AuditEvent
from borderdesk.cli import main
from tests.apps.travel_documents.chips import pem_of, utopia

pytestmark = pytest.mark.django_db


def test_import_then_list(capsys, tmp_path):
    world = utopia()
    der, bundle = tmp_path / "utopia.der", tmp_path / "more.pem"
    der.write_bytes(world.trust["csca.der"])
    bundle.write_bytes(pem_of(world.csca.certificate, world.ds.certificate))
    assert main(["chip", "trust", "import", str(der), str(bundle)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "2 added, 1 already in the store"
    event = AuditEvent.objects.get(action="travel_documents.trust.import")
    assert event.actor_username.startswith("system:chip trust import")
    assert main(["chip", "trust", "list"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert sorted((row[0], row[1], row[5]) for row in rows) == [("UT", "certificate", ""), ("UT", "csca", "trusted")]


def test_a_file_that_is_no_certificate_imports_nothing(capsys, tmp_path):
    world = utopia()
    good, bad = tmp_path / "good.der", tmp_path / "bad.pem"
    good.write_bytes(world.trust["csca.der"])
    bad.write_bytes(b"hello")
    assert main(["chip", "trust", "import", str(good), str(bad)]) == 2
    assert "error [trust_object_unreadable]: bad.pem" in capsys.readouterr().err
    assert main(["chip", "trust", "import", str(tmp_path / "missing.der")]) == 2
    assert "unreadable_file" in capsys.readouterr().err
