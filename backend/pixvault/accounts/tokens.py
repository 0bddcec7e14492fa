"""Random secrets handed to clients, and the digests stored in their place."""

from __future__ import annotations

import hashlib
import secrets


def new_secret(prefix: str = "") -> str:
    """256 random bits, URL-safe."""
    return prefix + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class InvalidBearerTokenError(Exception):
    """A request's bearer token is wrong, expired, revoked or its account unusable.

    Never treated as anonymous: the middleware answers 401 with ``WWW-Authenticate: Bearer``
    (http/middleware.py), on every route that reads credentials.
    """
