"""Administering partner agencies: who they are, where their webhooks go and which watchlists they own, their
webhook secret (shown once, sealed at rest), and the account whose API tokens act for them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from borderdesk.apps.accounts.models import ApiToken
from borderdesk.apps.accounts.services import create_user
from borderdesk.apps.accounts.tokens import issue_token, revoke_token
from borderdesk.apps.audit.services import record_change, snapshot
from borderdesk.apps.common.errors import Conflict, Invalid, NotFound
from borderdesk.apps.common.services import pk_of, service
from borderdesk.apps.partners.models import Alert, AlertState, Partner, PartnerKind
from borderdesk.apps.partners.sealing import has_secret, new_secret, seal_secret
from borderdesk.apps.watchlists.models import WatchList
from borderdesk.core.access import Perm, Role
from borderdesk.core.audit.actions import AuditAction

MANAGE = Perm.ADMIN_PARTNER_MANAGE
FIELDS = ["code", "name", "kind", "country", "webhook_url", "watchlists", "is_active"]
NAME_MAX = 200
URL_MAX = 500
_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_COUNTRY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class PartnerForm:
    """What an administrator typed, as text; ``create_partner`` and ``update_partner`` check it."""

    code: str = ""
    name: str = ""
    kind: str = PartnerKind.POLICE
    country: str = "UTO"
    webhook_url: str = ""
    watchlists: tuple[str, ...] = ()
    is_active: bool = True


@dataclass(frozen=True)
class PartnerRow:
    partner: Partner
    has_secret: bool
    waiting: int  # alerts not delivered yet
    failing: int


@service(MANAGE)
def partner_rows(actor) -> list[PartnerRow]:
    waiting = {state: _counts(state) for state in (AlertState.PENDING, AlertState.FAILING)}
    return [
        PartnerRow(
            partner,
            has_secret(partner),
            waiting[AlertState.PENDING].get(partner.pk, 0) + waiting[AlertState.FAILING].get(partner.pk, 0),
            waiting[AlertState.FAILING].get(partner.pk, 0),
        )
        for partner in Partner.objects.select_related("account")
    ]


def _counts(state: str) -> dict[int, int]:
    from django.db.models import Count

    rows = Alert.objects.filter(state=state).values("partner").annotate(n=Count("pk"))
    return {row["partner"]: row["n"] for row in rows}


@service(MANAGE)
def managed_partner(actor, partner_id) -> Partner:
    partner = Partner.objects.select_related("account").filter(pk=pk_of(partner_id, field="partner")).first()
    if partner is None:
        raise NotFound("No such partner agency.", code="partner_not_found")
    return partner


@service(MANAGE)
def partner_tokens(actor, partner: Partner) -> list[ApiToken]:
    if partner.account_id is None:
        return []
    return list(ApiToken.objects.filter(user_id=partner.account_id).order_by("-created_at"))


def known_watchlists() -> list[str]:
    return list(WatchList.objects.order_by("name").values_list("name", flat=True))


def _checked(form: PartnerForm) -> dict:
    code = form.code.strip().lower()
    if not _CODE.match(code):
        raise Invalid(
            "The code is 1 to 40 lower-case letters, digits or hyphens, e.g. national-police.",
            code="code_invalid",
            field="code",
        )
    name = " ".join(form.name.split())
    if not name:
        raise Invalid("Give the partner's name.", code="name_required", field="name")
    if len(name) > NAME_MAX:
        raise Invalid(f"The name is at most {NAME_MAX} characters.", code="name_too_long", field="name")
    if form.kind not in PartnerKind.values:
        raise Invalid("Choose what kind of agency it is.", code="kind_invalid", field="kind")
    country = form.country.strip().upper()
    if not _COUNTRY.match(country):
        raise Invalid("The country is a three-letter code, e.g. UTO.", code="country_invalid", field="country")
    return {
        "code": code,
        "name": name,
        "kind": form.kind,
        "country": country,
        "webhook_url": _checked_url(form.webhook_url),
        "watchlists": _checked_lists(form.watchlists),
        "is_active": bool(form.is_active),
    }


def _checked_url(value: str) -> str:
    url = value.strip()
    if not url:
        return ""
    if len(url) > URL_MAX:
        raise Invalid(f"The address is at most {URL_MAX} characters.", code="webhook_url_too_long", field="webhook_url")
    try:
        URLValidator(schemes=["https", "http"])(url)
    except ValidationError:
        raise Invalid(
            "The webhook address is an http:// or https:// address, e.g. https://alerts.police.example/borderdesk.",
            code="webhook_url_invalid",
            field="webhook_url",
        ) from None
    return url


def _checked_lists(names) -> list[str]:
    chosen = sorted({str(name).strip() for name in names if str(name).strip()})
    unknown = sorted(set(chosen) - set(known_watchlists()))
    if unknown:
        raise Invalid(f"No watchlist {unknown[0][:40]!r}.", code="unknown_watchlist", field="watchlists")
    return chosen


@service(MANAGE)
def create_partner(actor, form: PartnerForm) -> Partner:
    values = _checked(form)
    if Partner.objects.filter(code=values["code"]).exists():
        raise Conflict(f"A partner with the code {values['code']} exists.", code="partner_exists", field="code")
    partner = Partner.objects.create(**values)
    record_change(actor, AuditAction.PARTNERS_PARTNER_CREATE, partner, new=snapshot(partner, FIELDS))
    return partner


@service(MANAGE)
def update_partner(actor, partner_id, form: PartnerForm) -> Partner:
    partner = _locked(partner_id)
    values = _checked(form)
    if values["code"] != partner.code:
        raise Invalid(
            "A partner's code does not change: its alerts and tokens name it.", code="code_fixed", field="code"
        )
    old = snapshot(partner, FIELDS)
    for name, value in values.items():
        setattr(partner, name, value)
    partner.save(update_fields=[name for name in FIELDS if name != "code"])
    record_change(actor, AuditAction.PARTNERS_PARTNER_UPDATE, partner, old=old, new=snapshot(partner, FIELDS))
    return partner


@service(MANAGE)
def set_webhook_secret(actor, partner_id) -> str:
    """A new secret for the partner's webhooks and callbacks: returned once, to be given to the partner; stored
    sealed. The old one stops working at once."""
    partner = _locked(partner_id)
    secret = new_secret()
    replaced = has_secret(partner)
    seal_secret(partner, secret)
    partner.save(update_fields=["webhook_secret", "webhook_key_id"])
    record_change(
        actor,
        AuditAction.PARTNERS_PARTNER_SECRET_SET,
        partner,
        new={"code": partner.code, "key_id": partner.webhook_key_id, "replaced": replaced},
    )
    return secret


@service(MANAGE)
def create_account(actor, partner_id) -> Partner:
    """The partner's account (role partner agency, no password: it acts only through its API tokens)."""
    partner = _locked(partner_id)
    if partner.account_id is not None:
        raise Conflict(f"{partner.name} has an account already.", code="partner_has_account")
    account = create_user(actor, username=f"partner-{partner.code}", password=None, roles=[Role.PARTNER_AGENCY.value])
    partner.account = account
    partner.save(update_fields=["account"])
    record_change(
        actor,
        AuditAction.PARTNERS_PARTNER_ACCOUNT_CREATE,
        partner,
        new={"code": partner.code, "account": account.username},
    )
    return partner


@service(MANAGE)
def issue_partner_token(actor, partner_id, *, name: str) -> tuple[ApiToken, str]:
    """A token for the partner's account; the secret is returned once."""
    partner = _locked(partner_id)
    if partner.account is None:
        raise Conflict(f"{partner.name} has no account yet: create it first.", code="partner_has_no_account")
    if len(name.strip()) > 100:
        raise Invalid("The token's name is at most 100 characters.", code="token_name_too_long", field="name")
    return issue_token(actor, partner.account, name=name)


@service(MANAGE)
def revoke_partner_token(actor, partner_id, prefix: str) -> ApiToken:
    partner = _locked(partner_id)
    if not ApiToken.objects.filter(user_id=partner.account_id, prefix=str(prefix)[:20], revoked_at=None).exists():
        raise NotFound("No token in use of this partner starts so.", code="token_not_found")
    return revoke_token(actor, str(prefix)[:20])


def _locked(partner_id) -> Partner:
    partner = (
        Partner.objects.select_for_update(of=("self",))
        .select_related("account")
        .filter(pk=pk_of(partner_id, field="partner"))
        .first()
    )
    if partner is None:
        raise NotFound("No such partner agency.", code="partner_not_found")
    return partner
