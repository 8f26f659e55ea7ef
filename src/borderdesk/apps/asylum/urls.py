"""The asylum unit's pages, under /asylum/: a claim's page (opened with a reason) and what is done on it."""

from borderdesk.apps.asylum.views import access_log, claim, making, procedure, queue, registration

app_name = "asylum"
PANEL_MODULES = [access_log]  # imported for the panel each adds to the claim page
urlpatterns = [
    *claim.urlpatterns,
    *procedure.urlpatterns,
    *queue.urlpatterns,
    *making.urlpatterns,
    *registration.urlpatterns,
]
