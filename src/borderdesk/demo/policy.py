"""Demo entry policy: the bundled packs published as version 1, and a few recommendations for the simulation.

Idempotent: a pack already published and recommendations already given are left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone

from borderdesk.apps.accounts.actors import DEMO
from borderdesk.apps.policy.models import Evaluation
from borderdesk.apps.policy.services import ensure_bundled_packs, recommend_entry

# (nationality, days of stay, means in UTD, document expiry in years, purpose): travellers of every visa group.
TRAVELLERS = [
    ("MYS", 14, 5000, 5, "tourism"),
    ("SGP", 10, 3000, 3, "business"),
    ("THA", 25, 800, 4, "tourism"),
    ("GBR", 20, 4000, 6, "tourism"),
    ("USA", 7, 2000, 2, "business"),
    ("DEU", 14, 2500, 8, "tourism"),
    ("BRA", 21, 3000, 5, "family_visit"),
    ("CHN", 12, 2000, 1, "tourism"),
    ("IND", 30, 4000, 7, "business"),
    ("NGA", 10, 1500, 5, "business"),
    ("KEN", 5, 100, 2, "tourism"),
    ("MYS", 40, 5000, 5, "tourism"),
]
_DOCUMENTS = {
    "tourism": ["accommodation_booking"],
    "business": ["invitation_letter"],
    "family_visit": ["invitation_letter"],
}


def load_policy(progress: Callable[[str], None] = lambda _: None) -> None:
    for version in ensure_bundled_packs():
        progress(f"  rule pack {version.pack_id} {version.label} published as version {version.number}")
    if Evaluation.objects.exists():
        return
    today = timezone.localdate()
    for nationality, days, means, years, purpose in TRAVELLERS:
        situation = {
            "nationality": nationality,
            "document": {"expiry": (today + timedelta(days=365 * years)).isoformat()},
            "planned_departure": (today + timedelta(days=days - 1)).isoformat(),
            "purpose": purpose,
            "purpose_documents": _DOCUMENTS[purpose],
            "means": {"amount": means, "currency": "UTD"},
            "return_ticket": True,
            "accommodation": True,
        }
        recommend_entry(DEMO, situation, on=today, post_code="UCX", purpose="demo data")
    progress(f"  {len(TRAVELLERS)} recommendations of the rules (for the policy simulation)")
