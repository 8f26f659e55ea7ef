"""The asylum unit's pages, under /asylum/: a claim's page (opened with a reason) and what is done on it."""

from borderdesk.apps.asylum.views import claim, making, queue, registration

app_name = "asylum"
urlpatterns = [
    *claim.urlpatterns,
    *queue.urlpatterns,
    *making.urlpatterns,
    *registration.urlpatterns,
]
