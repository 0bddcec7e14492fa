"""Anonymous visitors: a random id in the NECESSARY ``pv_visitor`` cookie names their consent
decisions in the ledger until they sign up or log in."""

from __future__ import annotations

import re
import secrets

from starlette.requests import Request
from starlette.responses import Response

from pixvault.consents.services import ConsentState, consent_state
from pixvault.core.cookies import VISITOR_COOKIE, clear_cookie, set_cookie
from pixvault.core.settings import Settings

#: secrets.token_urlsafe(32): 256 random bits, 43 URL-safe characters.
_SHAPE = re.compile(r"^[A-Za-z0-9_-]{43}$")


def visitor_id(request: Request) -> str | None:
    """The visitor id the request's cookie carries, if it is one Pixvault could have issued."""
    value = request.cookies.get(VISITOR_COOKIE, "")
    return value if _SHAPE.match(value) else None


def new_visitor_id() -> str:
    return secrets.token_urlsafe(32)


def remember_visitor(response: Response, settings: Settings, visitor: str) -> None:
    set_cookie(response, settings, VISITOR_COOKIE, visitor)


def forget_visitor(response: Response, settings: Settings) -> None:
    clear_cookie(response, settings, VISITOR_COOKIE)


def global_privacy_control(request: Request) -> bool:
    """Sec-GPC: 1, the Global Privacy Control signal, or DNT: 1, the older Do-Not-Track one,
    which says the same and is treated the same."""
    headers = request.headers
    return "1" in (headers.get("sec-gpc", "").strip(), headers.get("dnt", "").strip())


async def request_consent_state(request: Request, user_id: str | None) -> ConsentState:
    """The signed-in user's decisions, else the visitor's by its cookie, with the request's GPC."""
    return await consent_state(
        user_id=user_id,
        visitor_id=None if user_id else visitor_id(request),
        gpc=global_privacy_control(request),
    )
