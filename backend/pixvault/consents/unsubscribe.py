"""One-click unsubscribe (RFC 8058): signed tokens in marketing mail, and what following one does.

A token names a user and carries an HMAC of it under the secret key, so it needs no storage and
keeps working for as long as the mail sits in an inbox. Following it records a MARKETING_EMAIL
refusal (source EMAIL_LINK) in the consent ledger.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid

from pixvault.accounts.recipients import open_account
from pixvault.consents.services import MARKETING_EMAIL, refuse
from pixvault.core.errors import UserFacingError
from pixvault.core.settings import Settings
from pixvault.core.viewer import ClientInfo

PATH = "/email/unsubscribe"


def _mac(settings: Settings, user_id: uuid.UUID) -> str:
    key = settings.ensure_secret().encode()
    digest = hmac.new(key, b"unsubscribe:" + user_id.bytes, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def unsubscribe_token(settings: Settings, user_id: str) -> str:
    key = uuid.UUID(user_id)
    return f"{key.hex}.{_mac(settings, key)}"


def unsubscribe_url(settings: Settings, user_id: str) -> str:
    return f"{settings.public_url}{PATH}?token={unsubscribe_token(settings, user_id)}"


def _user_id(settings: Settings, token: str) -> uuid.UUID | None:
    head, _, mac = token.strip().partition(".")
    try:
        key = uuid.UUID(hex=head)
    except ValueError:
        return None
    return key if hmac.compare_digest(mac, _mac(settings, key)) else None


async def unsubscribe(settings: Settings, token: str, client: ClientInfo) -> None:
    """Refuse marketing email for the token's user; repeating it is harmless."""
    key = _user_id(settings, token)
    account = await open_account(str(key)) if key else None
    if account is None:
        raise UserFacingError("INVALID_TOKEN", "This unsubscribe link is not valid.", "token")
    await refuse(account.user_id, MARKETING_EMAIL, "EMAIL_LINK", client)
