"""Operations: passport-control queues and the duty manager's dashboard: pages under /queues/."""

from django.urls import path  # noqa: F401

app_name = "queues"
urlpatterns: list = []
