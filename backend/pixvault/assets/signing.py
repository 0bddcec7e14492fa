"""Delivery URLs, and the HMAC signatures that let a PRIVATE asset's URL work until it expires.

A signature covers the path and every parameter (exp included), so no parameter can be changed
or added to a signed URL. Expiries are rounded up to a window, so a page reloaded within the
window gets the same URLs and browsers can reuse what they cached.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
from collections.abc import Mapping
from urllib.parse import urlencode

from pixvault.assets.params import Spec, query_items
from pixvault.core.clock import now
from pixvault.core.settings import Settings

PATH_PREFIX = "/i/"
#: Expiries are rounded up to a multiple of this many seconds.
EXPIRY_WINDOW = 600


def delivery_path(asset_id: str, version: int | None = None) -> str:
    """Signed URLs' path, or with the delivery version, public URLs' (assets/recall.py)."""
    return f"{PATH_PREFIX}{asset_id}" if version is None else f"{PATH_PREFIX}{asset_id}/{version}"


def cache_tag(asset_id: str) -> str:
    """The tag every public response of the asset carries (Cache-Tag, Surrogate-Key), and
    that the purge hook names when the asset is recalled."""
    return f"pixvault-asset-{asset_id}"


def _key(settings: Settings) -> bytes:
    return _derived_key(settings.ensure_secret())


@functools.lru_cache(maxsize=8)
def _derived_key(secret: str) -> bytes:
    """The signing key for a secret, derived once (a page of URLs signs each with it)."""
    return hmac.digest(secret.encode(), b"pixvault asset delivery v1", hashlib.sha256)


def _sign(settings: Settings, message: bytes) -> str:
    digest = hmac.digest(_key(settings), message, hashlib.sha256)
    return base64.urlsafe_b64encode(digest[:18]).decode()


def _message(path: str, query: Mapping[str, str]) -> bytes:
    items = [(k, v) for k, v in query_items(query) if k != "sig"]
    return f"{path}?{urlencode(items)}".encode()


def signature(settings: Settings, path: str, query: Mapping[str, str]) -> str:
    return _sign(settings, _message(path, query))


def verify(settings: Settings, path: str, query: Mapping[str, str]) -> bool:
    """A valid signature whose expiry has not passed."""
    sig, exp = query.get("sig"), query.get("exp")
    if not sig or not exp or not exp.isdigit():
        return False
    if not hmac.compare_digest(sig, signature(settings, path, query)):
        return False
    return int(exp) > now().timestamp()


def expiry(settings: Settings) -> int:
    at = int(now().timestamp()) + settings.signed_url_seconds
    return -(-at // EXPIRY_WINDOW) * EXPIRY_WINDOW


def build_url(
    settings: Settings,
    asset_id: str,
    spec: Spec,
    *,
    signed: bool,
    download: bool = False,
    version: int | None = None,
) -> str:
    """A signed URL, or (``version`` given, unsigned) a public one."""
    path = delivery_path(asset_id, None if signed else version)
    query = dict(spec.query())
    if download:
        query["dl"] = "1"
    base = settings.public_url.rstrip("/") + path
    if signed:
        # sig comes last in the canonical order and is URL-safe base64, so the signed message's
        # query is the URL's query up to "&sig=": encoded once, the same bytes verify() checks.
        query["exp"] = str(expiry(settings))
        encoded = urlencode(query_items(query))
        sig = _sign(settings, f"{path}?{encoded}".encode())
        return f"{base}?{encoded}&sig={sig}"
    items = query_items(query)
    return f"{base}?{urlencode(items)}" if items else base
