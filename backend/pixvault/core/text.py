"""Cleaning and checking free text typed into forms: one-line fields and longer messages."""

from __future__ import annotations

import re

from pixvault.core.errors import UserFacingError

#: Control characters other than tab and newline (PostgreSQL refuses NUL in text outright).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _checked(value: str, field: str, limit: int) -> str:
    if not value:
        raise UserFacingError("REQUIRED", "This field is required.", field)
    if len(value) > limit:
        raise UserFacingError("TOO_LONG", f"Use at most {limit} characters.", field)
    return value


def _collapsed(raw: str | None) -> str:
    return " ".join(_CONTROL.sub(" ", raw or "").split())


def line(raw: str, field: str, *, limit: int = 200) -> str:
    """A required line of text, its whitespace (line breaks included) collapsed."""
    return _checked(_collapsed(raw), field, limit)


def optional_line(raw: str | None, field: str, *, limit: int = 200) -> str | None:
    """Like :func:`line`, but blank or missing is None."""
    value = _collapsed(raw)
    return _checked(value, field, limit) if value else None


def paragraphs(raw: str, field: str, *, limit: int) -> str:
    """Required free text that keeps its line breaks."""
    value = _CONTROL.sub("", raw.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return _checked(value, field, limit)
