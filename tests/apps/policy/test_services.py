"""The policy services on the database: packs in force, recommendations, the authoring workflow, simulation,
the visa matrix, permissions and the audit trail."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from borderdesk.apps.audit.models import AccessEvent, AuditEvent
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound, PermissionDenied
from borderdesk.apps.policy import services
from borderdesk.apps.policy.models import Evaluation, PackStatus, PackVersion, VisaMatrixVersion
from tests.actors import SETUP
from tests.apps.policy.conftest import ON, replace_in

pytestmark = pytest.mark.django_db

DAY = date.fromisoformat(ON)
VISA_LIST_WITH_MYS = "LAO, MYS, MMR"
VISA_LIST_WITHOUT_MYS = "LAO, MMR"
STAY_LIMIT_120 = "values: [{valid_from: 2024-01-01, value: 120}]"
STAY_LIMIT_10 = "values: [{valid_from: 2024-01-01, value: 10}]"
MATRIX = b"Passport,Destination,Requirement\nUSA,DEU,90\nIND,DEU,visa required\nDEU,DEU,-1\nUSA,USA,-1\n"


def published(pack_id="uto"):
    return PackVersion.objects.filter(pack_id=pack_id, status=PackStatus.PUBLISHED)


def through_review(draft, author, reviewer, files=None):
    if files is not None:
        assert services.update_draft(author, draft, files).valid
    draft = services.submit_for_review(author, draft)
    return services.review(reviewer, draft, True, "looks right")


# --- packs in force ------------------------------------------------------------------------------------------


def test_the_bundled_packs_are_published_by_migrate():
    versions = {v.pack_id: v for v in PackVersion.objects.filter(status=PackStatus.PUBLISHED)}
    assert set(versions) == {"uto", "schengen"}
    assert versions["uto"].number == 1 and versions["uto"].label == "2025.1"
    assert services.pack_in_force(DAY).pack.id == "uto"


def test_a_fresh_database_without_versions_gets_the_bundled_packs_back():
    PackVersion.objects.all().delete()
    assert services.pack_in_force(DAY, "uto").number == 1
    assert AuditEvent.objects.filter(action="policy.pack.publish").count() == 2


def test_a_published_version_that_does_not_load_never_replaces_the_one_in_force():
    broken = PackVersion.objects.create(
        pack_id="uto",
        number=9,
        label="broken",
        files={"pack.yaml": "id: [uto"},
        status=PackStatus.PUBLISHED,
        effective_from=DAY - timedelta(days=1),
        published_at=timezone.now(),
    )
    assert services.pack_in_force(DAY).version_id != broken.pk
    assert services.pack_in_force(DAY).number == 1


# --- recommendations -----------------------------------------------------------------------------------------


def test_recommend_entry_stores_an_evaluation_with_the_trace(officer, situation):
    record = services.recommend_entry(officer, situation(), on=DAY, post_code="TST", purpose="primary line")
    answer = record.as_dict()
    assert answer["outcome"] == "admit" and answer["evaluation_id"] == record.evaluation_id
    assert answer["trace"]["children"] and answer["pack"] == {"id": "uto", "version": "2025.1"}
    evaluation = Evaluation.objects.get(pk=record.evaluation_id)
    assert evaluation.actor == officer and evaluation.post_code == "TST" and evaluation.decision_date == DAY
    assert evaluation.pack_version == published().get() and evaluation.recommendation["trace"]
    assert evaluation.situation["nationality"] == "MYS" and evaluation.outcome == "admit"
    event = AuditEvent.objects.get(action="policy.evaluation.create")
    assert event.object_id == str(evaluation.pk) and event.new_values["outcome"] == "admit"


def test_a_summary_leaves_the_trace_in_the_evaluation_and_the_trail_vouches_for_it(officer, situation):
    record = services.recommend_entry(officer, situation(), on=DAY, post_code="TST", purpose="primary line")
    summary = record.summary()
    assert "trace" not in summary and summary["evaluation_id"] == record.evaluation_id
    assert summary["outcome"] == "admit" and summary["reasons"] == record.as_dict()["reasons"]
    assert services.with_trace(summary) == record.as_dict()  # the trace as the rules gave it, read back
    assert services.with_trace({"outcome": "exit", "reasons": []}) == {"outcome": "exit", "reasons": []}
    stored = Evaluation.objects.get(pk=record.evaluation_id).recommendation
    sealed = AuditEvent.objects.get(action="policy.evaluation.create").new_values["recommendation_sha256"]
    assert sealed == services.recommendation_digest(stored) == services.recommendation_digest(record.answer)
    stored["trace"]["children"][0]["result"] = "tampered"
    assert services.recommendation_digest(stored) != sealed


def test_refusal_reasons_are_stored_with_their_grounds(situation):
    record = services.recommend_entry(
        SETUP, situation(document={"expiry": "2025-02-28"}), on=DAY, post_code=None, purpose="test"
    )
    evaluation = Evaluation.objects.get(pk=record.evaluation_id)
    assert evaluation.outcome == "refuse_recommended" and evaluation.refusal_grounds == ["UIA-12-1-a"]
    assert evaluation.actor_username == "system:test setup"


def test_bad_facts_are_invalid_with_code_and_path_and_nothing_is_stored(officer, situation):
    with pytest.raises(Invalid) as caught:
        services.recommend_entry(officer, situation(nationality="X"), on=DAY, post_code="TST", purpose="t")
    assert caught.value.code == "malformed_input" and caught.value.field == "nationality"
    with pytest.raises(Invalid) as caught:
        services.recommend_entry(
            officer, situation(document={"expiry": "2030-02-30"}), on=DAY, post_code="TST", purpose="t"
        )
    assert caught.value.code == "malformed_date" and caught.value.field == "document.expiry"
    with pytest.raises(Invalid) as caught:
        services.recommend_entry(officer, situation(), on=date(2010, 1, 1), post_code="TST", purpose="t")
    assert caught.value.code == "no_rule_in_force"
    with pytest.raises(Invalid) as caught:
        services.recommend_entry(officer, situation(), on=DAY, post_code="TST", purpose="t", pack_id="atlantis")
    assert caught.value.code == "unknown_pack"
    assert not Evaluation.objects.exists()


def test_who_may_ask_the_rules(make_user, officer, author_a, port, other_port, situation):
    caseworker = make_user("cw", "caseworker", posts=[other_port.code])
    services.recommend_entry(caseworker, situation(), on=DAY, post_code=other_port.code, purpose="t")
    for actor, post in ((author_a, "TST"), (officer, other_port.code), (caseworker, "TST")):
        with pytest.raises(PermissionDenied):
            services.recommend_entry(actor, situation(), on=DAY, post_code=post, purpose="t")
    assert Evaluation.objects.count() == 1


def test_refusal_grounds_and_visa_on_arrival_terms(situation):
    codes = [ground["code"] for ground in services.refusal_grounds(DAY)]
    assert codes[0] == "UIA-12-1-a" and len(codes) == 9
    assert services.refusal_grounds(DAY)[0]["legal_basis"]["instrument"] == "Utopia Immigration Act 2019"
    terms = services.visa_on_arrival_terms(situation(nationality="DEU"), on=DAY)
    assert terms["eligible"] is True and terms["fee"] == 40 and terms["currency"] == "UTD"
    assert terms["days"] == 30 and terms["entries"] == 1 and "return_ticket" in terms["documents_required"]
    earlier = services.visa_on_arrival_terms(situation(nationality="DEU"), on=date(2024, 6, 1))
    assert earlier["fee"] == 35
    refused = services.visa_on_arrival_terms(situation(nationality="USA"), on=DAY)
    assert refused["eligible"] is False and refused["reasons"]


def test_stay_calc_speaks_the_cli_contract(officer, author_a, make_user):
    request = {
        "stays": [{"entry": "2014-08-15", "exit": "2014-09-30"}],
        "on": "2014-12-01",
        "entry_on": "2015-01-01",
        "limit": 90,
        "window": 180,
    }
    answer = services.stay_calc(officer, request)
    assert {
        k: answer[k] for k in ("on", "days_used", "days_remaining", "overstay_days", "entry_on", "latest_exit")
    } == {
        "on": "2014-12-01",
        "days_used": 47,
        "days_remaining": 43,
        "overstay_days": 0,
        "entry_on": "2015-01-01",
        "latest_exit": "2015-03-31",
    }
    with pytest.raises(Invalid) as caught:
        services.stay_calc(officer, {"stays": [{"entry": "2014-09-30", "exit": "2014-08-15"}], "on": "2014-12-01"})
    assert caught.value.code == "end_before_start"
    with pytest.raises(PermissionDenied):
        services.stay_calc(make_user("aud", "auditor", all_posts=True), request)


# --- authoring -----------------------------------------------------------------------------------------------


def test_publishing_takes_two_authors_and_every_step_is_audited(author_a, author_b, situation):
    draft = services.create_draft(author_a, "uto")
    assert draft.status == PackStatus.DRAFT and draft.number == 2 and draft.label == "2025.2"
    assert 'version: "2025.2"' in draft.files["pack.yaml"] and draft.issues == []
    saved = services.update_draft(
        author_a,
        draft,
        replace_in(draft.files, "pack.yaml", STAY_LIMIT_120, "values: [{valid_from: 2024-01-01, value: 100}]"),
    )
    assert saved.valid
    draft = services.submit_for_review(author_a, saved.draft)
    assert draft.status == PackStatus.IN_REVIEW

    with pytest.raises(PermissionDenied) as caught:
        services.review(author_a, draft, True, "fine by me")
    assert caught.value.code == "own_draft"
    with pytest.raises(Conflict):
        services.publish(author_b, draft, timezone.localdate())  # not reviewed yet

    draft = services.review(author_b, draft, True, "checked against the amending act")
    assert draft.status == PackStatus.APPROVED and draft.reviewed_by == author_b
    assert draft.review_comments[-1]["comment"] == "checked against the amending act"

    today = timezone.localdate()
    with pytest.raises(Invalid) as caught:
        services.publish(author_b, draft, today - timedelta(days=1))
    assert caught.value.code == "effective_date_in_past"
    draft = services.publish(author_b, draft, today)
    assert draft.status == PackStatus.PUBLISHED and draft.effective_from == today and draft.published_by == author_b

    assert services.pack_in_force(today).number == 2
    assert services.pack_in_force(today - timedelta(days=1)).number == 1  # the earlier days keep their law
    actions = list(
        AuditEvent.objects.filter(object_type="policy.packversion", object_id=str(draft.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "policy.pack.draft.create",
        "policy.pack.draft.update",
        "policy.pack.submit",
        "policy.pack.review",
        "policy.pack.publish",
    ]
    publish_event = AuditEvent.objects.get(action="policy.pack.publish", object_id=str(draft.pk))
    assert publish_event.old_values["status"] == "approved" and publish_event.new_values["status"] == "published"
    assert publish_event.actor == author_b


def test_a_draft_sent_back_returns_to_its_author_with_the_comment(author_a, author_b):
    draft = services.submit_for_review(author_a, services.create_draft(author_a, "uto"))
    with pytest.raises(Invalid) as caught:
        services.review(author_b, draft, False, "")
    assert caught.value.code == "comment_required"
    draft = services.review(author_b, draft, False, "cite the amending act")
    assert draft.status == PackStatus.DRAFT and draft.review_comments[-1]["approve"] is False


def test_only_the_author_changes_a_draft_and_only_drafts_change(author_a, author_b):
    draft = services.create_draft(author_a, "uto")
    with pytest.raises(PermissionDenied):
        services.update_draft(author_b, draft, draft.files)
    services.submit_for_review(author_a, draft)
    with pytest.raises(Conflict):
        services.update_draft(author_a, draft, draft.files)


def test_an_invalid_draft_is_saved_but_cannot_be_submitted_and_the_pack_in_force_stays(author_a):
    draft = services.create_draft(author_a, "uto")
    files = replace_in(draft.files, "pack.yaml", STAY_LIMIT_120, "values: [{valid_from: 2024-01-01, value: 400}]")
    files = replace_in(files, "refusal_grounds.yaml", "code: UIA-12-1-a", "code: UIA-12-1-a\n    oops: [")
    saved = services.update_draft(author_a, draft, files)
    assert not saved.valid
    draft.refresh_from_db()
    assert draft.files == files  # saved as written
    assert all({"file", "path", "code", "message"} <= set(issue) for issue in saved.issues)
    assert {(issue["file"], issue["code"]) for issue in saved.issues} >= {("pack.yaml", "limit_not_below_window")}
    assert "refusal_grounds.yaml" in {issue["file"] for issue in saved.issues}
    with pytest.raises(Invalid) as caught:
        services.submit_for_review(author_a, draft)
    assert caught.value.code == "pack_invalid" and caught.value.issues
    draft.refresh_from_db()
    assert draft.status == PackStatus.DRAFT

    fixed = replace_in(files, "refusal_grounds.yaml", "\n    oops: [", "")
    saved = services.update_draft(author_a, draft, fixed)
    assert [(i["file"], i["path"], i["code"]) for i in saved.issues] == [
        ("pack.yaml", "rules[6].parameters.limit_days", "limit_not_below_window")
    ]
    assert services.pack_in_force(DAY).number == 1


def test_a_draft_must_keep_its_pack_id_and_take_a_new_version(author_a):
    draft = services.create_draft(author_a, "uto")
    saved = services.update_draft(
        author_a, draft, replace_in(draft.files, "pack.yaml", 'version: "2025.2"', 'version: "2025.1"')
    )
    assert [(i["path"], i["code"]) for i in saved.issues] == [("version", "version_already_used")]
    saved = services.update_draft(author_a, draft, replace_in(draft.files, "pack.yaml", "id: uto", "id: utx"))
    assert [(i["path"], i["code"]) for i in saved.issues] == [("id", "pack_id_mismatch")]


def test_an_approved_version_that_no_longer_loads_is_not_published(author_a, author_b):
    draft = through_review(services.create_draft(author_a, "uto"), author_a, author_b)
    PackVersion.objects.filter(pk=draft.pk).update(files={"pack.yaml": "id: uto\n"})
    with pytest.raises(Invalid) as caught:
        services.publish(author_b, draft, timezone.localdate())
    assert caught.value.code == "pack_invalid"
    assert published().count() == 1 and services.pack_in_force(timezone.localdate()).number == 1


def test_unknown_pack_and_permissions_of_authoring(author_a, officer):
    with pytest.raises(NotFound):
        services.create_draft(author_a, "atlantis")
    with pytest.raises(PermissionDenied):
        services.create_draft(officer, "uto")
    draft = services.submit_for_review(author_a, services.create_draft(author_a, "uto"))
    with pytest.raises(PermissionDenied):
        services.review(officer, draft, True, "")


def test_withdrawing_brings_back_the_previous_version(author_a, author_b):
    first = published().get()
    with pytest.raises(Conflict) as caught:
        services.withdraw(author_b, first)
    assert caught.value.code == "last_version_in_force"
    second = services.publish(
        author_b, through_review(services.create_draft(author_a, "uto"), author_a, author_b), timezone.localdate()
    )
    assert services.pack_in_force(timezone.localdate()).number == 2
    services.withdraw(author_b, second, "wrong date")
    assert services.pack_in_force(timezone.localdate()).number == 1


# --- simulation ------------------------------------------------------------------------------------------------


def test_simulation_lists_what_a_changed_visa_list_and_stay_limit_would_change(officer, author_a, author_b, situation):
    malaysian = services.recommend_entry(officer, situation(), on=DAY, post_code="TST", purpose="t")
    german = services.recommend_entry(
        officer,
        situation(nationality="DEU", purpose_documents=["tour_itinerary"]),
        on=DAY,
        post_code="TST",
        purpose="t",
    )
    frequent = services.recommend_entry(
        officer,
        situation(nationality="THA", stay_history=[{"entry": "2025-01-01", "exit": "2025-01-20"}]),
        on=DAY,
        post_code="TST",
        purpose="t",
    )
    old = Evaluation.objects.get(pk=german.evaluation_id)
    Evaluation.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))

    draft = services.create_draft(author_a, "uto")
    files = replace_in(draft.files, "visa_policy.yaml", VISA_LIST_WITH_MYS, VISA_LIST_WITHOUT_MYS)
    files = replace_in(files, "pack.yaml", STAY_LIMIT_120, STAY_LIMIT_10)
    services.update_draft(author_a, draft, files)
    report = services.simulate(author_b, draft, days=30)

    assert report.replayed == 2  # the German's recommendation is 31 days old
    changed = {case.evaluation_id: case for case in report.changed_cases}
    assert set(changed) == {malaysian.evaluation_id, frequent.evaluation_id}
    assert changed[malaysian.evaluation_id].old_outcome == "admit"
    assert changed[malaysian.evaluation_id].new_outcome == "refuse_recommended"
    assert changed[malaysian.evaluation_id].new_grounds == ["UIA-12-1-c"]
    assert changed[frequent.evaluation_id].new_grounds == ["UIA-12-1-f"]
    assert report.outcome_changes == 2 and report.as_dict()["transitions"] == [
        {"from": "admit", "to": "refuse_recommended", "count": 2}
    ]
    assert services.simulate(author_b, draft, days=40).replayed == 3
    assert AccessEvent.objects.filter(purpose="policy simulation", object_id=str(draft.pk)).count() == 2


def test_an_unchanged_draft_changes_nothing_and_a_broken_one_cannot_be_simulated(officer, author_a, situation):
    services.recommend_entry(officer, situation(), on=DAY, post_code="TST", purpose="t")
    draft = services.create_draft(author_a, "uto")
    report = services.simulate(author_a, draft)
    assert report.replayed == 1 and not report.changed_cases and not report.truncated
    services.recommend_entry(officer, situation(nationality="DEU"), on=DAY, post_code="TST", purpose="t")
    latest = services.simulate(author_a, draft, limit=1)
    assert latest.truncated and latest.total == 2 and latest.cases[0].nationality == "DEU"
    services.update_draft(author_a, draft, {**draft.files, "pack.yaml": "id: ["})
    with pytest.raises(Invalid) as caught:
        services.simulate(author_a, draft)
    assert caught.value.code == "pack_invalid"
    with pytest.raises(PermissionDenied):
        services.simulate(officer, draft)


# --- visa matrix -----------------------------------------------------------------------------------------------


def test_visa_matrix_import_is_atomic_and_idempotent(admin_user, officer):
    first = services.import_visa_matrix(admin_user, MATRIX, "matrix.csv")
    assert first.changed and first.version.row_count == 4 and first.version.is_current
    again = services.import_visa_matrix(admin_user, MATRIX, "matrix.csv")
    assert not again.changed and again.version.pk == first.version.pk
    assert VisaMatrixVersion.objects.count() == 1

    bad = MATRIX + b"XX,DEU,visa free\nUSA,FRA,maybe\n"
    with pytest.raises(services.VisaMatrixRejected) as caught:
        services.import_visa_matrix(admin_user, bad, "bad.csv")
    assert [(row["line"], row["code"]) for row in caught.value.rows] == [(6, "bad_code"), (7, "bad_requirement")]
    with pytest.raises(Invalid) as caught:
        services.import_visa_matrix(admin_user, b"\xff\xfe", "binary.csv")
    assert caught.value.code == "visa_matrix_not_utf8"
    assert VisaMatrixVersion.objects.get(is_current=True).pk == first.version.pk
    with pytest.raises(PermissionDenied):
        services.import_visa_matrix(officer, MATRIX, "matrix.csv")

    second = services.import_visa_matrix(admin_user, MATRIX + b"IND,USA,visa required\n", "matrix2.csv")
    assert second.changed and VisaMatrixVersion.objects.get(is_current=True).pk == second.version.pk
    event = AuditEvent.objects.filter(action="policy.visa_matrix.import").order_by("-seq").first()
    assert event.old_values["version"] == first.version.pk and event.new_values["rows"] == 5


def test_a_pack_that_takes_a_matrix_uses_the_one_in_force(admin_user, situation):
    schengen = situation(
        nationality="USA",
        purpose="tourism",
        purpose_documents=["hotel_booking"],
        means={"amount": 5000, "currency": "EUR"},
    )
    with pytest.raises(Invalid) as caught:
        services.recommend_entry(SETUP, schengen, on=DAY, post_code=None, purpose="t", pack_id="schengen")
    assert caught.value.code == "visa_matrix_required"
    services.import_visa_matrix(admin_user, MATRIX, "matrix.csv")
    record = services.recommend_entry(SETUP, schengen, on=DAY, post_code=None, purpose="t", pack_id="schengen")
    evaluation = Evaluation.objects.get(pk=record.evaluation_id)
    assert evaluation.pack_id == "schengen" and evaluation.visa_matrix.source_name == "matrix.csv"
    assert record.recommendation.details["visa_requirement"].requirement.requirement.value == "visa_free"
