"""Collecting a person's data from the register, as JSON-ready records."""

from __future__ import annotations

import base64
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from pixvault.core.privacy_register import (
    FieldUse,
    PersonalData,
    field_uses,
    personal_declarations,
    personal_fields,
    records_query,
)

REDACTED = "[redacted]"


def plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


async def records_for(declaration: PersonalData, user_id: str) -> list[dict[str, Any]]:
    query = await records_query(declaration, user_id)
    rows = await query.values(*declaration.fields, *declaration.redacted)
    records = []
    for row in rows:
        record = {name: plain(row[name]) for name in declaration.fields}
        record.update({name: REDACTED for name in declaration.redacted})
        records.append(record)
    return records


def _erasure_of(use: FieldUse) -> str | None:
    return use.erasure.value if use.erasure is not None else None


async def collect(user_id: str) -> dict[str, dict[str, Any]]:
    """Every section of the register: its purpose, what erasure does, and the records."""
    sections: dict[str, dict[str, Any]] = {}
    for declaration in personal_declarations():
        uses = field_uses(declaration)
        sections[declaration.section] = {
            "purpose": declaration.purpose,
            "on_erasure": declaration.erasure.value,
            "retention": declaration.retention,
            # What each field of the records is, and what erasure does to it.
            "fields": {
                name: {"on_erasure": _erasure_of(uses[name]), "retention": uses[name].period}
                for name in personal_fields(declaration)
            },
            "records": await records_for(declaration, user_id),
        }
    return sections
