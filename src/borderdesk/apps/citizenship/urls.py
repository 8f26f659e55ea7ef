"""Naturalisation's pages, under /citizenship/ (each acts on a case of casework, whose page shows the result)."""

from borderdesk.apps.citizenship.views import app_name, urlpatterns

__all__ = ["app_name", "urlpatterns"]
