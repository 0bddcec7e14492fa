"""RFC 6238 time-based codes on the injected clock, and the QR code that carries the seed.

Codes are six digits over 30-second steps (pyotp's defaults, what authenticator apps expect);
the step before and the step after the current one are accepted too, for clock drift and
typing time. Which step matched is returned so the caller can refuse a code used before.
"""

from __future__ import annotations

import base64
import hmac
import io

import pyotp
import segno

from pixvault.core.clock import now

STEP_SECONDS = 30
DIGITS = 6
#: Steps accepted either side of the current one.
TOLERANCE = 1
ISSUER = "Pixvault"


def new_seed() -> str:
    return pyotp.random_base32()


def current_step() -> int:
    return int(now().timestamp()) // STEP_SECONDS


def code_at(seed: str, step: int) -> str:
    return pyotp.TOTP(seed, digits=DIGITS, interval=STEP_SECONDS).at(step * STEP_SECONDS)


def matching_step(seed: str, code: str) -> int | None:
    """The step within tolerance whose code ``code`` is, or None."""
    typed = "".join(code.split())
    if len(typed) != DIGITS or not typed.isdigit():
        return None
    here = current_step()
    for step in range(here - TOLERANCE, here + TOLERANCE + 1):
        if hmac.compare_digest(code_at(seed, step), typed):
            return step
    return None


def provisioning_uri(seed: str, account: str) -> str:
    """The otpauth:// URI authenticator apps read from the QR code."""
    totp = pyotp.TOTP(seed, digits=DIGITS, interval=STEP_SECONDS)
    return totp.provisioning_uri(name=account, issuer_name=ISSUER)


def qr_svg_data_url(uri: str) -> str:
    """The URI as a QR code, an SVG data URL an <img> shows without any other request."""
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(buffer, kind="svg", scale=4, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
