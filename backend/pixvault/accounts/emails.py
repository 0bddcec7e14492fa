"""Normalising and checking email addresses.

An address is accepted only as one RFC 5321 mailbox in its plain form: a dot-atom local part
(no quoted local parts, no comments), ``@`` and a domain of LDH labels with a top-level label
that starts with a letter. Anything a mail header could read as more than one recipient or as
more header (commas, angle brackets and display names, quotes, spaces, CR or LF, semicolons) is
refused, so ``a,b@x.com`` or ``a@x.com\\r\\nBcc: c@y.com`` never reaches a mail header.
"""

from __future__ import annotations

import re

from pixvault.core.errors import UserFacingError

#: RFC 5322 atext, dot-separated (RFC 5321 Dot-string).
_LOCAL = r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_TOP_LABEL = r"[a-z](?:[a-z0-9-]{0,61}[a-z0-9])"
_MAILBOX = re.compile(rf"(?P<local>{_LOCAL})@(?P<domain>(?:{_LABEL}\.)+{_TOP_LABEL})", re.ASCII)

#: RFC 5321 limits: a local part of 64 octets, a path of 256 including its angle brackets.
MAX_LOCAL = 64
MAX_ADDRESS = 254


def normalise_email(raw: str, field: str = "email") -> str:
    email = raw.strip().lower()
    match = _MAILBOX.fullmatch(email) if len(email) <= MAX_ADDRESS else None
    if match is None or len(match["local"]) > MAX_LOCAL:
        raise UserFacingError(
            "INVALID_EMAIL", "Enter one valid email address, such as name@example.com.", field
        )
    return email
