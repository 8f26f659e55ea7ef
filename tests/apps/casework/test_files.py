"""A case's supporting files: stored as what they are (told from the content, not the name or the browser's word),
refused when they are anything else or too large, sealed at rest (AES-256-GCM) and opened only for those who may
read the case, each download logged; a damaged file is said to be damaged, never shown; keys rotate; the case's
page shows which documents are there and which missing; the API takes files too."""

from __future__ import annotations

import base64
import io
import os
import stat
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from reportlab.pdfgen import canvas

from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.casework.models import CaseEvent, SupportingFile
from borderdesk.apps.casework.services import files
from borderdesk.apps.casework.services.cases import act
from borderdesk.apps.casework.services.lodging import lodge
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound, PermissionDenied
from borderdesk.core.audit.actions import AuditAction
from borderdesk.core.casework.uploads import MAGIC, new_key
from tests.apps.casework.conftest import TOURIST, make_traveller


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.BORDERDESK_FILE_KEYS = ""
    return tmp_path


def png(size=(40, 30), colour=(200, 10, 10)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 200, 10)).save(out, "JPEG")
    return out.getvalue()


def pdf(text="Bank statement of OKAFOR") -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(100, 700, text)
    page.showPage()
    page.save()
    return out.getvalue()


def zipped() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.html", "<script>alert(1)</script>")
    return out.getvalue()


def key_text(**keys: bytes) -> str:
    return ",".join(f"{key_id}:{base64.b64encode(key).decode()}" for key_id, key in keys.items())


def stored_files(data_dir) -> list:
    folder = data_dir / files.FILES_DIR
    return sorted(folder.iterdir()) if folder.exists() else []


def send(client, reference, content: bytes, name: str, content_type: str, document_code="photograph"):
    return client.post(
        f"/casework/{reference}/files",
        {"document_code": document_code, "file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


# --- What a file is ------------------------------------------------------------------------------------------------


def test_a_png_named_pdf_and_a_pdf_sent_as_png_are_stored_as_what_they_are(client_for, consul, visa_case):
    client = client_for(consul)
    answer = send(client, visa_case.reference, png(), "photo.pdf", "application/pdf")
    assert answer.status_code == 302
    answer = send(
        client, visa_case.reference, pdf(), "statement.png", "image/png", document_code="means_of_subsistence"
    )
    assert answer.status_code == 302
    photo, statement = SupportingFile.objects.order_by("pk")
    assert (photo.content_type, photo.filename, photo.document_code) == ("image/png", "photo.png", "photograph")
    assert (statement.content_type, statement.filename) == ("application/pdf", "statement.pdf")
    assert photo.size == len(png()) and photo.uploaded_by == consul


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200, "a Windows program"),
        (b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>", "a web page"),
        (zipped(), "a ZIP archive"),
        (png() + zipped(), "a PNG with a ZIP glued on"),
        (jpeg() + b"<html><script>alert(1)</script></html>", "a JPEG with a page glued on"),
        (pdf() + zipped(), "a PDF with a ZIP glued on"),
        (b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n", "a page that starts like a PDF"),
        (png()[:60], "a PNG cut short"),
        (b"\x89PNG\r\n\x1a\n" + b"<html>" * 20, "a PNG signature on a page"),
    ],
)
def test_anything_else_named_pdf_is_refused_and_nothing_is_stored(
    client_for, consul, visa_case, data_dir, content, why
):
    answer = send(client_for(consul), visa_case.reference, content, "passport.pdf", "application/pdf")
    assert answer.status_code == 422, why
    assert "file_type_not_allowed" in answer.content.decode(), why
    assert not SupportingFile.objects.exists() and stored_files(data_dir) == []
    assert not CaseEvent.objects.filter(kind="document").exists()


def test_a_pdf_with_a_script_is_refused(consul, visa_case):
    scripted = pdf().replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /J#61vaScript /JS (app.alert(1)) >>")
    with pytest.raises(Invalid) as exc:
        files.upload(consul, visa_case.reference, document_code="photograph", content=scripted, filename="x.pdf")
    assert exc.value.code == "pdf_active_content"


def test_a_file_too_large_is_refused_and_nothing_is_stored(client_for, consul, visa_case, settings, data_dir):
    settings.BORDERDESK_CASEWORK_FILE_MAX_MB = 0.01  # 10,485 bytes
    noisy = io.BytesIO()
    Image.frombytes("RGB", (120, 120), os.urandom(120 * 120 * 3)).save(noisy, "PNG")
    assert len(noisy.getvalue()) > 10_485 > len(png())
    answer = send(client_for(consul), visa_case.reference, noisy.getvalue(), "photo.png", "image/png")
    assert answer.status_code == 422 and "file_too_large" in answer.content.decode()
    assert "0.01 MB" in answer.content.decode()
    assert not SupportingFile.objects.exists() and stored_files(data_dir) == []


def test_at_the_default_limit_a_larger_file_reaches_the_clear_refusal(client_for, consul, visa_case, data_dir):
    """10 MB by default: the request limits let an 11 MB form through, so the officer reads file_too_large."""
    content = b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024)
    answer = send(client_for(consul), visa_case.reference, content, "scan.pdf", "application/pdf")
    assert answer.status_code == 422 and "file_too_large" in answer.content.decode()
    assert not SupportingFile.objects.exists() and stored_files(data_dir) == []


def test_the_document_must_be_one_of_the_kinds_and_the_case_open(consul, visa_case):
    with pytest.raises(Invalid) as exc:
        files.upload(consul, visa_case.reference, document_code="diploma", content=png(), filename="a.png")
    assert exc.value.code == "unknown_document" and "photograph" in exc.value.message
    with pytest.raises(Invalid) as exc:
        files.upload(consul, visa_case.reference, document_code="photograph", content=None)
    assert exc.value.code == "file_required"
    act(consul, visa_case.reference, "withdraw")
    with pytest.raises(Conflict) as closed:
        files.upload(consul, visa_case.reference, document_code="photograph", content=png(), filename="a.png")
    assert closed.value.code == "case_closed" and not SupportingFile.objects.exists()


def test_the_same_file_sent_twice_is_stored_once(client_for, consul, visa_case, data_dir):
    client = client_for(consul)
    assert send(client, visa_case.reference, png(), "photo.png", "image/png").status_code == 302
    again = send(client, visa_case.reference, png(), "photo.png", "image/png")
    assert again.status_code == 409 and "file_already_uploaded" in again.content.decode()
    assert SupportingFile.objects.count() == 1 and len(stored_files(data_dir)) == 1


def test_a_bad_input_keeps_what_was_chosen(client_for, consul, visa_case):
    answer = send(client_for(consul), visa_case.reference, b"not a picture", "photo.png", "image/png")
    body = answer.content.decode()
    assert answer.status_code == 422 and 'value="photograph" selected' in body and "OKAFOR" in body


# --- Uploading: the record, the timeline, the audit trail, no orphans ----------------------------------------------


def test_an_upload_is_on_the_timeline_and_in_the_audit_trail(consul, visa_case):
    stored = files.upload(consul, visa_case.reference, document_code="photograph", content=jpeg(), filename="me.jpg")
    event = CaseEvent.objects.get(application=visa_case, kind="document")
    assert event.actor == consul and "me.jpg" in event.text and event.details["file"] == stored.pk
    audit = AuditEvent.objects.get(action=AuditAction.CASEWORK_FILE_UPLOAD)
    assert audit.post_code == "UTB" and audit.actor_username == "consul"
    assert audit.new_values["sha256"] == stored.sha256 and audit.new_values["content_type"] == "image/jpeg"


def test_a_failed_upload_leaves_no_row_and_no_file(consul, visa_case, data_dir, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the audit trail is down")

    monkeypatch.setattr(files, "record_change", broken)
    with pytest.raises(RuntimeError):
        files.upload(consul, visa_case.reference, document_code="photograph", content=png(), filename="a.png")
    assert not SupportingFile.objects.exists() and stored_files(data_dir) == []
    assert not CaseEvent.objects.filter(kind="document").exists()


def test_another_posts_officer_cannot_upload(client_for, caseworker, visa_case, data_dir):
    answer = send(client_for(caseworker), visa_case.reference, png(), "photo.png", "image/png")
    assert answer.status_code == 403 and "OKAFOR" not in answer.content.decode()
    assert not SupportingFile.objects.exists() and stored_files(data_dir) == []


# --- At rest -------------------------------------------------------------------------------------------------------


def test_the_file_on_disk_is_sealed_and_the_key_kept_private(consul, visa_case, data_dir):
    content = pdf("OKAFOR CHINEDU account 12345678")
    stored = files.upload(
        consul, visa_case.reference, document_code="means_of_subsistence", content=content, filename="bank.pdf"
    )
    on_disk = (data_dir / files.FILES_DIR / stored.stored_as).read_bytes()
    assert on_disk.startswith(MAGIC) and content not in on_disk and b"%PDF" not in on_disk and b"OKAFOR" not in on_disk
    assert len(stored.stored_as) == 48 and "bank" not in stored.stored_as and stored.key_id == "local"
    key_file = data_dir / files.LOCAL_KEY_FILE
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE((data_dir / files.FILES_DIR / stored.stored_as).stat().st_mode) == 0o600
    assert files.download(consul, visa_case.reference, stored.pk).content == content


# --- Downloading ---------------------------------------------------------------------------------------------------


def test_a_download_gives_the_bytes_as_an_attachment_and_is_logged(client_for, consul, visa_case):
    content = jpeg()
    stored = files.upload(
        consul, visa_case.reference, document_code="photograph", content=content, filename='me "1"\r\n.jpg'
    )
    answer = client_for(consul).get(f"/casework/{visa_case.reference}/files/{stored.pk}")
    assert answer.status_code == 200 and answer.content == content
    assert answer["Content-Type"] == "image/jpeg" and answer["X-Content-Type-Options"] == "nosniff"
    assert answer["Content-Disposition"].startswith("attachment;") and "\n" not in answer["Content-Disposition"]
    access = AccessEvent.objects.filter(purpose="supporting document").get()
    assert access.actor_username == "consul" and access.detail == stored.filename and access.post_code == "UTB"


def test_another_posts_officer_cannot_download_and_is_on_record_as_refused(client_for, consul, caseworker, visa_case):
    stored = files.upload(consul, visa_case.reference, document_code="photograph", content=png(), filename="a.png")
    answer = client_for(caseworker).get(f"/casework/{visa_case.reference}/files/{stored.pk}")
    assert answer.status_code == 403 and answer.content != png() and "a.png" not in answer.content.decode()
    assert not AccessEvent.objects.filter(actor_username="caseworker").exists()
    denial = AuditEvent.objects.filter(action="access.denied", actor_username="caseworker").get()
    assert denial.post_code == "UTB"
    with pytest.raises(PermissionDenied):
        files.download(caseworker, visa_case.reference, stored.pk)


def test_a_file_is_found_only_under_its_own_case(consul, caseworker, office, visa_case):
    """An officer of the office names their own case and the consulate's file id: the file's own post decides."""
    traveller, document = make_traveller(surname="MENSAH", number="G1234567", nationality="GHA")
    theirs = lodge(
        consul, post=visa_case.post, kind="short_stay_visa", traveller=traveller, document=document, answers=TOURIST
    )
    stored = files.upload(consul, visa_case.reference, document_code="photograph", content=png(), filename="a.png")
    with pytest.raises(NotFound) as exc:
        files.download(consul, theirs.reference, stored.pk)
    assert exc.value.code == "file_not_found"
    with pytest.raises(NotFound):
        files.download(consul, visa_case.reference, stored.pk + 1000)
    with pytest.raises(PermissionDenied):
        files.download(caseworker, "UTO1-2026-000001", stored.pk)
    assert not AccessEvent.objects.filter(purpose="supporting document").exists()


def test_a_tampered_file_answers_file_damaged_never_garbage(client_for, consul, visa_case, data_dir):
    stored = files.upload(consul, visa_case.reference, document_code="photograph", content=png(), filename="a.png")
    path = data_dir / files.FILES_DIR / stored.stored_as
    sealed = bytearray(path.read_bytes())
    sealed[len(sealed) // 2] ^= 0x01
    path.write_bytes(bytes(sealed))
    answer = client_for(consul).get(f"/casework/{visa_case.reference}/files/{stored.pk}")
    assert answer.status_code == 409 and "file_damaged" in answer.content.decode()
    assert answer["Content-Type"].startswith("text/html")
    path.unlink()
    with pytest.raises(Conflict) as missing:
        files.download(consul, visa_case.reference, stored.pk)
    assert missing.value.code == "file_damaged"


def test_a_sealed_file_moved_onto_another_name_does_not_open(consul, visa_case, data_dir):
    first = files.upload(consul, visa_case.reference, document_code="photograph", content=png(), filename="a.png")
    second = files.upload(consul, visa_case.reference, document_code="accommodation", content=pdf(), filename="b.pdf")
    folder = data_dir / files.FILES_DIR
    (folder / second.stored_as).write_bytes((folder / first.stored_as).read_bytes())
    with pytest.raises(Conflict) as exc:
        files.download(consul, visa_case.reference, second.pk)
    assert exc.value.code == "file_damaged"


# --- Keys ----------------------------------------------------------------------------------------------------------


def test_keys_rotate_and_an_old_key_still_opens_what_it_sealed(consul, visa_case, settings):
    old, new, statement = new_key(), new_key(), pdf()
    settings.BORDERDESK_FILE_KEYS = key_text(old=old)
    before = files.upload(consul, visa_case.reference, document_code="photograph", content=png(), filename="a.png")
    assert before.key_id == "old"
    settings.BORDERDESK_FILE_KEYS = key_text(new=new, old=old)
    after = files.upload(
        consul, visa_case.reference, document_code="accommodation", content=statement, filename="b.pdf"
    )
    assert after.key_id == "new"
    assert files.download(consul, visa_case.reference, before.pk).content == png()
    assert files.download(consul, visa_case.reference, after.pk).content == statement
    settings.BORDERDESK_FILE_KEYS = key_text(new=new)
    with pytest.raises(Conflict) as exc:
        files.download(consul, visa_case.reference, before.pk)
    assert exc.value.code == "file_key_missing" and "old" in exc.value.message


def test_the_local_key_still_opens_its_files_once_keys_are_configured(consul, visa_case, settings):
    local = files.upload(consul, visa_case.reference, document_code="photograph", content=png(), filename="a.png")
    settings.BORDERDESK_FILE_KEYS = key_text(k2026=new_key())
    assert files.download(consul, visa_case.reference, local.pk).content == png()


def test_a_wrong_key_setting_is_a_clear_configuration_error(consul, visa_case, settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.BORDERDESK_FILE_KEYS = "k1:" + base64.b64encode(b"short").decode()
    with pytest.raises(ImproperlyConfigured) as exc:
        files.upload(consul, visa_case.reference, document_code="photograph", content=png(), filename="a.png")
    assert "32 bytes" in str(exc.value) and not SupportingFile.objects.exists()


# --- The case's page -----------------------------------------------------------------------------------------------


def test_the_page_shows_which_documents_are_there_and_which_missing(client_for, consul, visa_case):
    client = client_for(consul)
    body = client.get(f"/casework/{visa_case.reference}/").content.decode()
    assert 'data-document="photograph" data-present="no"' in body and "5 of 5 documents missing" in body
    assert 'data-document="sponsor_letter"' not in body  # asked only of a family visit
    assert 'data-testid="upload-form"' in body and 'enctype="multipart/form-data"' in body
    assert send(client, visa_case.reference, jpeg(), "me.jpg", "image/jpeg").status_code == 302
    body = client.get(f"/casework/{visa_case.reference}/").content.decode()
    assert 'data-document="photograph" data-present="yes"' in body and "4 of 5 documents missing" in body
    assert "me.jpg" in body and "JPEG image" in body and "by consul" in body
    stored = SupportingFile.objects.get()
    assert f'href="/casework/{visa_case.reference}/files/{stored.pk}"' in body


def test_a_complete_application_says_so(consul, visa_case):
    codes = ["travel_document_copy", "photograph", "travel_medical_insurance", "means_of_subsistence", "accommodation"]
    for n, code in enumerate(codes):
        files.upload(consul, visa_case.reference, document_code=code, content=png(colour=(n, 0, 0)), filename="x.png")
    overview = files.case_files(consul, visa_case.reference)
    assert overview.complete and overview.missing == [] and len(overview.files) == 5


def test_a_senior_officer_who_reads_but_does_not_work_the_case_sees_no_upload_form(
    client_for, consul, case_senior, visa_case
):
    stored = files.upload(consul, visa_case.reference, document_code="photograph", content=png(), filename="a.png")
    client = client_for(case_senior)
    body = client.get(f"/casework/{visa_case.reference}/").content.decode()
    assert "a.png" in body and 'data-testid="upload-form"' not in body
    assert client.get(f"/casework/{visa_case.reference}/files/{stored.pk}").content == png()
    refused = send(client, visa_case.reference, jpeg(), "b.jpg", "image/jpeg")
    assert refused.status_code == 403 and SupportingFile.objects.count() == 1


# --- The API -------------------------------------------------------------------------------------------------------


def test_the_api_takes_a_file_as_multipart(client_for, consul, caseworker, visa_case, data_dir):
    url = f"/api/v1/applications/{visa_case.reference}/files"
    answer = client_for(consul).post(
        url, {"document_code": "photograph", "file": SimpleUploadedFile("p.pdf", png(), content_type="application/pdf")}
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["content_type"] == "image/png" and body["filename"] == "p.png" and body["uploaded_by"] == "consul"
    assert body["application"] == visa_case.reference and body["size"] == len(png())
    refused = client_for(consul).post(
        url,
        {"document_code": "photograph", "file": SimpleUploadedFile("x.pdf", zipped(), content_type="application/pdf")},
    )
    assert refused.status_code == 422 and refused.json()["code"] == "file_type_not_allowed"
    missing = client_for(consul).post(url, {"document_code": "photograph"})
    assert missing.status_code == 422 and missing.json()["code"] == "file_required"
    elsewhere = client_for(caseworker).post(
        url, {"document_code": "photograph", "file": SimpleUploadedFile("a.jpg", jpeg(), content_type="image/jpeg")}
    )
    assert elsewhere.status_code == 403 and elsewhere.json()["code"] == "not_your_post"
    assert SupportingFile.objects.count() == 1 and len(stored_files(data_dir)) == 1


# --- Two officers at once ------------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_same_file_sent_by_two_officers_at_once_is_stored_once(consul, make_user, embassy, visa_case, data_dir):
    import threading

    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("SQLite's in-memory test database is one connection: concurrency is proven on PostgreSQL")
    colleague = make_user("consul2", "consular_officer", posts=[embassy.code])
    outcomes: list = []

    def send_it(officer, content):
        try:
            files.upload(officer, visa_case.reference, document_code="photograph", content=content, filename="a.png")
            outcomes.append("stored")
        except Conflict as exc:
            outcomes.append(exc.code)
        except Exception as exc:  # pragma: no cover - reported below
            outcomes.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=send_it, args=(officer, png())) for officer in (consul, colleague) * 2]
    threads.append(threading.Thread(target=send_it, args=(consul, jpeg())))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["file_already_uploaded"] * 3 + ["stored"] * 2
    assert SupportingFile.objects.count() == 2 and len(stored_files(data_dir)) == 2
