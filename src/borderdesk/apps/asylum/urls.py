"""The asylum unit's pages, under /asylum/: a claim's page (opened with a reason) and what is done on it."""

from borderdesk.apps.asylum.views import claim, procedure

app_name = "asylum"
urlpatterns = [
    *claim.urlpatterns,
    *procedure.urlpatterns,
]
