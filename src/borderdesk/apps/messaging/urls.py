"""Operations: messages and calls to a supervisor: pages under /messages/."""

from django.urls import path  # noqa: F401

app_name = "messaging"
urlpatterns: list = []
