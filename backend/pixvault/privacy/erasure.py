"""Erasure driven by the register: delete, anonymise or retain each model's records."""

from __future__ import annotations

from typing import Any

import anyio
from tortoise.transactions import in_transaction

from pixvault.core.clock import now
from pixvault.core.privacy_register import (
    Erasure,
    personal_declarations,
    records_query,
    replacement,
)
from pixvault.core.settings import Settings
from pixvault.privacy import journal as erasure_journal
from pixvault.privacy.models import ErasureCertificate


async def erase_user(
    settings: Settings,
    user_id: str,
    request_id: str,
    outside: dict[str, Any] | None = None,
    *,
    journal: bool = True,
) -> ErasureCertificate:
    """Erase everything the register holds about ``user_id``; safe to run again. ``outside``
    records what was done beyond the database (e.g. at the payment provider) for the
    certificate.

    The erasure is first written to the erasure journal (see privacy/journal.py), so that a
    restore from an earlier backup erases the person again; a replay passes ``journal=False``.
    """
    existing = await ErasureCertificate.get_or_none(request_id=request_id)
    if existing is not None:
        return existing
    if journal:
        await anyio.to_thread.run_sync(
            erasure_journal.append, settings.erasure_journal_path, user_id, request_id, now()
        )
    declarations = personal_declarations()
    for declaration in declarations:
        if declaration.on_erase is not None:
            await declaration.on_erase(settings, user_id)
    summary: dict[str, Any] = dict(outside or {})
    # Found before the user row's own email is anonymised (it is erased last).
    queries = [await records_query(d, user_id) for d in declarations]
    async with in_transaction():
        for declaration, query in zip(declarations, queries, strict=True):
            if declaration.erasure is Erasure.DELETE:
                count = await query.delete()
            else:
                count = 0
                for row in await query:
                    for name, value in declaration.anonymise.items():
                        setattr(row, name, replacement(value, row))
                    if declaration.anonymise:
                        await row.save(update_fields=list(declaration.anonymise))
                    count += 1
            summary[declaration.section] = {"action": declaration.erasure.value, "records": count}
        certificate = await ErasureCertificate.create(
            request_id=request_id, erased_at=now(), summary=summary
        )
    return certificate


def touched_tables(certificate: ErasureCertificate) -> list[str]:
    """The tables an erasure changed: those it erased records from, and those its ``on_erase``
    hooks reach (mail to the address, reports filed, stored files' rows)."""
    summary: dict[str, Any] = dict(certificate.summary or {})
    return [
        d.model._meta.db_table
        for d in personal_declarations()
        if d.on_erase is not None or (summary.get(d.section) or {}).get("records")
    ]
