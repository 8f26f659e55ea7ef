"""A naturalisation's part of its case's page (``panel``, one of casework's ``PANELS``) and what is done there:
compute the residence, record a test, ask the police and record their answer, book the ceremony, record the oath,
print the certificate. Views stay thin: every read and write is a service call; after an error the case's page
shows it with what was typed."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from borderdesk.apps.casework.services import cases
from borderdesk.apps.casework.views.common import after_action, form_date
from borderdesk.apps.citizenship import services
from borderdesk.apps.citizenship.models import PoliceAnswer, TestKind
from borderdesk.apps.common.views import refuses_without

FAILED_WORDS = {
    "residence_too_short": "Not resident since the start of the qualifying period",
    "max_absent_days": "Too many days absent in the qualifying period",
    "max_absent_days_last_year": "Too many days absent in the last year",
    "max_single_absence_days": "One absence too long",
    "min_present_days": "Too few days present",
}


def panel(request, record) -> dict:
    """What this part adds to the context of a case's page (``citizenship/_naturalisation.html``)."""
    case = record.application
    if case.kind != services.KIND:
        return {}
    found = services.naturalisation_file(request.user, case.reference)
    check = found.residence
    failed = [FAILED_WORDS.get(code, code) for code in (check.figures.get("failed", []) if check else [])]
    return {
        "naturalisation": {
            "file": found,
            "check": check,
            "failed": failed,
            "calendar": found.calendar,
            "tests": TestKind.choices,
            "answers": PoliceAnswer.choices,
            "open_requests": [p for p in found.police if not p.answer],
            "approved": case.outcome == "approve",
            "today": case.post.local_date(),
        }
    }


def _post(action):
    """A POST on a naturalisation: caseworkers of the application's post (the service checks it again)."""

    @login_required
    @require_POST
    @refuses_without(cases.WORK)
    def view(request, reference: str):
        return after_action(request, reference, lambda: action(request, reference, request.POST))

    return view


check_residence = _post(
    lambda request, reference, form: services.check_residence(
        request.user, reference, on=form_date(form.get("on"), field="on")
    )
)
record_test = _post(
    lambda request, reference, form: services.record_test(
        request.user,
        reference,
        test=form.get("test", ""),
        taken_on=form_date(form.get("taken_on"), field="taken_on"),
        score=form.get("score", ""),
        passed=form.get("passed") == "yes",
        certificate_number=form.get("certificate_number", ""),
    )
)
request_police = _post(
    lambda request, reference, form: services.request_police_certificate(
        request.user,
        reference,
        authority=form.get("authority", ""),
        requested_on=form_date(form.get("requested_on"), field="requested_on"),
        reference=form.get("police_reference", ""),
    )
)
police_answer = _post(
    lambda request, reference, form: services.record_police_answer(
        request.user,
        reference,
        request=form.get("request", ""),
        answered_on=form_date(form.get("answered_on"), field="answered_on"),
        answer=form.get("answer", ""),
        details=form.get("details", ""),
    )
)
book_ceremony = _post(
    lambda request, reference, form: services.book_ceremony(
        request.user,
        reference,
        on=form_date(form.get("ceremony_on"), field="ceremony_on"),
        post_code=form.get("post", ""),
    )
)
record_oath = _post(
    lambda request, reference, form: services.record_oath(
        request.user, reference, on=form_date(form.get("oath_on"), field="oath_on")
    )
)


@login_required
@require_GET
@refuses_without(cases.READ)
def certificate(request, reference: str):
    printed = services.certificate(request.user, reference)
    response = HttpResponse(printed.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{printed.filename}"'
    return response


app_name = "citizenship"
urlpatterns = [
    path("<str:reference>/residence", check_residence, name="check-residence"),
    path("<str:reference>/tests", record_test, name="record-test"),
    path("<str:reference>/police", request_police, name="request-police"),
    path("<str:reference>/police/answer", police_answer, name="police-answer"),
    path("<str:reference>/ceremony", book_ceremony, name="book-ceremony"),
    path("<str:reference>/oath", record_oath, name="record-oath"),
    path("<str:reference>/certificate.pdf", certificate, name="certificate"),
]
