"""The cookie register: every cookie Pixvault sets, declared once, and the only way to set one.

Responses set and clear cookies through :func:`set_cookie` and :func:`clear_cookie`, which
refuse a name the register lacks and take each cookie's lifetime from its declaration. What the
register (and the cookieDeclarations query) tells people is therefore what their browsers get;
tests/test_cookie_register.py drives every flow that sets a cookie and checks each Set-Cookie
against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from starlette.responses import Response

from pixvault.core import described
from pixvault.core.settings import Settings

VISITOR_COOKIE = "pv_visitor"
#: How long a visitor's consent choices are remembered before the banner asks again (the
#: six months CNIL recommends for re-asking).
VISITOR_COOKIE_DAYS = 180


@described.enum(
    "What a cookie is for, which decides whether it needs consent.",
    {
        "NECESSARY": "Needed for the service to work (sign-in, security, remembering "
        "consent); set without consent.",
        "PREFERENCES": "Remembers choices such as language or layout; needs PREFERENCES consent.",
        "ANALYTICS": "Measures how the service is used; needs ANALYTICS consent.",
        "MARKETING": "Used for marketing; needs consent.",
    },
)
class CookieCategory(StrEnum):
    NECESSARY = "NECESSARY"
    PREFERENCES = "PREFERENCES"
    ANALYTICS = "ANALYTICS"
    MARKETING = "MARKETING"


@dataclass(frozen=True)
class Cookie:
    name: str
    category: CookieCategory
    purpose: str
    persistent: bool
    #: How long a persistent cookie lives, in seconds.
    max_age_seconds: int | None
    provider: str
    #: Set without an expiry (a browser-session cookie) unless the person asks to be remembered.
    session_unless_remembered: bool = False


class UndeclaredCookieError(RuntimeError):
    """A cookie the register does not declare, or set in a way its declaration does not allow."""


def session_cookie_name(settings: Settings) -> str:
    """``__Host-`` under https: the browser then insists on Secure, Path=/ and no Domain."""
    return "__Host-pv_session" if settings.https else "pv_session"


def register(settings: Settings) -> dict[str, Cookie]:
    """Every cookie this installation can set, by name."""
    provider = f"Pixvault at {urlsplit(settings.public_url).hostname} (first party)"
    days = settings.remember_me_days
    cookies = [
        Cookie(
            name=session_cookie_name(settings),
            category=CookieCategory.NECESSARY,
            purpose=(
                "Keeps you signed in. A browser-session cookie, removed when you close the "
                f"browser, unless you choose 'remember me': then it lasts {days} days from your "
                "last visit."
            ),
            persistent=True,
            max_age_seconds=days * 86400,
            provider=provider,
            session_unless_remembered=True,
        ),
        Cookie(
            name=VISITOR_COOKIE,
            category=CookieCategory.NECESSARY,
            purpose=(
                "A random id that lets Pixvault remember, and prove, the cookie and consent "
                "choices of a visitor who is not signed in. Set only once you make a choice, "
                "and removed when you sign in (your choices then belong to your account)."
            ),
            persistent=True,
            max_age_seconds=VISITOR_COOKIE_DAYS * 86400,
            provider=provider,
        ),
    ]
    return {cookie.name: cookie for cookie in cookies}


def declared(settings: Settings, name: str) -> Cookie:
    cookie = register(settings).get(name)
    if cookie is None:
        raise UndeclaredCookieError(f"the cookie register does not declare {name!r}")
    return cookie


def _replace_earlier(response: Response, name: str) -> None:
    """One Set-Cookie per cookie per response: a later word (a log-out after the sliding
    refresh of the same request) replaces the earlier one. Browsers would apply both in order,
    but not every client does (Python's cookie jar applies a deletion first)."""
    prefix = f"{name}=".encode("latin-1")
    response.raw_headers[:] = [
        (key, value)
        for key, value in response.raw_headers
        if not (key == b"set-cookie" and value.startswith(prefix))
    ]


def set_cookie(
    response: Response, settings: Settings, name: str, value: str, *, remembered: bool = True
) -> None:
    """Set a declared cookie: HttpOnly, SameSite=Lax, Path=/, Secure under https.

    ``remembered=False`` sets a browser-session cookie, for a declaration that allows one.
    """
    cookie = declared(settings, name)
    if not remembered and not cookie.session_unless_remembered:
        raise UndeclaredCookieError(f"{name} is not declared as a browser-session cookie")
    max_age = cookie.max_age_seconds if cookie.persistent and remembered else None
    _replace_earlier(response, name)
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        secure=settings.https,
        httponly=True,
        samesite="lax",
    )


def clear_cookie(response: Response, settings: Settings, name: str) -> None:
    declared(settings, name)
    _replace_earlier(response, name)
    response.delete_cookie(name, path="/", secure=settings.https, httponly=True, samesite="lax")
