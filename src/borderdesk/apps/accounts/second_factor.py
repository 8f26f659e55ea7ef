"""The second factor every person signs in with: an authenticator app (TOTP) and ten single-use recovery codes.

A code is checked against one device, never tried on every device: each device throttles its own wrong codes
(django-otp doubles the wait after each one), and a failed check must stay written, so checks never run inside a
transaction that an error would roll back.
"""

from __future__ import annotations

import hashlib
from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django_otp import login as otp_login
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from borderdesk.apps.accounts.models import User
from borderdesk.apps.audit.services import record_change
from borderdesk.apps.common.errors import NotFound, PermissionDenied
from borderdesk.apps.common.services import atomic_block, service
from borderdesk.core.access import Perm
from borderdesk.core.audit.actions import AuditAction

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR = "authenticator"
RECOVERY_CODES = "recovery codes"


def is_satisfied(user) -> bool:
    """Whether ``user`` (``request.user``) may be served pages: the second factor is verified, or not required."""
    if not settings.BORDERDESK_REQUIRE_SECOND_FACTOR:
        return True
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def has_authenticator(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_authenticator(user: User) -> TOTPDevice:
    """The authenticator being enrolled: the same one on every visit until it is confirmed with a code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=False)


def secret_base32(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode()


def qr_code_svg(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_inline(scale=4, title="Authenticator QR code")


def current_code(device: TOTPDevice) -> str:
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
    return str(code).zfill(device.digits)


def _normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _looks_like_authenticator_code(code: str) -> bool:
    return code.isdigit() and len(code) == 6


def verify(request, code: str) -> bool:
    """Check the code the signed-in user typed; when right, the session is verified. Audited either way."""
    user = request.user
    code = _normalise(code)
    if _looks_like_authenticator_code(code):
        device, method = _check(TOTPDevice, user, code), "totp"
    else:
        device, method = _check(StaticDevice, user, code), "recovery_code"
    if device is None:
        record_change(user, AuditAction.ACCOUNTS_SIGNIN_SECOND_FACTOR_FAILURE, user, new=_where(request))
        return False
    _verified(request, device)
    with atomic_block():
        if method == "recovery_code":
            left = StaticToken.objects.filter(device__user=user).count()
            record_change(user, AuditAction.ACCOUNTS_SIGNIN_RECOVERY_CODE_USED, user, new={"recovery_codes_left": left})
        record_change(user, AuditAction.ACCOUNTS_SIGNIN_SECOND_FACTOR, user, new={"method": method, **_where(request)})
    return True


def _check(device_class, user: User, code: str):
    with transaction.atomic():
        for device in device_class.objects.select_for_update().filter(user=user, confirmed=True):
            if device.verify_token(code):
                return device
    return None


def is_throttled(user: User) -> bool:
    devices = [*TOTPDevice.objects.filter(user=user), *StaticDevice.objects.filter(user=user)]
    return any(not device.verify_is_allowed()[0] for device in devices)


def confirm_enrolment(request, code: str) -> list[str] | None:
    """Confirm the pending authenticator with a code from it; return the new recovery codes (shown once)."""
    user = request.user
    device = pending_authenticator(user)
    if not device.verify_token(_normalise(code)):
        record_change(
            user, AuditAction.ACCOUNTS_SIGNIN_SECOND_FACTOR_FAILURE, user, new={"stage": "enrolment", **_where(request)}
        )
        return None
    with atomic_block():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        codes = _new_recovery_codes(user)
        record_change(
            user, AuditAction.ACCOUNTS_SECOND_FACTOR_ENROL, user, new={"device": "totp", "recovery_codes": len(codes)}
        )
    _verified(request, device)
    return codes


def _verified(request, device) -> None:
    request.session.cycle_key()  # a new session id for the fully signed-in session
    otp_login(request, device)


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@service(Perm.ADMIN_USER_MANAGE)
def reset(actor, user: User) -> int:
    """An administrator removes a user's authenticator and recovery codes (a lost phone): they enrol again."""
    if actor.pk == user.pk:
        raise PermissionDenied("Nobody resets their own second factor; ask another administrator.", code="own_account")
    removed = TOTPDevice.objects.filter(user=user).delete()[0] + StaticDevice.objects.filter(user=user).delete()[0]
    record_change(
        actor,
        AuditAction.ACCOUNTS_SECOND_FACTOR_RESET,
        user,
        new={"username": user.username, "devices_removed": removed},
    )
    return removed


def _where(request) -> dict:
    return {"ip_address": getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR", "")}


# Demo users only: a known secret, so that the demo can be tried without an authenticator app.


def demo_key(username: str) -> str:
    return hashlib.sha256(f"borderdesk-demo:{username}".encode()).hexdigest()[:40]


def enrol_demo_user(user: User) -> TOTPDevice:
    """Mark ``user`` as a demo user and give them an authenticator with the demo's known secret."""
    if not user.is_demo:
        user.is_demo = True
        user.save(update_fields=["is_demo"])
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=True, key=demo_key(user.username))
    return device


def demo_code(username: str) -> str:
    """The current code of a demo user's authenticator; refused for everyone else."""
    user = User.objects.filter(username=username).first()
    if user is None:
        raise NotFound(f"No user named {username!r}.", code="user_not_found")
    if not user.is_demo:
        raise PermissionDenied(
            f"{username} is not a demo user: codes are printed for demo users only.", code="not_a_demo_user"
        )
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        raise NotFound(f"{username} has no authenticator.", code="no_authenticator")
    return current_code(device)
