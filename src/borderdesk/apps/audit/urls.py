from django.urls import path

from borderdesk.apps.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.trail, name="trail"),
    path("verify", views.verify, name="verify"),
]
