"""Operations: figures per day and month, CSV exports: pages under /figures/."""

from django.urls import path  # noqa: F401

app_name = "figures"
urlpatterns: list = []
