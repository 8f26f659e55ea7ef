"""Flights and their manifests: pages under /flights/."""

from django.urls import path

from borderdesk.apps.manifests import views

app_name = "manifests"
urlpatterns = [
    path("", views.flight_list, name="flights"),
    path("<int:pk>/", views.flight_page, name="flight"),
    path("<int:pk>/arrived", views.mark_arrived, name="mark-arrived"),
    path("<int:pk>/screening", views.screening_progress, name="screening"),
    path("<int:pk>/screen-again", views.screen_again, name="screen-again"),
    path("messages/<int:pk>/", views.message_page, name="message"),
]
