"""The claim page's access log panel: who opened the claim, when and why (services/access_log.py)."""

from __future__ import annotations

from borderdesk.apps.asylum.services import access_log
from borderdesk.apps.asylum.views import claim


def panel(request, record) -> dict:
    if record.standing not in access_log.SEES_THE_LOG:
        return {"access_log": None}
    return {"access_log": access_log.access_log(request.user, record.claim)}


claim.PANELS.append(("asylum/_access_log.html", panel))
