"""Patrol incidents: pages under /incidents/."""

from django.urls import path

from borderdesk.apps.incidents import views

app_name = "incidents"
urlpatterns = [
    path("", views.incident_list, name="list"),
    path("new", views.new, name="new"),
    path("people/<int:pk>/protection", views.protection, name="protection"),
    path("people/<int:pk>/refer", views.refer, name="refer"),
    path("people/<int:pk>/outcome", views.outcome, name="outcome"),
    path("<str:reference>/", views.incident, name="incident"),
    path("<str:reference>/people", views.add_person, name="add-person"),
    path("<str:reference>/seized", views.seize, name="seize"),
]
