"""Finding 7: a watchlist file cut short is refused, and a sharply shorter list needs the importer's
confirmation; either way nothing already in force changes."""

import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from borderdesk.apps.audit.models import AuditEvent
from borderdesk.apps.watchlists.models import ListVersion, StoredEntry
from borderdesk.apps.watchlists.services import ListRejected, ListShrank, _safe_file_name, import_list
from tests.actors import SETUP
from tests.apps.watchlists.conftest import NATIONAL

FIRST_THREE = "".join(NATIONAL.splitlines(keepends=True)[:4])  # the header and 3 of the 4 entries


def _unchanged(version):
    assert list(ListVersion.objects.filter(is_current=True)) == [version]
    assert ListVersion.objects.count() == 1 and StoredEntry.objects.count() == version.entry_count


def test_a_sharply_shorter_list_is_refused_with_both_counts_then_accepted_when_confirmed(national, write, admin_user):
    with pytest.raises(ListShrank) as caught:
        import_list(admin_user, "csv", write(FIRST_THREE, "short.csv"), list_name="national")
    refused = caught.value
    assert refused.code == "list_shrank" and (refused.new_count, refused.current_count) == (3, 4)
    assert "short.csv has 3 entries" in refused.message and "version 1) has 4" in refused.message
    assert "fewer than 90%" in refused.message and "Nothing changed" in refused.message
    _unchanged(national.version)

    confirmed = import_list(admin_user, "csv", write(FIRST_THREE, "short.csv"), list_name="national", allow_shrink=True)
    assert confirmed.changed and confirmed.version.number == 2 and confirmed.version.entry_count == 3
    event = AuditEvent.objects.filter(action="watchlists.list.import").last()
    assert event.actor == admin_user and event.new_values["shrink_confirmed"] is True
    assert event.old_values["entries"] == 4 and event.new_values["entries"] == 3


def test_a_small_shrink_or_a_growth_needs_no_confirmation_and_the_limit_is_a_setting(national, write, settings):
    grown = import_list(SETUP, "csv", write(NATIONAL + "UTO-5,Amaru Quispe,,,,,,,\n"), list_name="national")
    assert grown.changed and grown.version.entry_count == 5
    event = AuditEvent.objects.filter(action="watchlists.list.import").last()
    assert event.new_values["shrink_confirmed"] is False
    with pytest.raises(ListShrank):  # 4 of 5 is below 90 %
        import_list(SETUP, "csv", write(NATIONAL), list_name="national")
    settings.BORDERDESK_WATCHLIST_SHRINK_LIMIT = 0.75
    assert import_list(SETUP, "csv", write(NATIONAL), list_name="national").version.entry_count == 4


def test_a_national_list_cut_inside_its_last_record_is_refused(national, write):
    with pytest.raises(ListRejected) as caught:
        import_list(SETUP, "csv", write(NATIONAL + "UTO-5,Amaru Qui", "cut.csv"), list_name="national")
    assert caught.value.source_code == "source_truncated" and "unchanged" in caught.value.message
    _unchanged(national.version)


def test_the_report_of_a_version_keeps_the_checks_made_and_what_could_not_be_checked(national):
    report = national.version.report
    assert "national.csv: ends with a line end" in report["checks"]
    assert "cannot be recognised from the file itself" in report["warnings"][0]


def test_the_import_page_refuses_a_shrink_until_the_box_is_ticked(national, client_for, admin_user):
    client = client_for(admin_user)

    def upload(**extra):
        source = SimpleUploadedFile("short.csv", FIRST_THREE.encode())
        return client.post(
            "/screening/watchlists/import", {"format": "csv", "list": "national", "source": source, **extra}
        ).content.decode()

    page = upload()
    assert "list_shrank" in page and "short.csv has 3 entries" in page and "has 4" in page
    assert "The list really shrank" in page
    assert ListVersion.objects.get(is_current=True) == national.version
    page = upload(allow_shrink="on")
    assert "Imported 3 entries into list national as version 2" in page
    assert "Completeness checked: short.csv: ends with a line end" in page
    assert "this format states no record count" in page
    assert AuditEvent.objects.filter(action="watchlists.list.import").last().new_values["shrink_confirmed"] is True


# ------------------------------------------------------------------------ the real lists, cut in a tmp_path


@pytest.mark.data
def test_a_real_ofac_list_cut_at_a_line_boundary_is_refused(db, shared_data, tmp_path):
    source = shared_data / "watchlists" / "ofac-sdn"
    folder = tmp_path / "ofac"
    shutil.copytree(source, folder)
    sdn = (source / "sdn.csv").read_bytes()
    lines = sdn.splitlines(keepends=True)
    assert lines[-1] == b"\x1a"
    (folder / "sdn.csv").write_bytes(b"".join(lines[: len(lines) * 2 // 3]))  # a third of it lost, cleanly
    with pytest.raises(ListRejected) as caught:
        import_list(SETUP, "ofac-csv", folder / "sdn.csv")
    assert caught.value.source_code == "source_truncated"
    assert "end-of-file marker" in caught.value.message and "unchanged" in caught.value.message
    assert not ListVersion.objects.exists() and not StoredEntry.objects.exists()


@pytest.mark.data
def test_a_real_un_list_cut_at_an_element_boundary_is_refused(db, shared_data, tmp_path):
    text = (shared_data / "watchlists" / "un-consolidated.xml").read_text(encoding="utf-8")
    end = text.index("</INDIVIDUAL>", len(text) // 3) + len("</INDIVIDUAL>\n")
    cut = tmp_path / "un-consolidated.xml"
    cut.write_text(text[:end], encoding="utf-8")
    with pytest.raises(ListRejected) as caught:
        import_list(SETUP, "un-xml", cut)
    assert caught.value.source_code == "source_truncated" and "CONSOLIDATED_LIST/INDIVIDUALS" in caught.value.message
    assert not ListVersion.objects.exists()


@pytest.mark.data
def test_the_complete_real_un_list_imports_with_its_checks_and_date(db, shared_data):
    outcome = import_list(SETUP, "un-xml", shared_data / "watchlists" / "un-consolidated.xml")
    report = outcome.version.report
    assert outcome.version.entry_count == 1003
    assert report["checks"] == ["un-consolidated.xml: the root element <CONSOLIDATED_LIST> closes"]
    assert report["stated"] == {"date_generated": "2026-02-27T00:00:09.554Z"} and report["warnings"] == []


def test_an_upload_is_parsed_under_a_safe_form_of_its_own_name(db, client_for, admin_user):
    source = SimpleUploadedFile("national list.csv", NATIONAL.encode())
    page = (
        client_for(admin_user)
        .post("/screening/watchlists/import", {"format": "csv", "list": "national", "source": source})
        .content.decode()
    )
    assert "Completeness checked: national_list.csv: ends with a line end" in page
    assert [_safe_file_name(name) for name in ("../../a b.csv", "..", "", None)] == [
        "a_b.csv",
        "upload",
        "upload",
        "upload",
    ]
