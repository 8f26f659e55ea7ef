"""A case's letters: each as a PDF in the applicant's language (GET, a logged read that puts the letter on the
case's timeline), and the panel on the case's page listing the letters the case can send now."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from borderdesk.apps.casework.services import cases, letters
from borderdesk.apps.common.views import refuses_without


def panel(request, record) -> dict:
    """What this part adds to the context of a case's page (``casework/_letters.html``)."""
    return {"letters": letters.available_letters(record.application), "letter_language": record.application.language}


@login_required
@require_GET
@refuses_without(cases.READ)
def letter(request, reference: str, letter: str):
    issued = letters.letter_pdf(
        request.user,
        reference,
        letter,
        request=request.GET.get("request"),
        appointment=request.GET.get("appointment"),
    )
    response = HttpResponse(issued.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{issued.filename}"'
    response["Content-Language"] = issued.language
    return response


urlpatterns = [
    path("<str:reference>/letters/<str:letter>.pdf", letter, name="letter"),
]
