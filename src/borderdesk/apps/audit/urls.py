from django.urls import path

from borderdesk.apps.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.changes, name="trail"),
    path("accesses", views.accesses, name="accesses"),
    path("changes.csv", views.changes_csv, name="changes-csv"),
    path("accesses.csv", views.accesses_csv, name="accesses-csv"),
    path("<str:chain>/<int:seq>/record", views.record, name="record"),
    path("verify", views.verify, name="verify"),
    path("alerts", views.alerts_page, name="alerts"),
    path("alerts/badge", views.alerts_badge, name="alerts-badge"),
    path("alerts/<int:pk>/acknowledge", views.acknowledge_alert, name="alert-acknowledge"),
]
