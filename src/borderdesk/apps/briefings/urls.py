"""Operations: briefings officers acknowledge: pages under /briefings/."""

from django.urls import path  # noqa: F401

app_name = "briefings"
urlpatterns: list = []
