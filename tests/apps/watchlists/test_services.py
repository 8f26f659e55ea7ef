"""Watchlist import, screening and adjudication through the services, on the database."""

import time

import pytest

from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.common.errors import Invalid, NotFound, PermissionDenied
from borderdesk.apps.watchlists.models import FalseMatch, ListVersion, Screening, ScreeningMatch, StoredEntry
from borderdesk.apps.watchlists.services import (
    ListRejected,
    adjudicate,
    confirm_false_match,
    current_screener,
    forget_screener,
    import_list,
    screen_batch,
    screen_person,
    screener_cache_dir,
    set_thresholds,
)
from borderdesk.core.screening import Action, PartialDate, Query
from tests.actors import SETUP
from tests.apps.watchlists.conftest import NATIONAL

VOLKOV = Query(name="Sergei Volkov", birth_date=PartialDate(1971, 3, 4), nationality="UKR")


def screen(actor, query=VOLKOV, **options):
    return screen_person(actor, query, post_code=options.pop("post_code", None), purpose="test", **options)


# ----------------------------------------------------------------------------------------------- import


def test_import_creates_a_current_version_with_its_entries_and_an_audit_event(admin_user, write):
    outcome = import_list(admin_user, "csv", write(NATIONAL), list_name="national")
    assert outcome.changed and outcome.list_name == "national" and outcome.previous is None
    version = outcome.version
    assert (version.number, version.entry_count, version.is_current) == (1, 4, True)
    assert version.source_format == "csv" and version.source_name == "national.csv" and len(version.sha256) == 64
    assert version.imported_by == admin_user
    assert StoredEntry.objects.filter(version=version).count() == 4
    stored = StoredEntry.objects.get(version=version, entry_id="UTO-1")
    assert stored.data["names"] == ["Sergei Volkov", "Sergei Wolkow"] and stored.data["action"] == "arrest"
    event = AuditEvent.objects.get(action="watchlists.list.import")
    assert event.old_values is None and event.new_values["entries"] == 4 and event.actor == admin_user


def test_the_same_file_twice_changes_nothing(national, write):
    again = import_list(SETUP, "csv", write(NATIONAL), list_name="national")
    assert not again.changed and again.version == national.version
    assert ListVersion.objects.count() == 1 and StoredEntry.objects.count() == 4
    assert AuditEvent.objects.filter(action="watchlists.list.import").count() == 1


def test_a_malformed_file_is_rejected_with_its_line_and_the_list_in_force_stays(national, write):
    bad = NATIONAL + "UTO-9,Anna Bad,,1990-13-40,UTO,F,,,arrest\n"
    with pytest.raises(ListRejected) as caught:
        import_list(SETUP, "csv", write(bad, "bad.csv"), list_name="national")
    assert caught.value.line == 6 and caught.value.source_code == "bad_date"
    assert "bad.csv, line 6" in caught.value.message and "unchanged" in caught.value.message
    assert ListVersion.objects.get(is_current=True) == national.version
    assert ListVersion.objects.count() == 1 and StoredEntry.objects.count() == 4


def test_a_bad_action_and_a_wrong_format_are_rejected_too(national, write):
    with pytest.raises(ListRejected) as caught:
        import_list(SETUP, "csv", write(NATIONAL + "UTO-9,Anna,,,,,,,shoot\n", "b.csv"), list_name="national")
    assert caught.value.source_code == "bad_action" and caught.value.line == 6
    with pytest.raises(ListRejected) as caught:
        import_list(
            SETUP,
            "un-xml",
            write("<CONSOLIDATED_LIST><INDIVIDUALS></CONSOLIDATED_LIST>\n", "un.xml"),
            list_name="national",
        )
    assert caught.value.source_code == "bad_xml"
    assert ListVersion.objects.get(is_current=True) == national.version


def test_a_new_file_becomes_the_next_version_and_the_screener_follows(national, officer, write):
    assert screen(officer, Query(name="Amaru Quispe")).matches == []
    replaced = import_list(
        SETUP, "csv", write(NATIONAL + "UTO-5,Amaru Quispe,,1966,PER,M,,Wanted,arrest\n"), list_name="national"
    )
    assert replaced.changed and replaced.version.number == 2 and replaced.previous == national.version
    assert list(ListVersion.objects.filter(is_current=True)) == [replaced.version]
    outcome = screen(officer, Query(name="Amaru Quispe"))
    assert [m["entry_id"] for m in outcome.matches] == ["UTO-5"] and outcome.lists == {"national": 2}
    event = AuditEvent.objects.filter(action="watchlists.list.import").last()
    assert event.old_values["version"] == 1 and event.new_values["version"] == 2


def test_import_refuses_unknown_formats_missing_files_bad_names_and_people_without_permission(officer, write):
    path = write(NATIONAL)
    with pytest.raises(Invalid) as caught:
        import_list(SETUP, "xlsx", path)
    assert caught.value.code == "unknown_format"
    with pytest.raises(Invalid) as caught:
        import_list(SETUP, "csv", path.parent / "nothing.csv")
    assert caught.value.code == "file_not_found"
    with pytest.raises(Invalid) as caught:
        import_list(SETUP, "csv", path, list_name="Our List!")
    assert caught.value.code == "invalid_list_name"
    with pytest.raises(PermissionDenied):
        import_list(officer, "csv", path)
    assert not ListVersion.objects.exists()


def test_import_reports_progress(db, write):
    seen = []
    import_list(SETUP, "csv", write(NATIONAL), progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert ("parse", 4, 4) in seen and seen[-1] == ("store", 4, 4)


# -------------------------------------------------------------------------------------------- screening


def test_a_hit_comes_with_its_explanation_action_and_reason_and_is_stored_and_logged(national, officer):
    outcome = screen(officer, post_code="TST")
    assert outcome.hits >= 1 and outcome.error is None
    best = outcome.matches[0]
    assert {"list", "entry_id", "name", "score", "decision", "explanation", "action", "reason", "match_id"} <= set(best)
    assert (best["list"], best["entry_id"], best["decision"]) == ("national", "UTO-1", "hit")
    assert best["action"] == "arrest" and best["reason"] == "Absconded from custody"
    assert {"name", "birth_date", "nationality"} <= set(best["explanation"])
    assert best["explanation"]["name"]["detail"]
    assert outcome.required_action == Action.ARREST
    screening = Screening.objects.get(pk=outcome.screening_id)
    assert screening.actor == officer and screening.post_code == "TST" and screening.purpose == "test"
    assert screening.query["name"] == "Sergei Volkov" and screening.query["birth_date"] == "1971-03-04"
    assert ScreeningMatch.objects.get(pk=best["match_id"]).screening == screening
    access = AccessEvent.objects.get()
    assert access.object_id == str(screening.pk) and access.post_code == "TST" and "hit" in access.detail
    assert outcome.as_dict()["required_action"] == "arrest"


def test_the_strongest_action_among_hits_is_required(national, write, officer):
    import_list(SETUP, "csv", write("id,name,action\nX-1,Sergei Volkov,inform\n", "other.csv"), list_name="other")
    outcome = screen(officer, Query(name="Sergei Volkov"))
    assert {m["list"] for m in outcome.matches if m["decision"] == "hit"} == {"national", "other"}
    assert outcome.required_action == Action.ARREST


def test_no_match_and_unscreenable_names_are_answers_not_exceptions(national, officer):
    assert screen(officer, Query(name="Wilhelmina Zoutendijk")).matches == []
    outcome = screen(officer, Query(name="12345"))
    assert outcome.error["code"] == "name_without_letters" and outcome.matches == []
    assert Screening.objects.get(pk=outcome.screening_id).error["code"] == "name_without_letters"
    assert screen(officer, Query(name="  ")).error["code"] == "name_empty"


def test_thresholds_are_per_list(national, write, officer, admin_user):
    import_list(SETUP, "csv", write(NATIONAL, "copy.csv"), list_name="strict")
    query = Query(name="Sergey Volkof")
    scores = {m["list"]: m["score"] for m in screen(officer, query).matches if m["entry_id"] == "UTO-1"}
    assert set(scores) == {"national", "strict"} and scores["national"] < 0.99
    set_thresholds(admin_user, "strict", hit=1.0, possible=0.995)
    assert {m["list"] for m in screen(officer, query).matches} == {"national"}
    event = AuditEvent.objects.get(action="watchlists.list.thresholds")
    assert event.old_values == {"hit": 0.85, "possible": 0.7} and event.new_values["possible"] == 0.995
    with pytest.raises(Invalid):
        set_thresholds(admin_user, "strict", hit=0.5, possible=0.9)
    with pytest.raises(PermissionDenied):
        set_thresholds(officer, "strict", hit=0.9, possible=0.8)


def test_screening_one_list_and_an_unknown_list(national, write, officer):
    import_list(SETUP, "csv", write("id,name\nX-1,Sergei Volkov\n", "other.csv"), list_name="other")
    assert {m["list"] for m in screen(officer, lists=["other"]).matches} == {"other"}
    with pytest.raises(Invalid) as caught:
        screen(officer, lists=["interpol"])
    assert caught.value.code == "unknown_list"


def test_screening_needs_the_permission(national, auditor, make_user, other_port, officer):
    with pytest.raises(PermissionDenied):
        screen(auditor)
    assert not Screening.objects.exists() and not AccessEvent.objects.exists()
    with pytest.raises(Invalid) as caught:
        screen_person(officer, VOLKOV, post_code=None, purpose=" ")
    assert caught.value.code == "purpose_required"


def test_a_batch_keeps_input_order_and_stores_each_person(national, officer):
    people = [Query(name=f"Traveller Number{i} Jones", id=f"p{i}") for i in range(500)]
    people[250] = Query(name="Lucia Yglesias", id="p250", birth_date=PartialDate(1970))
    people[10] = Query(name="", id="p10")
    started = time.perf_counter()
    outcomes = screen_batch(officer, people, post_code="TST", purpose="manifest")
    elapsed = time.perf_counter() - started
    assert [o.id for o in outcomes] == [q.id for q in people]
    assert outcomes[250].matches[0]["entry_id"] == "UTO-2" and outcomes[250].required_action == Action.DISCREET_CHECK
    assert outcomes[10].error["code"] == "name_empty"
    assert Screening.objects.count() == 500 and AccessEvent.objects.count() == 500
    assert elapsed < 20, f"500 people took {elapsed:.1f} s"


# ------------------------------------------------------------------------------------ the screener cache


def test_the_screener_is_rebuilt_only_when_a_current_version_changes(national, write, django_assert_num_queries):
    first = current_screener()
    with django_assert_num_queries(1):
        assert current_screener() is first
    import_list(SETUP, "csv", write(NATIONAL + "UTO-5,Amaru Quispe,,,,,,,\n"), list_name="national")
    assert current_screener() is not first


def test_a_big_index_is_kept_in_the_data_directory_for_the_next_worker(national, settings, django_assert_num_queries):
    settings.BORDERDESK_SCREENER_PERSIST_MIN_ENTRIES = 1
    forget_screener()
    current_screener()
    kept = list(screener_cache_dir().glob("screener-*.pickle"))
    assert len(kept) == 1
    forget_screener()  # a new worker process: loads the file, reads no entry from the database
    with django_assert_num_queries(1):
        built = current_screener()
    assert len(built.screener) == 4


# ---------------------------------------------------------------------------------------- adjudication


def _volkov_hit(outcome):
    return next(m for m in outcome.matches if m["entry_id"] == "UTO-1")


def _false_match(senior, second_senior, match_id, reason="not him"):
    """Four eyes: one senior officer proposes, a second one confirms."""
    adjudicate(senior, match_id, verdict="false_match", reason=reason)
    return confirm_false_match(second_senior, match_id)


def test_a_false_match_is_not_raised_again_for_the_same_person_and_entry(national, officer, senior, second_senior):
    match = _volkov_hit(screen(officer))
    judged = _false_match(senior, second_senior, match["match_id"], reason="Different person: photo and parents")
    assert judged.verdict == "false_match" and judged.adjudicated_by == senior
    event = AuditEvent.objects.get(action="watchlists.match.false_match.propose")
    assert event.old_values == {"verdict": None, "reason": None}
    assert event.new_values["verdict"] == "false_match_proposed" and event.new_values["entry_id"] == "UTO-1"

    again = screen(officer)
    assert "UTO-1" not in [m["entry_id"] for m in again.matches]
    assert [m["entry_id"] for m in again.suppressed] == ["UTO-1"]
    assert again.required_action != Action.ARREST
    # The same person with the name written in another order: the same fingerprint.
    assert "UTO-1" not in [
        m["entry_id"]
        for m in screen(
            officer, Query(name="Volkov Sergei", birth_date=PartialDate(1971, 3, 4), nationality="UKR")
        ).matches
    ]


def test_the_suppression_ends_when_the_persons_facts_change(national, officer, senior, second_senior):
    _false_match(senior, second_senior, _volkov_hit(screen(officer))["match_id"])
    assert "UTO-1" not in [m["entry_id"] for m in screen(officer).matches]
    other_passport = Query(
        name="Sergei Volkov", birth_date=PartialDate(1971, 3, 4), nationality="UKR", document_number="XX1234567"
    )
    assert "UTO-1" in [m["entry_id"] for m in screen(officer, other_passport).matches]
    assert "UTO-1" in [m["entry_id"] for m in screen(officer, Query(name="Sergei Volkov")).matches]


def test_the_suppression_ends_when_the_listed_entry_changes(national, officer, senior, second_senior, write):
    _false_match(senior, second_senior, _volkov_hit(screen(officer))["match_id"])
    # A new version with an unrelated entry added: UTO-1 itself is unchanged, so it stays suppressed.
    import_list(SETUP, "csv", write(NATIONAL + "UTO-5,Amaru Quispe,,,,,,,\n"), list_name="national")
    assert "UTO-1" not in [m["entry_id"] for m in screen(officer).matches]
    # The listing authority changes what it says about UTO-1: raise it again.
    changed = NATIONAL.replace("Absconded from custody", "Absconded from custody; armed")
    import_list(SETUP, "csv", write(changed), list_name="national", allow_shrink=True)  # UTO-5 is gone again
    raised = _volkov_hit(screen(officer))
    assert raised["reason"] == "Absconded from custody; armed"


def test_confirming_a_match_after_a_false_match_lifts_the_suppression(national, officer, senior, second_senior):
    match_id = _volkov_hit(screen(officer))["match_id"]
    _false_match(senior, second_senior, match_id)
    adjudicate(senior, match_id, verdict="confirmed", reason="fingerprints match after all")
    assert not FalseMatch.objects.exists()
    assert "UTO-1" in [m["entry_id"] for m in screen(officer).matches]
    last = AuditEvent.objects.filter(action="watchlists.match.adjudicate").last()
    assert last.old_values == {"verdict": "false_match", "reason": "not him"}


def test_adjudication_needs_the_permission_a_reason_and_a_known_verdict(national, officer, senior):
    match_id = _volkov_hit(screen(officer))["match_id"]
    with pytest.raises(PermissionDenied):
        adjudicate(officer, match_id, verdict="false_match", reason="not him")
    with pytest.raises(Invalid) as caught:
        adjudicate(senior, match_id, verdict="false_match", reason="  ")
    assert caught.value.code == "reason_required"
    with pytest.raises(Invalid) as caught:
        adjudicate(senior, match_id, verdict="maybe", reason="hm")
    assert caught.value.code == "invalid_verdict"
    with pytest.raises(NotFound):
        adjudicate(senior, 999_999, verdict="confirmed", reason="x")
    assert not FalseMatch.objects.exists() and not AuditEvent.objects.filter(action__startswith="watchlists.match")
