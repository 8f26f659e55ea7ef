"""Operations: passport-control queues and the duty manager's dashboard: pages under /queues/."""

from django.urls import path

from borderdesk.apps.queues import views

app_name = "queues"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("live/", views.dashboard_live, name="dashboard-live"),
    path("setup/", views.setup, name="setup"),
    path("setup/save/", views.save_queue, name="save-queue"),
    path("schedule/", views.schedule, name="schedule"),
    path("schedule/enter/", views.enter_arrival, name="enter-arrival"),
    path("schedule/import/", views.import_schedule, name="import-schedule"),
    path("break/start/", views.start_break, name="start-break"),
    path("break/end/", views.end_break, name="end-break"),
]
