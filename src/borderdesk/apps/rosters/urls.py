"""Operations: 24/7 rosters, shifts, leave and swaps: pages under /rosters/."""

from django.urls import path  # noqa: F401

app_name = "rosters"
urlpatterns: list = []
