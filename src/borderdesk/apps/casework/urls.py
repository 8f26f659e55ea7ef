"""Casework's pages, under /casework/: queues and intake first, then a case's page and what is done on it."""

from borderdesk.apps.casework.views import (
    appointments,
    case,
    checks,
    decisions,
    evidence,
    files,
    intake,
    letters,
    queues,
)

app_name = "casework"
urlpatterns = [
    *queues.urlpatterns,
    *intake.urlpatterns,
    *appointments.urlpatterns,
    *case.urlpatterns,
    *files.urlpatterns,
    *checks.urlpatterns,
    *evidence.urlpatterns,
    *decisions.urlpatterns,
    *letters.urlpatterns,
]
