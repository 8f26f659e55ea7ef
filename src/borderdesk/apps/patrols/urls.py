"""Patrols on land and sea: pages under /patrols/."""

from django.urls import path

from borderdesk.apps.patrols import views

app_name = "patrols"
urlpatterns = [
    path("", views.home, name="home"),
    path("sectors/<str:post_code>/", views.sector, name="sector"),
    path("sectors/<str:post_code>/boundary", views.save_sector, name="save-sector"),
    path("sectors/<str:post_code>/units", views.add_unit, name="add-unit"),
    path("sectors/<str:post_code>/units/<int:pk>/deactivate", views.deactivate_unit, name="deactivate-unit"),
    path("sectors/<str:post_code>/start", views.start, name="start"),
    path("sectors/<str:post_code>/log", views.log, name="log"),
    path("sectors/<str:post_code>/map", views.sector_map, name="map"),
    path("<int:pk>/", views.patrol, name="patrol"),
    path("<int:pk>/positions", views.report_position, name="report-position"),
    path("<int:pk>/positions/pasted", views.report_pasted, name="report-pasted"),
    path("<int:pk>/positions/<int:position_pk>/withdraw", views.withdraw_position, name="withdraw-position"),
    path("<int:pk>/end", views.end, name="end"),
]
