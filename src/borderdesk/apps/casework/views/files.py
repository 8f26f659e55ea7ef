"""(Placeholder until this part is built: its views, its urlpatterns and its panel on a case's page.)"""

from __future__ import annotations


def panel(request, record) -> dict:
    """What this part adds to the context of a case's page (``casework/_files.html``)."""
    return {}


urlpatterns: list = []
