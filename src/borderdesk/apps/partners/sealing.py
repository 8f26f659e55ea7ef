"""Partners' webhook secrets at rest: sealed with AES-256-GCM under ``BORDERDESK_PARTNER_KEYS`` (the key ring the
casework files and asylum records use, with keys of its own), each bound to its partner: copied onto another
partner's row it does not open."""

from __future__ import annotations

import secrets

from borderdesk.apps.common.errors import Conflict
from borderdesk.apps.common.sealing import keyring
from borderdesk.apps.partners.models import Partner
from borderdesk.core.casework.uploads import FileDamaged, FileKeys, seal, unseal

SETTING = "BORDERDESK_PARTNER_KEYS"
LOCAL_KEY_FILE = "partner-key"


def partner_keys() -> FileKeys:
    return keyring(SETTING, LOCAL_KEY_FILE)


def _name(partner: Partner) -> str:
    return f"partner|{partner.pk}|webhook_secret"


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def seal_secret(partner: Partner, secret: str) -> None:
    """Store ``secret`` sealed on ``partner`` (not saved: the caller saves)."""
    partner.webhook_key_id, partner.webhook_secret = seal(secret.encode(), partner_keys(), _name(partner))


def has_secret(partner: Partner) -> bool:
    return bool(partner.webhook_key_id and partner.webhook_secret)


def webhook_secret(partner: Partner) -> bytes:
    """The partner's secret, or ``Conflict`` (``webhook_secret_missing`` / ``webhook_secret_unreadable``)."""
    if not has_secret(partner):
        raise Conflict(f"{partner.name} has no webhook secret: set one first.", code="webhook_secret_missing")
    try:
        return unseal(
            bytes(partner.webhook_secret), partner_keys(), partner.webhook_key_id, _name(partner), setting=SETTING
        )
    except FileDamaged as exc:
        raise Conflict(
            f"{partner.name}'s webhook secret does not open ({exc.code}): set a new one and give it to them.",
            code="webhook_secret_unreadable",
        ) from None
