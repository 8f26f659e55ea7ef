"""#19: the chip trust store: imports (certificates PEM/DER, master lists with their signature checked, garbage),
the listing, removal, the audit trail, and the verification reading the store as it changes."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.common.errors import Invalid, PermissionDenied
from borderdesk.apps.travel_documents.models import TrustedObject
from borderdesk.apps.travel_documents.trust_store import (
    current_trust_store,
    import_trust_files,
    remove_trusted,
    trust_listing,
)
from borderdesk.core.documents.chip import verify_chip
from tests.apps.travel_documents.chips import master_list_issuer, pem_of, utopia
from tests.core.documents.chip.pki import make_crl


@pytest.fixture(scope="module")
def world():
    return utopia()


def verdict(world) -> str:
    return verify_chip(world.files, current_trust_store()).verdict


def test_a_der_certificate_makes_its_chips_genuine_and_is_audited(admin_user, world):
    assert verdict(world) == "unverifiable"
    outcome = import_trust_files(admin_user, [("utopia-csca.der", world.trust["csca.der"])])
    assert [o.kind for o in outcome.added] == ["csca"] and outcome.already_trusted == 0
    kept = outcome.added[0]
    assert kept.country == "UT" and kept.source == "utopia-csca.der" and kept.imported_by == admin_user
    assert kept.valid_until.year == 2035 and kept.serial == format(world.csca.certificate.serial_number, "x")
    assert verdict(world) == "genuine"
    event = AuditEvent.objects.get(action="travel_documents.trust.import")
    assert event.new_values["added"][0]["subject"] == kept.subject and event.new_values["files"] == ["utopia-csca.der"]


def test_a_pem_bundle_adds_each_certificate_once(admin_user, world):
    other = utopia()
    bundle = pem_of(world.csca.certificate, other.csca.certificate, world.ds.certificate)
    outcome = import_trust_files(admin_user, [("bundle.pem", bundle)])
    assert sorted(o.kind for o in outcome.added) == ["certificate", "csca", "csca"]
    again = import_trust_files(admin_user, [("again.pem", bundle)])
    assert again.added == [] and again.already_trusted == 3
    assert TrustedObject.objects.count() == 3


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "trust_file_empty"),
        (b"not a certificate at all", "trust_object_unreadable"),
        (b"-----BEGIN CERTIFICATE-----\nMIIBIjANBgkq\n", "trust_pem_damaged"),  # no END line
        (b"\x30\x82\xff\xff" + b"\x00" * 20, "trust_object_unreadable"),  # a truncated DER
    ],
)
def test_what_is_no_certificate_is_refused_and_nothing_is_imported(admin_user, world, content, code):
    good = ("good.der", world.trust["csca.der"])
    with pytest.raises(Invalid) as refused:
        import_trust_files(admin_user, [good, ("bad.cer", content)])
    assert refused.value.code == code and "bad.cer" in refused.value.message
    assert TrustedObject.objects.count() == 0


def test_the_second_object_of_a_pem_file_is_named_when_it_is_not_a_certificate(admin_user, world):
    from asn1crypto import pem

    bundle = pem_of(world.csca.certificate) + pem.armor("CERTIFICATE", b"\x30\x03\x02\x01\x01")
    with pytest.raises(Invalid, match="object 2"):
        import_trust_files(admin_user, [("two.pem", bundle)])


def test_a_master_list_needs_its_signer_trusted_and_its_signature_whole(admin_user, world):
    issuer = master_list_issuer()
    with pytest.raises(Invalid) as refused:
        import_trust_files(admin_user, [("icao.ml", issuer.sign(world.csca.certificate))])
    assert refused.value.code == "master_list_unverified"
    import_trust_files(admin_user, [("un-root.der", issuer.root.certificate.dump())])
    with pytest.raises(Invalid) as forged:
        import_trust_files(admin_user, [("forged.ml", issuer.forge(world.csca.certificate))])
    assert forged.value.code == "master_list_unverified"
    assert verdict(world) == "unverifiable"
    outcome = import_trust_files(admin_user, [("icao.ml", issuer.sign(world.csca.certificate))])
    assert [o.country for o in outcome.added] == ["UT"]
    assert outcome.added[0].source.startswith("icao.ml (master list signed by Common Name: Master List Signer")
    assert verdict(world) == "genuine"


def test_a_crl_revokes_and_removing_it_is_audited(admin_user, world):
    import_trust_files(admin_user, [("csca.der", world.trust["csca.der"])])
    crl = import_trust_files(admin_user, [("ut.crl", make_crl(world.csca, [world.ds.certificate.serial_number]))])
    assert crl.added[0].kind == "crl" and verdict(world) == "not_genuine"
    remove_trusted(admin_user, crl.added[0].pk)
    assert verdict(world) == "genuine"
    event = AuditEvent.objects.get(action="travel_documents.trust.remove")
    assert event.old_values["kind"] == "crl" and event.old_values["source"] == "ut.crl"
    with pytest.raises(Exception) as gone:
        remove_trusted(admin_user, crl.added[0].pk)
    assert gone.value.code == "trusted_not_found"


def test_the_listing_says_what_is_trusted_and_what_expires(admin_user, world):
    orphan_link = utopia().ds.certificate  # not a CA: material, not trusted
    import_trust_files(admin_user, [("csca.der", world.trust["csca.der"]), ("ds.pem", pem_of(orphan_link))])
    rows = {row.item.kind: row for row in trust_listing(admin_user)}
    assert rows["csca"].trusted and not rows["csca"].expired
    assert not rows["certificate"].trusted and rows["certificate"].expired  # the DS ran to 2025-04


def test_only_administrators_manage_the_store(officer, world):
    with pytest.raises(PermissionDenied):
        import_trust_files(officer, [("csca.der", world.trust["csca.der"])])
    with pytest.raises(PermissionDenied):
        trust_listing(officer)


def test_the_page_imports_lists_and_removes(client_for, admin_user, world):
    client = client_for(admin_user)
    assert b'data-testid="trust-link"' in client.get("/documents/lost-stolen/").content  # reached from there
    page = client.post("/documents/trust/", {"files": [SimpleUploadedFile("csca.der", world.trust["csca.der"])]})
    assert page.status_code == 200 and b"Added 1" in page.content and b"Yes: anchors chains" in page.content
    bad = client.post("/documents/trust/", {"files": [SimpleUploadedFile("x.pem", b"garbage")]})
    assert (
        bad.status_code == 422 and b"trust_object_unreadable" in bad.content and b"Nothing was imported" in bad.content
    )
    trusted = TrustedObject.objects.get()
    assert client.post(f"/documents/trust/{trusted.pk}/remove").status_code == 302
    assert b"Nothing is trusted yet" in client.get("/documents/trust/").content
