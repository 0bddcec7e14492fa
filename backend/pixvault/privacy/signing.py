"""HMAC-signed, expiring links (export downloads)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime


def sign(secret: str, path: str, expires: int) -> str:
    message = f"{path}\n{expires}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify(secret: str, path: str, expires: str, signature: str, now: datetime) -> bool:
    if not expires.isdigit() or int(expires) < int(now.timestamp()):
        return False
    return hmac.compare_digest(sign(secret, path, int(expires)), signature)
