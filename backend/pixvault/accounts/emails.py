"""Normalising and checking email addresses."""

from __future__ import annotations

import re

from pixvault.graph.errors import UserFacingError

_SHAPE = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s.]{2,}$")


def normalise_email(raw: str, field: str = "email") -> str:
    email = raw.strip().lower()
    if len(email) > 320 or not _SHAPE.match(email):
        raise UserFacingError("INVALID_EMAIL", "Enter a valid email address.", field)
    return email
