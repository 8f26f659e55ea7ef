"""The checks on a case's page: start them (START_CHECKS), run them again before the decision, and the latest run
of each stage: who was screened and what was found, the border history, earlier applications, the lost and stolen
register, and the assessment against the kind's rules with the law each criterion cites."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.urls import path
from django.views.decorators.http import require_POST

from borderdesk.apps.casework.models import CheckStage
from borderdesk.apps.casework.services import cases, checks
from borderdesk.apps.casework.views.common import after_action
from borderdesk.apps.common.labels import SCORE_MEANING, explained_features
from borderdesk.apps.common.views import refuses_without
from borderdesk.core.casework import State

OUTCOME_WORDS = {"met": "Met", "not_met": "Not met", "unknown": "Unknown"}
ROLE_WORDS = {"applicant": "Applicant", "family": "Family member", "sponsor": "Sponsor"}


def panel(request, record) -> dict:
    """What this part adds to the context of a case's page (``casework/_checks.html``)."""
    case = record.application
    runs = checks.latest_runs(request.user, case.reference)
    state = State(case.state)
    return {
        "check_runs": [
            _shown(runs[stage]) for stage in (CheckStage.LODGED, CheckStage.BEFORE_DECISION) if stage in runs
        ],
        "may_start_checks": record.may_work and state is State.ADMISSIBLE,
        "may_run_checks": record.may_work and state in checks.STAGE_STATES[CheckStage.BEFORE_DECISION],
        "may_rerun_lodged": record.may_work and state in checks.STAGE_STATES[CheckStage.LODGED],
        "score_meaning": SCORE_MEANING,
    }


def _shown(run) -> dict:
    results = run.results or {}
    people = []
    for person in results.get("people", []):
        screening = person.get("screening", {})
        matches = [
            {**m, "features": explained_features(m.get("explanation") or {})} for m in screening.get("matches", [])
        ]
        people.append(
            {**person, "role_words": ROLE_WORDS.get(person.get("role"), person.get("role")), "matches": matches}
        )
    assessment = results.get("assessment", {})
    criteria = [
        {**c, "outcome_words": OUTCOME_WORDS.get(c.get("outcome"), c.get("outcome"))}
        for c in assessment.get("criteria", [])
    ]
    return {
        "run": run,
        "stage_words": CheckStage(run.stage).label,
        "people": people,
        "history": results.get("history", {}),
        "earlier": results.get("earlier_applications", []),
        "register": results.get("register", {}),
        "criteria": criteria,
        "attention": results.get("attention", []),
    }


@login_required
@require_POST
@refuses_without(cases.WORK)
def start_checks(request, reference: str):
    return after_action(
        request, reference, lambda: checks.start_checks(request.user, reference, version=request.POST.get("version"))
    )


@login_required
@require_POST
@refuses_without(cases.WORK)
def run_checks(request, reference: str):
    form = request.POST
    return after_action(
        request,
        reference,
        lambda: checks.run_checks(
            request.user,
            reference,
            stage=form.get("stage", CheckStage.BEFORE_DECISION),
            version=form.get("version"),
        ),
    )


urlpatterns = [
    path("<str:reference>/start-checks", start_checks, name="start-checks"),
    path("<str:reference>/run-checks", run_checks, name="run-checks"),
]
